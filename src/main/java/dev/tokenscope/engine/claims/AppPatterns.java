package dev.tokenscope.engine.claims;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tenant-specific Microsoft resource hosts named by pattern ({@code https://{tenant}.sharepoint.com},
 * {@code https://{org}.crm.dynamics.com} …): the catalogue's "appPatterns" table maps a regular expression over the
 * lower-cased value to a name in which {1}, {2} … stand for the captured groups.
 */
final class AppPatterns {
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private AppPatterns() {
    }

    /** The name of the first pattern matching {@code key} (lower case), with its groups filled in. */
    static Optional<String> name(Map<String, String> patterns, String key) {
        for (Map.Entry<String, String> e : patterns.entrySet()) {
            Matcher m = compile(e.getKey()).matcher(key);
            if (m.matches()) {
                String name = e.getValue();
                for (int i = 1; i <= m.groupCount(); i++) name = name.replace("{" + i + "}", m.group(i) == null ? "" : m.group(i));
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** The pattern (as written in the table) that matches {@code key}. */
    static Optional<String> matching(Map<String, String> patterns, String key) {
        return patterns.keySet().stream().filter(p -> compile(p).matcher(key).matches()).findFirst();
    }

    private static Pattern compile(String regex) {
        return COMPILED.computeIfAbsent(regex, Pattern::compile);
    }
}
