package dev.tokenscope.engine.claims;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times as people read them: UTC ISO-8601, local time and "in 54 min" / "3 h ago". */
public final class HumanTime {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz");

    private HumanTime() {
    }

    public static String utc(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    public static String local(Instant t, ZoneId zone) {
        return LOCAL.format(ZonedDateTime.ofInstant(t, zone));
    }

    /** "in 54 min", "3 h ago", "just now"; rounded down to the largest unit that fits. */
    public static String relative(Instant t, Instant now) {
        Duration d = Duration.between(now, t);
        boolean future = !d.isNegative();
        String span = span(d.abs());
        if (span == null) return "just now";
        return future ? "in " + span : span + " ago";
    }

    /** A duration in the largest unit that fits: "54 min", "3 h", "2 d", "45 s"; null below one second. */
    public static String span(Duration d) {
        long s = d.abs().getSeconds();
        if (s < 1) return null;
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min";
        if (s < 2 * 86400) {
            long h = s / 3600, m = (s % 3600) / 60;
            return m == 0 || h >= 10 ? h + " h" : h + " h " + m + " min";
        }
        if (s < 365L * 86400) return (s / 86400) + " d";
        return (s / (365L * 86400)) + " y";
    }

    /** Phrases for the time claims a validator cares about. */
    public static String phrase(String claim, Instant t, Instant now) {
        boolean past = !t.isAfter(now);
        String rel = relative(t, now);
        return switch (claim) {
            case "exp" -> past ? "expired " + rel : "expires " + rel;
            case "nbf" -> past ? "valid since " + rel : "not valid until " + span(Duration.between(now, t)) + " from now";
            case "iat" -> past ? "issued " + rel : "issue time " + span(Duration.between(now, t)) + " in the future: check the clocks";
            case "auth_time" -> past ? "signed in " + rel : "sign-in time " + span(Duration.between(now, t)) + " in the future";
            default -> rel;
        };
    }
}
