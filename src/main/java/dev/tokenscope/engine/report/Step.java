package dev.tokenscope.engine.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One validation step: a stable id, a status, a one-line title and detail, the evidence it looked at,
 * a concrete hint (the fix) and the Microsoft.IdentityModel error code a server would log for the same
 * failure (IDX10214 …), or null.
 */
public record Step(String id, Status status, String title, String detail, Map<String, String> evidence,
                   String hint, String idx) {

    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(title, "title");
        detail = detail == null ? "" : detail;
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public static Builder of(String id, String title) {
        return new Builder(id, title);
    }

    /** Fluent builder so each check reads like a sentence. */
    public static final class Builder {
        private final String id;
        private final String title;
        private Status status = Status.PASS;
        private String detail = "";
        private String hint;
        private String idx;
        private final Map<String, String> evidence = new LinkedHashMap<>();

        private Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        public Builder status(Status s) { this.status = s; return this; }
        public Builder detail(String d) { this.detail = d; return this; }
        public Builder hint(String h) { this.hint = h; return this; }
        public Builder idx(String i) { this.idx = i; return this; }
        public Builder evidence(String k, Object v) {
            if (v != null) evidence.put(k, String.valueOf(v));
            return this;
        }
        public Step build() { return new Step(id, status, title, detail, evidence, hint, idx); }
    }
}
