package dev.tokenscope.engine.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The API's own configuration the token was judged against ({@code inspect --api-config}): which file, which stack, every
 * profile field with where it came from, and the rules that stack applies.
 *
 * @param source    the file's name
 * @param format    the stack's format id (microsoft-identity-web, spring-boot, apim-validate-jwt …)
 * @param settings  each profile value with its origin ("audiences" ← "AzureAd:ClientId (line 5)")
 * @param semantics one line per rule the stack applies
 * @param notes     what else is worth knowing: options that overrode the file, secrets present but not copied
 */
@JsonPropertyOrder({"source", "format", "settings", "semantics", "notes"})
public record ApiView(String source, String format, List<Setting> settings, List<String> semantics, List<String> notes) {
    public ApiView {
        settings = settings == null ? List.of() : List.copyOf(settings);
        semantics = semantics == null ? List.of() : List.copyOf(semantics);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** One profile value and where it came from. */
    @JsonPropertyOrder({"field", "value", "from"})
    public record Setting(String field, String value, String from) {
    }
}
