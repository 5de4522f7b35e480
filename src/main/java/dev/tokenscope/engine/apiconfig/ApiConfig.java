package dev.tokenscope.engine.apiconfig;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tokenscope.engine.profile.ValidationProfile;

import java.util.List;

/**
 * An API's auth configuration as imported: what was read (settings, each with where it came from), the rules the stack
 * applies (semantics, one line each), the secrets seen but not copied (key names only), and the resulting profile.
 * Serialises (Jackson) as {@code {"source","format","settings":[{"field","value","from"}],"semantics":[…],"ignoredSecrets":[…]}};
 * the profile is not serialised.
 *
 * @param source         the file name given to the importer
 * @param format         one of {@link ApiConfigImporter#FORMATS}
 * @param settings       profile values and where they came from
 * @param semantics      one line per rule the stack applies (and per choice the importer made)
 * @param ignoredSecrets e.g. "AzureAd:ClientSecret present: not copied"
 * @param profile        the validation profile (skew default, offline false)
 */
@JsonPropertyOrder({"source", "format", "settings", "semantics", "ignoredSecrets"})
public record ApiConfig(String source, String format, List<Setting> settings, List<String> semantics, List<String> ignoredSecrets,
                        @JsonIgnore ValidationProfile profile) {
    public ApiConfig {
        settings = List.copyOf(settings);
        semantics = List.copyOf(semantics);
        ignoredSecrets = List.copyOf(ignoredSecrets);
    }

    /** The profile this configuration amounts to. */
    @Override
    @JsonIgnore
    public ValidationProfile profile() {
        return profile;
    }

    /**
     * One imported value.
     *
     * @param field a {@link ValidationProfile} field: audiences, tenants, clients, scopes, roles, issuers, metadata, jwks
     * @param value the value
     * @param from  where it came from, e.g. "AzureAd:ClientId (line 5)"
     */
    public record Setting(String field, String value, String from) {
    }
}
