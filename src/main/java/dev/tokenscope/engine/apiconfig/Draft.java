package dev.tokenscope.engine.apiconfig;

import dev.tokenscope.engine.profile.ValidationProfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a reader collects while reading one configuration; {@link #build()} makes the {@link ApiConfig}. */
final class Draft {
    static final List<String> FIELDS = List.of("audiences", "tenants", "clients", "scopes", "roles", "issuers", "metadata", "jwks");

    private final String source;
    private final String format;
    private final List<ApiConfig.Setting> settings = new ArrayList<>();
    private final Set<String> semantics = new LinkedHashSet<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    private final Map<String, Set<String>> values = new LinkedHashMap<>();

    Draft(String source, String format) {
        this.source = source;
        this.format = format;
        for (String f : FIELDS) values.put(f, new LinkedHashSet<>());
    }

    String source() {
        return source;
    }

    /** Adds a profile value (once) and records where it came from. */
    Draft set(String field, String value, String from) {
        Set<String> v = values.get(field);
        if (v == null) throw new IllegalArgumentException("no profile field " + field);
        if (value == null || value.isBlank()) return this;
        if ((field.equals("metadata") || field.equals("jwks")) && !v.isEmpty() && !v.contains(value)) {
            throw new IllegalStateException(field + " set twice");
        }
        if (v.add(value)) settings.add(new ApiConfig.Setting(field, value, from));
        return this;
    }

    boolean has(String field) {
        return !values.get(field).isEmpty();
    }

    Draft rule(String line) {
        semantics.add(line);
        return this;
    }

    Draft secret(String keyPath) {
        secrets.add(keyPath + " present: not copied");
        return this;
    }

    void secrets(List<String> keyPaths) {
        keyPaths.forEach(this::secret);
    }

    ApiConfig build() {
        ValidationProfile p = new ValidationProfile(list("audiences"), list("tenants"), list("clients"), list("scopes"), list("roles"),
                ValidationProfile.DEFAULT_SKEW, null, one("metadata"), one("jwks"), false, list("issuers"));
        return new ApiConfig(source, format, settings, List.copyOf(semantics), List.copyOf(secrets), p);
    }

    private List<String> list(String field) {
        return List.copyOf(values.get(field));
    }

    private String one(String field) {
        Set<String> v = values.get(field);
        return v.isEmpty() ? null : v.iterator().next();
    }
}
