package dev.tokenscope.engine.snippets;

import dev.tokenscope.engine.crypto.Algorithms;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.about.Version;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.entra.EntraFacts;
import dev.tokenscope.engine.entra.IssuerInfo;
import dev.tokenscope.engine.entra.IssuerKind;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.report.Report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * "How do I verify this in my API?": server-side validation code for the inspected token and the API profile, in
 * Python (PyJWT), Java (nimbus), Node (jose) and C# (JsonWebTokenHandler), pre-filled with the metadata URL for the
 * token's version, the issuer rule (exact, or the multi-tenant template with tid), audiences, algorithms and skew.
 *
 * <p>Values from the token are attacker-controlled: they only ever appear inside properly escaped string literals,
 * and in comments only after everything but a safe character set is removed.
 */
public final class SnippetGenerator {
    private static final String TEMPLATE_DIR = "/dev/tokenscope/engine/snippets/";

    /** The rules a snippet encodes, from the report (its token and the metadata it was checked against) and the profile. */
    public SnippetSettings settings(Report report, ValidationProfile profile) {
        if (report.token() == null || report.token().claims() == null) {
            throw new IllegalArgumentException("a snippet needs a token whose claims could be read");
        }
        JsonNode c = report.token().claims();
        String iss = text(c, "iss");
        String ver = text(c, "ver");
        String tid = text(c, "tid");
        String policy = text(c, "tfp") != null ? text(c, "tfp")
                : (text(c, "acr") != null && text(c, "acr").toLowerCase(Locale.ROOT).startsWith("b2c_") ? text(c, "acr") : null);
        IssuerInfo info = IssuerInfo.classify(iss, ver, policy);
        List<String> notes = new ArrayList<>();

        String metadataUrl = profile.metadata() != null && DocumentStore.isUrl(profile.metadata()) ? profile.metadata()
                : info.metadataUrl();
        if (metadataUrl == null) {
            metadataUrl = "https://<your issuer>/.well-known/openid-configuration";
            notes.add("The token names no usable issuer (or a B2C policy is missing): fill in the metadata URL.");
        }

        String metadataIssuer = report.step("metadata").map(s -> s.evidence().get("issuer")).orElse(null);
        String template = null;
        String exact = null;
        if (metadataIssuer != null && (metadataIssuer.contains("{tenantid}") || metadataIssuer.contains("{tenantId}"))) {
            template = metadataIssuer.replace("{tenantId}", "{tenantid}");
        } else if (profile.tenants().size() > 1 && iss != null && tid != null && iss.contains(tid) && info.kind().entra()) {
            template = iss.replace(tid, "{tenantid}");
        } else {
            exact = metadataIssuer != null ? metadataIssuer : iss;
        }
        if (exact == null && template == null) {
            exact = "<the issuer>";
            notes.add("The token has no \"iss\": fill in the issuer from the metadata.");
        }
        if (template != null && info.kind() == IssuerKind.ENTRA_V1 && template.startsWith("https://login.microsoftonline.com/")) {
            notes.add("v1.0 tokens carry the issuer https://sts.windows.net/{tenantid}/; use the v1.0 metadata for them.");
        }

        List<String> audiences = new ArrayList<>(new LinkedHashSet<>(
                profile.audiences().stream().map(a -> a.replaceFirst("^v[12]=", "")).toList()));
        if (audiences.isEmpty()) {
            JsonNode aud = c.get("aud");
            if (aud != null && aud.isTextual()) {
                audiences.add(aud.asText());
            } else if (aud != null && aud.isArray()) {
                for (JsonNode a : aud) {
                    if (a.isTextual() && !audiences.contains(a.asText())) audiences.add(a.asText());
                }
            }
            if (!audiences.isEmpty()) notes.add("The audience is the token's own; put your API's client id and/or App ID URI here.");
        }
        if (audiences.isEmpty()) audiences.add("<your API's client id>");
        if (audiences.stream().anyMatch(EntraFacts::isGraphAudience)) {
            notes.add("This token is for Microsoft Graph: only Graph can validate it. Generate the code from a token for your own API.");
        }
        if (report.token().type() != null && report.token().type().startsWith("ID token")) {
            notes.add("This is an ID token: an API must validate access tokens, not ID tokens.");
        }

        String alg = report.token().header() != null && report.token().header().path("alg").isTextual()
                ? report.token().header().get("alg").asText() : null;
        List<String> algorithms = List.of(alg != null && Algorithms.ALLOWED.contains(alg) ? alg : "RS256");
        String what = (ver != null ? "v" + ver + " " : "")
                + (report.token().type() != null ? report.token().type().replaceAll(" \\(.*", "") : "token")
                + (iss != null ? " from " + iss : "");
        return new SnippetSettings(metadataUrl, exact, template, lower(profile.tenants()), audiences, algorithms,
                profile.skew().getSeconds(), ver, profile.scopes(), profile.roles(), what, notes);
    }

    public Snippet generate(Language language, Report report, ValidationProfile profile) {
        return generate(language, settings(report, profile));
    }

    public List<Snippet> all(Report report, ValidationProfile profile) {
        SnippetSettings s = settings(report, profile);
        List<Snippet> out = new ArrayList<>();
        for (Language l : Language.values()) out.add(generate(l, s));
        return out;
    }

    public Snippet generate(Language language, SnippetSettings s) {
        String code = switch (language) {
            case PYTHON -> python(s);
            case JAVA -> java(s);
            case NODE -> node(s);
            case CSHARP -> csharp(s);
        };
        return new Snippet(language, language.fileName(), code, s);
    }

    // ------------------------------------------------------------------------------------------------ languages

    private String python(SnippetSettings s) {
        Function<String, String> q = SnippetGenerator::pyString;
        String issuerConfig, issuerFunction;
        if (s.multiTenant()) {
            issuerConfig = "# Multi-tenant: the issuer is this template with {tenantid} = the token's tid (a GUID).\n"
                    + "ISSUER_TEMPLATE = " + q.apply(s.issuerTemplate()) + "\n"
                    + "# Tenants allowed to call the API (lower case); empty = any tenant.\n"
                    + "ALLOWED_TENANTS = " + list(s.tenants(), q, "[", "]");
            issuerFunction = """
                    def check_issuer(claims: dict) -> None:
                        tid = claims.get("tid", "")
                        if not isinstance(tid, str) or not GUID.fullmatch(tid):
                            raise jwt.InvalidIssuerError("tid is not a tenant GUID")
                        if claims.get("iss") != ISSUER_TEMPLATE.replace("{tenantid}", tid):
                            raise jwt.InvalidIssuerError(f"issuer {claims.get('iss')!r} does not match the template for tenant {tid}")
                        if ALLOWED_TENANTS and tid.lower() not in ALLOWED_TENANTS:
                            raise jwt.InvalidIssuerError(f"tenant {tid} is not allowed")
                    """;
        } else {
            issuerConfig = "# The issuer must be exactly this (the metadata's \"issuer\").\nISSUER = " + q.apply(s.issuer());
            issuerFunction = """
                    def check_issuer(claims: dict) -> None:
                        if claims.get("iss") != ISSUER:
                            raise jwt.InvalidIssuerError(f"issuer {claims.get('iss')!r} is not {ISSUER!r}")
                    """;
        }
        return fill(Language.PYTHON, s, Map.of(
                "METADATA_URL", q.apply(s.metadataUrl()),
                "AUDIENCES", list(s.audiences(), q, "[", "]"),
                "ISSUER_CONFIG", issuerConfig,
                "ISSUER_FUNCTION", issuerFunction.stripTrailing(),
                "ALGORITHMS", list(s.algorithms(), q, "[", "]"),
                "SKEW", Long.toString(s.skewSeconds()),
                "SCOPES", list(s.scopes(), q, "[", "]"),
                "ROLES", list(s.roles(), q, "[", "]"),
                "NOTES", comments(s.notes(), "# ")));
    }

    private String java(SnippetSettings s) {
        Function<String, String> q = SnippetGenerator::cString;
        String issuerConfig, issuerMethod, exactClaims;
        if (s.multiTenant()) {
            issuerConfig = "/** Multi-tenant: the issuer is this template with {tenantid} = the token's tid (a GUID). */\n"
                    + "    static final String ISSUER_TEMPLATE = " + q.apply(s.issuerTemplate()) + ";\n"
                    + "    /** Tenants allowed to call the API (lower case); empty = any tenant. */\n"
                    + "    static final Set<String> ALLOWED_TENANTS = Set.of(" + list(s.tenants(), q, "", "") + ");";
            issuerMethod = """
                    static void checkIssuer(JWTClaimsSet claims) throws BadJWTException {
                            Object tid = claims.getClaim("tid");
                            if (!(tid instanceof String t) || !t.matches("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")) {
                                throw new BadJWTException("tid is not a tenant GUID");
                            }
                            if (!ISSUER_TEMPLATE.replace("{tenantid}", t).equals(claims.getIssuer())) {
                                throw new BadJWTException("issuer " + claims.getIssuer() + " does not match the template for tenant " + t);
                            }
                            if (!ALLOWED_TENANTS.isEmpty() && !ALLOWED_TENANTS.contains(t.toLowerCase(java.util.Locale.ROOT))) {
                                throw new BadJWTException("tenant " + t + " is not allowed");
                            }
                        }""";
            exactClaims = "new JWTClaimsSet.Builder().build()";
        } else {
            issuerConfig = "/** The issuer must be exactly this (the metadata's \"issuer\"). */\n"
                    + "    static final String ISSUER = " + q.apply(s.issuer()) + ";";
            issuerMethod = """
                    static void checkIssuer(JWTClaimsSet claims) throws BadJWTException {
                            // The exact match is done by DefaultJWTClaimsVerifier (exactMatchClaims); nothing more for one tenant.
                        }""";
            exactClaims = "new JWTClaimsSet.Builder().issuer(ISSUER).build()";
        }
        return fill(Language.JAVA, s, Map.of(
                "METADATA_URL", q.apply(s.metadataUrl()),
                "AUDIENCES", list(s.audiences(), q, "", ""),
                "ISSUER_CONFIG", issuerConfig,
                "ISSUER_METHOD", issuerMethod,
                "EXACT_CLAIMS", exactClaims,
                "ALGORITHMS", s.algorithms().stream().map(a -> "JWSAlgorithm." + a).collect(Collectors.joining(", ")),
                "SKEW", Long.toString(s.skewSeconds()),
                "SCOPES", list(s.scopes(), q, "", ""),
                "ROLES", list(s.roles(), q, "", ""),
                "NOTES", comments(s.notes(), "// ")));
    }

    private String node(SnippetSettings s) {
        Function<String, String> q = SnippetGenerator::cString;
        String issuerConfig, issuerOption, issuerCheck;
        if (s.multiTenant()) {
            issuerConfig = "// Multi-tenant: the issuer is this template with {tenantid} = the token's tid (a GUID).\n"
                    + "const ISSUER_TEMPLATE = " + q.apply(s.issuerTemplate()) + ";\n"
                    + "// Tenants allowed to call the API (lower case); empty = any tenant.\n"
                    + "const ALLOWED_TENANTS = " + list(s.tenants(), q, "[", "]") + ";";
            issuerOption = "";
            // "\" at a line's end joins it with the next, left-aligned with the closing quotes: one generated line
            issuerCheck = """
                      const tid = typeof payload.tid === 'string' ? payload.tid : '';
                      if (!/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(tid)) throw new Error('tid is not a tenant GUID');
                      if (payload.iss !== ISSUER_TEMPLATE.replace('{tenantid}', tid)) \
                    throw new Error(`issuer ${payload.iss} does not match the template for tenant ${tid}`);
                      if (ALLOWED_TENANTS.length > 0 && !ALLOWED_TENANTS.includes(tid.toLowerCase())) \
                    throw new Error(`tenant ${tid} is not allowed`);
                    """;
        } else {
            issuerConfig = "// The issuer must be exactly this (the metadata's \"issuer\").\nconst ISSUER = " + q.apply(s.issuer()) + ";";
            issuerOption = "    issuer: ISSUER,\n";
            issuerCheck = "";
        }
        return fill(Language.NODE, s, Map.of(
                "METADATA_URL", q.apply(s.metadataUrl()),
                "AUDIENCES", list(s.audiences(), q, "[", "]"),
                "ISSUER_CONFIG", issuerConfig,
                "ISSUER_OPTION", issuerOption,
                "ISSUER_CHECK", issuerCheck.stripTrailing(),
                "ALGORITHMS", list(s.algorithms(), q, "[", "]"),
                "SKEW", Long.toString(s.skewSeconds()),
                "SCOPES", list(s.scopes(), q, "[", "]"),
                "ROLES", list(s.roles(), q, "[", "]"),
                "NOTES", comments(s.notes(), "// ")));
    }

    private String csharp(SnippetSettings s) {
        Function<String, String> q = SnippetGenerator::cString;
        String issuerConfig, issuerParameters;
        if (s.multiTenant()) {
            issuerConfig = "// Multi-tenant: the issuer is this template with {tenantid} = the token's tid (a GUID).\n"
                    + "const string IssuerTemplate = " + q.apply(s.issuerTemplate()) + ";\n"
                    + "// Tenants allowed to call the API (lower case); empty = any tenant.\n"
                    + "string[] allowedTenants = { " + list(s.tenants(), q, "", "") + " };";
            // "\" at a line's end joins it with the next, left-aligned with the least indented line: one generated line
            issuerParameters = """
                        // Microsoft.Identity.Web does this for you (AadIssuerValidator); by hand:
                        IssuerValidator = (issuer, token, p) =>
                        {
                            var tid = ((JsonWebToken)token).TryGetPayloadValue<string>("tid", out var t) ? t : "";
                            if (!Guid.TryParse(tid, out _) || issuer != IssuerTemplate.Replace("{tenantid}", tid))
                                throw new SecurityTokenInvalidIssuerException(\
                        $"issuer {issuer} does not match the template for tenant {tid}");
                            if (allowedTenants.Length > 0 && Array.IndexOf(allowedTenants, tid.ToLowerInvariant()) < 0)
                                throw new SecurityTokenInvalidIssuerException($"tenant {tid} is not allowed");
                            return issuer;
                        },""";
        } else {
            issuerConfig = "// The issuer must be exactly this (the metadata's \"issuer\").\n"
                    + "const string Issuer = " + q.apply(s.issuer()) + ";";
            issuerParameters = "    ValidIssuer = Issuer,";
        }
        return fill(Language.CSHARP, s, Map.of(
                "METADATA_URL", q.apply(s.metadataUrl()),
                "AUDIENCES", list(s.audiences(), q, "", ""),
                "ISSUER_CONFIG", issuerConfig,
                "ISSUER_PARAMETERS", issuerParameters,
                "ALGORITHMS", s.algorithms().stream().map(SnippetGenerator::dotnetAlgorithm).collect(Collectors.joining(", ")),
                "SKEW", Long.toString(s.skewSeconds()),
                "SCOPES", list(s.scopes(), q, "", ""),
                "ROLES", list(s.roles(), q, "", ""),
                "NOTES", comments(s.notes(), "// "),
                "APPSETTINGS", appSettings(s)));
    }

    /** The Microsoft.IdentityModel constant of a JWS algorithm (RS256 → SecurityAlgorithms.RsaSha256 …). */
    static String dotnetAlgorithm(String jws) {
        String bits = jws.substring(2);
        return switch (jws.substring(0, 2)) {
            case "PS" -> "SecurityAlgorithms.RsaSsaPssSha" + bits;
            case "ES" -> "SecurityAlgorithms.EcdsaSha" + bits;
            default -> "SecurityAlgorithms.RsaSha" + bits;
        };
    }

    /** The Microsoft.Identity.Web configuration for the same rules, as a comment. */
    private static String appSettings(SnippetSettings s) {
        String instance = "https://login.microsoftonline.com/";
        String tenant = s.multiTenant() ? "organizations" : "<tenant id>";
        String m = s.metadataUrl();
        Matcher mm = Pattern.compile("^(https://[^/]+/)([^/]+)/").matcher(m);
        if (mm.find()) {
            instance = mm.group(1);
            tenant = s.multiTenant() ? tenant : mm.group(2);
        }
        return "//   \"AzureAd\": { \"Instance\": \"" + safeComment(instance) + "\", \"TenantId\": \"" + safeComment(tenant)
                + "\", \"ClientId\": \"" + safeComment(s.audiences().get(0).replaceFirst("^api://", ""))
                + "\", \"Audience\": \"" + safeComment(s.audiences().get(0)) + "\" }";
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private String fill(Language l, SnippetSettings s, Map<String, String> values) {
        String t = template(l);
        StringBuilder out = new StringBuilder(t.length() + 1024);
        int i = 0;
        while (true) {
            int open = t.indexOf("{{", i);
            if (open < 0) break;
            int close = t.indexOf("}}", open);
            if (close < 0) break;
            String name = t.substring(open + 2, close);
            String v = switch (name) {
                case "VERSION" -> safeComment(Version.get());
                case "DESCRIPTION" -> safeComment(s.description());
                case "FILE" -> l.fileName();
                default -> values.get(name);
            };
            if (v == null) throw new IllegalStateException("template " + l.template() + " names an unknown value {{" + name + "}}");
            out.append(t, i, open).append(v);
            i = close + 2;
        }
        out.append(t, i, t.length());
        return out.toString();
    }

    private static String template(Language l) {
        try (InputStream in = SnippetGenerator.class.getResourceAsStream(TEMPLATE_DIR + l.template())) {
            if (in == null) throw new IllegalStateException("missing snippet template " + l.template());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String list(List<String> values, Function<String, String> quote, String open, String close) {
        return values.stream().map(quote).collect(Collectors.joining(", ", open, close));
    }

    private static String comments(List<String> notes, String prefix) {
        if (notes.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        for (String n : notes) sb.append(prefix).append("NOTE: ").append(safeComment(n)).append('\n');
        return sb.toString();
    }

    /** Text for a comment: only characters that can't end a comment or a line. */
    static String safeComment(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || " .,:;/{}()<>@#?=&%+_'\"!-".indexOf(c) >= 0) {
                sb.append(c);
            } else if (Character.isWhitespace(c)) {
                sb.append(' ');
            }
        }
        return sb.toString().replace("*/", "* /");
    }

    /** A double-quoted string literal valid in Java, C#, JavaScript and Python (escapes, no raw control characters). */
    static String cString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    // Java turns \\u000a into a real line break before lexing, so line terminators stay \\n/\\r above;
                    // other controls and every non-ASCII character become \\uXXXX (also valid in C#, JS and Python).
                    if (c < 0x20 || c >= 0x7f) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A Python string literal (the same escapes). */
    static String pyString(String s) {
        return cString(s);
    }

    private static List<String> lower(List<String> tenants) {
        return tenants.stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static String text(JsonNode c, String name) {
        JsonNode n = c.get(name);
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
