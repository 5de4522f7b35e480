package dev.tokenscope.engine.server;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Instants as servers write them: ISO-8601 (Spring), .NET's invariant {@code MM/dd/yyyy HH:mm:ss} and the US culture's
 * {@code M/d/yyyy h:mm:ss tt} (ASP.NET Core, IdentityModel; taken as UTC), RFC 1123 (the Date header), epoch seconds.
 */
final class ServerTimes {
    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss", Locale.ROOT),
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT),
            DateTimeFormatter.ISO_LOCAL_DATE_TIME);

    private ServerTimes() {
    }

    /** The instant in {@code text}, or null. */
    static Instant parse(String text) {
        if (text == null) return null;
        String t = text.strip();
        if (t.isEmpty() || t.length() > 64) return null;
        if (t.chars().allMatch(Character::isDigit) && t.length() <= 12) return Instant.ofEpochSecond(Long.parseLong(t));
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        String local = t.endsWith(" +00:00") ? t.substring(0, t.length() - 7) : t.endsWith("Z") ? t.substring(0, t.length() - 1) : t;
        for (DateTimeFormatter f : LOCAL) {
            try {
                return LocalDateTime.parse(local, f).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        return null;
    }
}
