package dev.tokenscope.engine.check;

import dev.tokenscope.engine.profile.ValidationProfile;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a verdict was judged against beyond the token, whenever it differs from "now, online, keys discovered from the
 * issuer": "Judged at 2026-01-01 12:00 UTC", "Offline: keys from keys.json", "Metadata from openid-configuration.json".
 * One rule for the window's banner and the exports; empty for the usual case.
 */
public final class EvaluationConditions {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private EvaluationConditions() {
    }

    /** One phrase per condition that differs from now, online and discovered; empty when none does. */
    public static List<String> of(ValidationProfile p) {
        List<String> out = new ArrayList<>();
        if (p == null) return out;
        if (p.at() != null) out.add("Judged at " + time(p.at()));
        if (p.offline()) {
            out.add("Offline: keys from " + (p.jwks() != null ? name(p.jwks()) : p.metadata() != null ? "the metadata " + name(p.metadata())
                    : "the cache only"));
            if (p.jwks() != null && p.metadata() != null) out.add("Metadata from " + name(p.metadata()));
        } else {
            if (p.jwks() != null) out.add("Keys from " + name(p.jwks()) + ", not discovered");
            if (p.metadata() != null) out.add("Metadata from " + name(p.metadata()) + ", not discovered");
        }
        return out;
    }

    /** {@link #of} joined with " · "; "" when the evaluation is the usual one. */
    public static String line(ValidationProfile p) {
        return String.join(" · ", of(p));
    }

    /** "2026-01-01 12:00 UTC" (seconds only when not zero). */
    public static String time(Instant t) {
        return (t.getEpochSecond() % 60 == 0 ? MINUTES : SECONDS).format(t);
    }

    /** A URL as it is; a file (or classpath resource) by its name. */
    static String name(String source) {
        if (source.contains("://")) return source;
        String s = source.startsWith("classpath:") ? source.substring("classpath:".length()) : source;
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        return slash >= 0 && slash < s.length() - 1 ? s.substring(slash + 1) : s;
    }
}
