package dev.tokenscope.cli;

import dev.tokenscope.engine.apiconfig.ApiConfig;
import dev.tokenscope.engine.apiconfig.ApiConfigException;
import dev.tokenscope.engine.apiconfig.ApiConfigImporter;
import dev.tokenscope.engine.apiconfig.Precedence;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.ApiView;
import dev.tokenscope.engine.trust.ChosenDocuments;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validation options {@code inspect} has (a picocli mixin shared by {@code verify} and {@code scan}):
 * --audience, --tenant, --client, --scope, --role, --skew, --at, --metadata, --jwks, --offline.
 */
public final class ValidationOptions {
    @Option(names = "--audience", paramLabel = "A", description = "An audience the API accepts (client id or App ID URI); repeatable.")
    List<String> audiences = new ArrayList<>();

    @Option(names = "--tenant", paramLabel = "T", description = "A tenant id the API accepts; repeatable.")
    List<String> tenants = new ArrayList<>();

    @Option(names = "--client", paramLabel = "C", description = "A client application id allowed to call the API; repeatable.")
    List<String> clients = new ArrayList<>();

    @Option(names = "--scope", paramLabel = "S", description = "A delegated scope every token must grant; repeatable.")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--role", paramLabel = "R", description = "An app role every token must grant; repeatable.")
    List<String> roles = new ArrayList<>();

    @Option(names = "--skew", paramLabel = "SECONDS", defaultValue = "300",
            description = "Allowed clock skew in seconds (default: ${DEFAULT-VALUE}).")
    long skewSeconds = 300;

    @Option(names = "--at", paramLabel = "INSTANT",
            description = "Evaluate at this time: ISO-8601 with a zone (2026-01-01T10:00:00Z, or +01:00) or epoch seconds.")
    String at;

    @Option(names = "--metadata", paramLabel = "URL|FILE",
            description = "OpenID metadata to use instead of discovering it from each token.")
    String metadata;

    @Option(names = "--jwks", paramLabel = "URL|FILE", description = "Key set to use instead of the metadata's jwks_uri.")
    String jwks;

    @Option(names = "--offline", description = "Never use the network: only --metadata/--jwks files and the cache.")
    boolean offline;

    @Option(names = "--issuer", paramLabel = "ISS",
            description = "An issuer the API accepts (exact iss; {tenantid} stands for the token's tid); "
            + "repeatable. Without it Microsoft's authorities are trusted and any other issuer leaves the verdict undetermined.")
    List<String> issuers = new ArrayList<>();

    @Option(names = "--api-config", paramLabel = "FILE", description = "The API's own configuration, read as the API reads it: "
            + "appsettings.json (Microsoft.Identity.Web, JwtBearer), application.yml or application.properties (Spring), an APIM "
            + "policy, App Service authsettingsV2, passport-azure-ad options. Explicit options override what it says.")
    Path apiConfig;

    private ApiView api;

    /** The imported configuration as the report shows it (after {@link #profile()}), or null without --api-config. */
    public ApiView apiView() {
        return api;
    }

    /** The profile fields given explicitly on the command line. */
    public Set<String> given() {
        Set<String> g = new HashSet<>();
        if (!audiences.isEmpty()) g.add("audiences");
        if (!tenants.isEmpty()) g.add("tenants");
        if (!clients.isEmpty()) g.add("clients");
        if (!scopes.isEmpty()) g.add("scopes");
        if (!roles.isEmpty()) g.add("roles");
        if (!issuers.isEmpty()) g.add("issuers");
        if (metadata != null) g.add("metadata");
        if (jwks != null) g.add("jwks");
        return g;
    }

    /**
     * The profile these options describe (an --api-config's, with every explicitly given option winning);
     * IllegalArgumentException with a user-facing message when they are wrong.
     */
    public ValidationProfile profile() {
        checkSkew("--skew", skewSeconds);
        for (var o : List.of(Map.entry("--audience", audiences), Map.entry("--tenant", tenants),
                Map.entry("--client", clients), Map.entry("--scope", scopes), Map.entry("--role", roles),
                Map.entry("--issuer", issuers))) {
            notBlank(o.getKey(), o.getValue());
        }
        Instant when = at == null ? null : parseInstant(at);
        // Files the user chose are checked as files before anything is inspected (never blamed on the network).
        String problem = ChosenDocuments.problem("--metadata", metadata,
                jwks != null ? ChosenDocuments.Kind.METADATA_WITH_KEYS : ChosenDocuments.Kind.METADATA);
        if (problem == null) problem = ChosenDocuments.problem("--jwks", jwks, ChosenDocuments.Kind.KEY_SET);
        if (problem != null) throw new IllegalArgumentException(problem);
        ValidationProfile explicit = new ValidationProfile(audiences, tenants, clients, scopes, roles,
                Duration.ofSeconds(skewSeconds), when, metadata, jwks, offline, issuers);
        if (apiConfig == null) return explicit;
        ApiConfig config = readConfig(apiConfig);
        Precedence.Merged m = Precedence.merge(config.profile(), config.settings(), explicit, given());
        api = Precedence.view(config, m.notes());
        return m.profile();
    }

    private static ApiConfig readConfig(Path file) {
        try {
            return ApiConfigImporter.importFile(file);
        } catch (ApiConfigException e) {
            throw new IllegalArgumentException("--api-config: " + e.getMessage());
        }
    }

    /** The largest clock skew accepted: a day (validators allow minutes; more is a typo). */
    static final long MAX_SKEW_SECONDS = 86_400;

    static void checkSkew(String option, long seconds) {
        if (seconds < 0 || seconds > MAX_SKEW_SECONDS) {
            throw new IllegalArgumentException(option + " takes 0 to " + MAX_SKEW_SECONDS
                    + " seconds (a day; validators allow 300), not " + seconds);
        }
    }

    /** A requirement given with an empty value ({@code --audience ''}) is a usage error, never "no requirement". */
    static void notBlank(String option, List<String> values) {
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(option + " was given an empty value: give a value, or leave the option out");
            }
        }
    }

    static Instant parseInstant(String s) {
        String v = s.strip();
        try {
            if (v.matches("-?\\d{1,12}")) return Instant.ofEpochSecond(Long.parseLong(v));
            return Instant.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            try {
                LocalDateTime.parse(v);
                throw new IllegalArgumentException("--at " + Shown.value(s) + " has no time zone: add Z or an offset, e.g. " + v
                        + "Z (UTC) or " + v + "+01:00");
            } catch (DateTimeParseException notLocal) {
                throw new IllegalArgumentException(
                        "--at takes an ISO-8601 instant with a zone (2026-01-01T10:00:00Z) or epoch seconds, not "
                        + Shown.value(s));
            }
        }
    }
}
