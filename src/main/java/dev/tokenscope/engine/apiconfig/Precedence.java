package dev.tokenscope.engine.apiconfig;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.ApiView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A base profile (an imported API configuration, a bundled sample's) with what the user gave explicitly on top: every
 * field the user gave wins, the others come from the base, and each override is said ("--audience overrides audiences
 * from AzureAd:ClientId (line 5)"). Skew, evaluation time and offline always come from the explicit profile (no
 * configuration sets them).
 */
public final class Precedence {
    /** The profile fields an explicit option can give, and that option's name. */
    public static final Map<String, String> OPTIONS = Map.of("audiences", "--audience", "tenants", "--tenant", "clients", "--client",
            "scopes", "--scope", "roles", "--role", "issuers", "--issuer", "metadata", "--metadata", "jwks", "--jwks");

    private Precedence() {
    }

    /**
     * @param profile the merged profile
     * @param notes   one line per field the explicit options took over from the base
     */
    public record Merged(ValidationProfile profile, List<String> notes) {
    }

    /**
     * @param base       the configuration's (or sample's) profile
     * @param provenance where the base's values came from (may be empty)
     * @param explicit   the profile of the explicit options
     * @param given      the fields of {@link #OPTIONS} the user gave explicitly
     */
    public static Merged merge(ValidationProfile base, List<ApiConfig.Setting> provenance, ValidationProfile explicit, Set<String> given) {
        List<String> notes = new ArrayList<>();
        for (String field : List.of("audiences", "tenants", "clients", "scopes", "roles", "issuers", "metadata", "jwks")) {
            if (!given.contains(field) || !has(base, field)) continue;
            List<String> from = provenance.stream().filter(s -> s.field().equals(field)).map(ApiConfig.Setting::from).distinct().toList();
            notes.add(OPTIONS.get(field) + " overrides " + field + " from the configuration"
                    + (from.isEmpty() ? "" : " (" + String.join(", ", from) + ")"));
        }
        ValidationProfile p = new ValidationProfile(
                given.contains("audiences") ? explicit.audiences() : base.audiences(),
                given.contains("tenants") ? explicit.tenants() : base.tenants(),
                given.contains("clients") ? explicit.clients() : base.clients(),
                given.contains("scopes") ? explicit.scopes() : base.scopes(),
                given.contains("roles") ? explicit.roles() : base.roles(),
                explicit.skew(), explicit.at(),
                given.contains("metadata") ? explicit.metadata() : base.metadata(),
                given.contains("jwks") ? explicit.jwks() : base.jwks(),
                base.offline() || explicit.offline(),
                given.contains("issuers") ? explicit.issuers() : base.issuers());
        return new Merged(p, List.copyOf(notes));
    }

    /** The report's {@code "api"} member for {@code config}, with {@code notes} (overrides) after its ignored secrets. */
    public static ApiView view(ApiConfig config, List<String> notes) {
        List<String> all = new ArrayList<>(config.ignoredSecrets());
        all.addAll(notes);
        return new ApiView(config.source(), config.format(), config.settings().stream()
                .map(s -> new ApiView.Setting(s.field(), s.value(), s.from())).toList(), config.semantics(), all);
    }

    private static boolean has(ValidationProfile p, String field) {
        return switch (field) {
            case "audiences" -> !p.audiences().isEmpty();
            case "tenants" -> !p.tenants().isEmpty();
            case "clients" -> !p.clients().isEmpty();
            case "scopes" -> !p.scopes().isEmpty();
            case "roles" -> !p.roles().isEmpty();
            case "issuers" -> !p.issuers().isEmpty();
            case "metadata" -> p.metadata() != null;
            default -> p.jwks() != null;
        };
    }
}
