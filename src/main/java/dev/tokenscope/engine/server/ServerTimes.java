package dev.tokenscope.engine.server;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Instants as servers write them: ISO-8601 (Spring), .NET's invariant {@code MM/dd/yyyy HH:mm:ss} and the US culture's
 * {@code M/d/yyyy h:mm:ss tt} (ASP.NET Core, IdentityModel; taken as UTC), RFC 1123 (the Date header), epoch seconds.
 */
final class ServerTimes {
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter SLASHED_AMPM = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private ServerTimes() {
    }

    private static Instant attempt(Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** The instant in {@code text}, or null. */
    static Instant parse(String text) {
        if (text == null) return null;
        String t = text.strip();
        if (t.isEmpty() || t.length() > 64) return null;
        if (t.chars().allMatch(Character::isDigit) && t.length() <= 12) return Instant.ofEpochSecond(Long.parseLong(t));
        char first = t.charAt(0);
        if (Character.isLetter(first)) return attempt(() -> ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        if (!Character.isDigit(first)) return null;
        if (t.indexOf('T') > 0) {
            Instant iso = attempt(() -> Instant.parse(t));
            return iso != null ? iso : attempt(() -> OffsetDateTime.parse(t).toInstant());
        }
        String local = t.endsWith(" +00:00") ? t.substring(0, t.length() - 7) : t.endsWith("Z") ? t.substring(0, t.length() - 1) : t;
        DateTimeFormatter f = local.indexOf('/') > 0 ? (local.endsWith("M") ? SLASHED_AMPM : SLASHED) : DASHED;
        return attempt(() -> LocalDateTime.parse(local, f).toInstant(ZoneOffset.UTC));
    }
}
