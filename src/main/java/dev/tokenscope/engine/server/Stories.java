package dev.tokenscope.engine.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The token's side of a finding, step by step: the values the server compared (and often hid), read from the report,
 * and the likely reasons when the server's story and Tokenscope's verdict disagree.
 */
final class Stories {
    private Stories() {
    }

    static String story(String step, ServerEvidence.Item item, TokenSide t, ServerEvidence ev) {
        Map<String, Object> v = item.values();
        if (step == null) return "";
        return switch (step) {
            case "audience" -> audience(item, t);
            case "issuer", "version" -> "The token's iss is " + or(t.claim("iss"))
                    + " (ver " + or(t.claim("ver")) + ", tid " + or(t.claim("tid")) + ")."
                    + ("(null)".equals(v.get("issuer"))
                            ? " The server wrote '(null)': Microsoft.Identity.Web's AadIssuerValidator (IDX40001) "
                                    + "does not pass the issuer on."
                            : "")
                    + versionHint(str(v, "validIssuer") + " " + str(v, "validIssuers") + " " + str(v, "metadataIssuer"), t.claim("iss"));
            case "lifetime" -> "The token's exp is " + or(t.time("exp")) + (t.time("nbf") != null ? ", nbf " + t.time("nbf") : "") + "."
                    + serverClock(item, t, ev);
            case "keys", "key-match", "signature" -> "The token names kid " + or(t.headerValue("kid"))
                    + " (alg " + or(t.headerValue("alg")) + ")."
                    + (str(v, "keysTried").isEmpty() ? "" : " The server tried the keys " + v.get("keysTried") + ".")
                    + (t.report().key() != null && t.report().key().source() != null
                            ? " Tokenscope's keys came from " + t.report().key().source() + "." : "");
            case "permissions" -> permissions(item, t);
            case "tenant" -> "The token's tid is " + or(t.claim("tid")) + "." + authority(item, t);
            case "client" -> "The token's client (azp/appid) is " + or(t.clientId()) + ".";
            case "format" -> authority(item, t) + resource(item, t);
            case "token-type" -> "The token's typ header is " + or(t.headerValue("typ")) + ".";
            default -> "";
        };
    }

    static String reasons(String step, ServerEvidence.Item item, TokenSide t, ServerEvidence ev) {
        if (step == null) return "";
        return switch (step) {
            case "lifetime" -> "clock skew on the server (its clock runs ahead: check NTP), the token expired between the call and this "
                    + "inspection (Tokenscope evaluated at " + t.report().evaluatedAt() + "), a different token than the one pasted, or a "
                    + "Continuous Access Evaluation revocation.";
            case "keys", "key-match", "signature" -> "the API's cached or stale keys (Entra rotates keys; validators refresh "
                    + "every 24 h and refetch on an unknown kid at most every 5 minutes), wrong metadata on the API (v1 vs v2, "
                    + "another tenant or cloud, a missing ?appid= for an app with claims mapping), "
                    + "or a different token than the one pasted.";
            case "issuer", "version" -> "the API expects the other issuer form (v1 https://sts.windows.net/{tid}/ vs v2 "
                    + "https://login.microsoftonline.com/{tid}/v2.0: its metadata version must match the token's ver), another tenant, an "
                    + "unfilled {tenantid} template, or a different token than the one pasted.";
            case "audience" -> "the API is configured with another audience than Tokenscope's profile "
                    + "(GUID vs api:// App ID URI, v1 vs v2), or a different token than the one pasted.";
            case "permissions" -> "the API requires a scope or role Tokenscope's profile does not name, "
                    + "or a different token than the one pasted.";
            case "format" -> "the request did not carry this token the way the API reads it (no or misspelt Authorization header, "
                    + "a proxy or gateway stripping it, 'Bearer' written twice, quotes around the token, a token for another scheme "
                    + "such as PoP), or the API hides its reasons (IncludeErrorDetails off).";
            default -> "the API is configured differently from Tokenscope's profile, or it got a different token than the one pasted.";
        };
    }

    /** Evidence that the server judged another token: its values differ from the pasted token's. */
    static String differentToken(ServerEvidence.Item item, TokenSide t) {
        Map<String, Object> v = item.values();
        String kid = str(v, "kid");
        if (!kid.isEmpty() && t.headerValue("kid") != null && !kid.equals(t.headerValue("kid"))) {
            return "The server saw kid " + kid + ", this token names " + t.headerValue("kid") + ": it judged a different token.";
        }
        Instant said = serverExpiry(v);
        Instant exp = t.time("exp");
        if (said != null && exp != null && Duration.between(said, exp).abs().getSeconds() > 1) {
            return "The server's expiry " + said + " is not this token's exp " + exp + ": it judged a different token.";
        }
        String saidAud = str(v, "audience");
        if (!saidAud.isEmpty() && !saidAud.equals("(null)") && !saidAud.equals("null") && !t.audiences().isEmpty()
                && Arrays.stream(saidAud.split("[,\\s]+")).noneMatch(t.audiences()::contains)) {
            return "The server saw the audience " + saidAud + ", this token's aud is " + String.join(", ", t.audiences())
                    + ": it judged a different token.";
        }
        String iss = str(v, "issuer");
        if (!iss.isEmpty() && !iss.equals("(null)") && t.claim("iss") != null && !iss.equals(t.claim("iss"))) {
            return "The server saw the issuer " + iss + ", this token's iss is " + t.claim("iss") + ": it judged a different token.";
        }
        return "";
    }

    private static String audience(ServerEvidence.Item item, TokenSide t) {
        Map<String, Object> v = item.values();
        List<String> auds = t.audiences();
        String aud = auds.isEmpty() ? "(missing)" : String.join(", ", auds);
        StringBuilder b = new StringBuilder(item.code().startsWith("IDX")
                ? "Your API compared the token's aud with its ValidAudience/ValidAudiences; the token's aud is " + aud
                : "The token's aud is " + aud);
        if (t.idToken()) {
            b.append(", the client app's own id: an ID token was sent "
                    + "(proof of a sign-in for the client, not an access token for the API)");
        }
        b.append('.');
        if ("(null)".equals(v.get("audience"))) {
            b.append(" The server wrote '(null)': Microsoft.IdentityModel 8.8 and later leave it empty.");
        }
        List<String> valid = new ArrayList<>();
        for (String part : (str(v, "validAudience") + "," + str(v, "validAudiences")).split("[,\\s]+")) {
            if (!part.isEmpty() && !part.equals("null") && !part.equals("(null)")) valid.add(part);
        }
        for (String a : auds) {
            String bare = a.startsWith("api://") ? a.substring(6) : a;
            if (!valid.contains(a) && valid.contains(bare.equals(a) ? "api://" + a : bare)) {
                b.append(" The API accepts the other form of the same app (client id GUID vs api:// App ID URI): "
                        + "a v1/v2 token version mismatch.");
            }
        }
        if (!valid.isEmpty()) b.append(" The API accepts ").append(String.join(", ", valid)).append('.');
        return b.toString();
    }

    private static String permissions(ServerEvidence.Item item, TokenSide t) {
        String scp = t.claim("scp");
        String roles = t.claim("roles");
        String grants = scp == null && roles == null
                ? "The token carries neither scp nor roles" + (t.idToken() ? " (it is an ID token, which never does)" : "")
                : "The token grants " + (scp != null ? "scopes " + scp : "") + (scp != null && roles != null ? " and " : "")
                        + (roles != null ? "roles " + roles : "");
        String wants = str(item.values(), "requiredScopes") + str(item.values(), "requiredRoles") + str(item.values(), "scope");
        return grants + "." + (wants.isEmpty() ? "" : " The API wants " + wants + ".");
    }

    private static String serverClock(ServerEvidence.Item item, TokenSide t, ServerEvidence ev) {
        Instant server = ServerTimes.parse(str(item.values(), "serverTime"));
        String from = "its log";
        if (server == null) {
            server = ServerTimes.parse(ev.context().get("date"));
            from = "its Date header";
        }
        Instant exp = t.time("exp");
        if (server == null || exp == null) return "";
        long s = Duration.between(exp, server).getSeconds();
        return " The server's clock (" + from + ") said " + server + ", " + Math.abs(s) + " s " + (s >= 0 ? "after" : "before") + " exp.";
    }

    private static String authority(ServerEvidence.Item item, TokenSide t) {
        String uri = str(item.values(), "authorization_uri") + str(item.values(), "authorization");
        String tid = t.claim("tid");
        if (uri.isEmpty() || tid == null) return "";
        String[] parts = uri.replaceFirst("^https?://", "").split("/");
        String tenant = parts.length > 1 ? parts[1] : "";
        if (tenant.isEmpty() || tenant.equalsIgnoreCase(tid) || List.of("common", "organizations").contains(tenant)) return "";
        return " The API's authority names tenant " + tenant + ", the token's tid is " + tid + ": get a token from the API's tenant.";
    }

    private static String resource(ServerEvidence.Item item, TokenSide t) {
        String r = !str(item.values(), "resource_id").isEmpty() ? str(item.values(), "resource_id") : str(item.values(), "resource");
        if (r.isEmpty() || t.audiences().isEmpty()) return "";
        String bare = r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
        boolean same = t.audiences().stream().anyMatch(a -> a.equals(r) || a.equals(bare) || a.equals(bare + "/"));
        return same ? "" : " The API's resource is " + r + ", the token's aud is " + String.join(", ", t.audiences())
                + ": request a token for " + r + ".";
    }

    private static String versionHint(String valid, String iss) {
        if (iss == null || valid.isBlank()) return "";
        boolean v1 = iss.contains("sts.windows.net");
        boolean apiV1 = valid.contains("sts.windows.net");
        boolean apiV2 = valid.contains("/v2.0");
        if (v1 && apiV2 && !apiV1) {
            return " The API accepts v2 issuers only and this is a v1 token: a token version mismatch (accessTokenAcceptedVersion).";
        }
        if (!v1 && iss.endsWith("/v2.0") && apiV1 && !apiV2) {
            return " The API accepts v1 issuers only and this is a v2 token: a token version mismatch.";
        }
        return "";
    }

    static Instant serverExpiry(Map<String, Object> v) {
        for (String k : List.of("validTo", "expiredAt", "expires")) {
            Instant i = ServerTimes.parse(str(v, k));
            if (i != null) return i;
        }
        return null;
    }

    static String str(Map<String, Object> v, String k) {
        Object o = v.get(k);
        return o == null ? "" : o.toString();
    }

    private static String or(Object o) {
        return o == null ? "(none)" : o.toString();
    }
}
