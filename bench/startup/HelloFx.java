import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The floor: a bare JavaFX window on the same runtime; prints the same metric as Tokenscope's startup trace. */
public class HelloFx extends Application {
    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("Hello"), 400, 200));
        stage.setOnShown(e -> {
            System.err.println("hello.startup shown_ms=" + sinceStart());
            Platform.exit();
        });
        stage.show();
    }

    /** Process start → now, the way dev.tokenscope.StartupTrace measures it (Linux: /proc, else startInstant). */
    static long sinceStart() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            String up = Files.readString(Path.of("/proc/uptime"));
            return Math.round(Double.parseDouble(up.substring(0, up.indexOf(' '))) * 1000) - Long.parseLong(f[19]) * 10;
        } catch (Exception e) {
            return ProcessHandle.current().info().startInstant().map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
        }
    }

    public static void main(String[] args) {
        launch(args);
    }
}
