package dev.tokenscope.ui.model;

import dev.tokenscope.engine.signin.FlowLog;
import dev.tokenscope.engine.text.SafeText;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one line of the sign-in flow log looks: a title (what happened), detail lines (parameters, headers, response,
 * note), an icon and a style class. The entries arrive already redacted by the engine; nothing here adds data. What the
 * server or the browser sent is shown escaped ({@link SafeText#line}): one value, one line, nothing invisible.
 */
public final class FlowLogPresenter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private FlowLogPresenter() {
    }

    /** Local time of day of the entry. */
    public static String time(FlowLog.Entry e, ZoneId zone) {
        try {
            return TIME.withZone(zone).format(Instant.parse(e.at()));
        } catch (DateTimeParseException | NullPointerException ex) {
            return "";
        }
    }

    public static String title(FlowLog.Entry e) {
        return switch (e.kind()) {
            case "note" -> SafeText.line(e.note());
            case "browser" -> "Browser → " + withoutQuery(e);
            case "redirect" -> "Redirect ← " + withoutQuery(e);
            default -> {
                StringBuilder sb = new StringBuilder().append(SafeText.line(e.method())).append(' ').append(withoutQuery(e));
                if (e.status() != null) sb.append("  → ").append(e.status());
                if (e.millis() != null) sb.append("  (").append(e.millis()).append(" ms)");
                if (e.repeat() != null) sb.append("  ×").append(e.repeat());
                yield sb.toString();
            }
        };
    }

    /** The URL without its query when the entry lists the query's parameters below (they are long, and redacted there too). */
    private static String withoutQuery(FlowLog.Entry e) {
        String u = e.url() == null ? "" : e.url();
        int q = u.indexOf('?');
        return SafeText.line(q > 0 && e.parameters() != null && !e.parameters().isEmpty() ? u.substring(0, q) : u);
    }

    /** The lines under the title: parameters, headers, the response and the engine's note. */
    public static List<String> details(FlowLog.Entry e) {
        List<String> out = new ArrayList<>();
        if (e.headers() != null) e.headers().forEach((k, v) -> out.add("header " + SafeText.line(k) + ": " + SafeText.line(v)));
        if (e.parameters() != null) e.parameters().forEach((k, v) -> out.add(SafeText.line(k) + " = " + SafeText.line(v)));
        if (e.response() != null) out.add("response: " + SafeText.line(e.response()));
        if (e.note() != null && !e.kind().equals("note")) out.add(SafeText.line(e.note()));
        return out;
    }

    /** log-note, log-browser, log-redirect, log-ok, log-pending (device-code polling) or log-error. */
    public static String styleClass(FlowLog.Entry e) {
        return switch (e.kind()) {
            case "note" -> e.note() != null && (e.note().startsWith("cancelled") || e.note().startsWith("the user code expired"))
                    ? "log-error" : "log-note";
            case "browser" -> "log-browser";
            case "redirect" -> e.note() != null && e.note().startsWith("rejected") ? "log-error" : "log-redirect";
            default -> {
                if (e.status() == null) yield "log-error";
                if (e.status() >= 200 && e.status() < 300) yield "log-ok";
                String r = e.response() == null ? "" : e.response();
                if (r.contains("\"authorization_pending\"") || r.contains("\"slow_down\"")) yield "log-pending";
                yield "log-error";
            }
        };
    }

    public static String icon(FlowLog.Entry e) {
        return switch (styleClass(e)) {
            case "log-note" -> "mdi2i-information-outline";
            case "log-browser" -> "mdi2w-web";
            case "log-redirect" -> "mdi2k-keyboard-return";
            case "log-ok" -> "mdi2c-check-circle-outline";
            case "log-pending" -> "mdi2t-timer-sand";
            default -> "mdi2a-alert-circle-outline";
        };
    }

    /** The entry as text, for copying one line into a ticket. */
    public static String text(FlowLog.Entry e, ZoneId zone) {
        StringBuilder sb = new StringBuilder(time(e, zone)).append("  ").append(title(e));
        for (String d : details(e)) sb.append(System.lineSeparator()).append("    ").append(d);
        return sb.toString();
    }
}
