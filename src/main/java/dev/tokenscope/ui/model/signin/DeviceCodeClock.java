package dev.tokenscope.ui.model.signin;

import dev.tokenscope.engine.signin.DeviceCodeInfo;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Clock;
import java.time.Duration;

/** The device code on show while the device code grant polls, and the time it has left. Call it on the FX thread. */
public final class DeviceCodeClock {
    private final Clock clock;
    private final ReadOnlyObjectWrapper<DeviceCodeInfo> deviceCode = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(0);

    DeviceCodeClock(Clock clock) {
        this.clock = clock;
    }

    /** The device code to show while polling (null otherwise). */
    public ReadOnlyObjectProperty<DeviceCodeInfo> deviceCodeProperty() { return deviceCode.getReadOnlyProperty(); }
    /** "14:32" until the user code expires ("expired" after); see {@link #tick()}. */
    public ReadOnlyStringProperty countdownProperty() { return countdown.getReadOnlyProperty(); }
    /** Share of the code's lifetime left, 1 to 0. */
    public ReadOnlyDoubleProperty countdownFractionProperty() { return fraction.getReadOnlyProperty(); }

    DeviceCodeInfo get() {
        return deviceCode.get();
    }

    void set(DeviceCodeInfo info) {
        deviceCode.set(info);
        tick();
    }

    /** Updates the countdown from the clock (the view calls it every second). */
    public void tick() {
        DeviceCodeInfo i = deviceCode.get();
        if (i == null) {
            countdown.set("");
            fraction.set(0);
            return;
        }
        Duration left = Duration.between(clock.instant(), i.expiresAt());
        countdown.set(SignInTexts.remaining(left));
        long total = Math.max(1, i.expiresIn().toMillis());
        fraction.set(left.isNegative() ? 0 : Math.min(1, left.toMillis() / (double) total));
    }
}
