package dev.tokenscope.engine.signin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved sign-in (the GUI keeps these beside the API profiles): everything of a {@link SignInRequest} except its
 * secrets. There is deliberately no field for a client secret, a certificate password, or any token; the
 * certificate is remembered by its file path only. Serialises with the engine's {@code Json} mapper.
 *
 * @param flow      "browser", "device" or "client-credentials": a {@link Grant#profileValue()}
 * @param authority as the user typed it (see {@link Authority#parse(String, Authority.Cloud)})
 * @param cloud     public, usgov or china (for a bare tenant); null = public
 */
@JsonPropertyOrder({"name", "flow", "authority", "cloud", "clientId", "scopes", "prompt", "loginHint", "domainHint", "extraParameters",
        "port", "redirectUri", "spaOrigin", "timeoutSeconds", "certificatePath"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignInProfile(String name, String flow, String authority, String cloud, String clientId, List<String> scopes, String prompt,
                            String loginHint, String domainHint, Map<String, String> extraParameters, Integer port, String redirectUri,
                            String spaOrigin, Long timeoutSeconds, String certificatePath) {
    public SignInProfile {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        extraParameters = extraParameters == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(extraParameters));
        flow = Grant.ofProfileValue(flow).profileValue();
    }

    /** The grant of {@link #flow()}. */
    @JsonIgnore
    public Grant grant() {
        return Grant.ofProfileValue(flow);
    }

    /** The profile of a request (its secret and certificate are left out; pass the certificate's path if any). */
    public static SignInProfile of(String name, Grant grant, String authorityText, String cloud, SignInRequest r, String certificatePath) {
        return new SignInProfile(name, grant.profileValue(), authorityText, cloud, r.clientId(), r.scopes(), r.prompt(), r.loginHint(),
                r.domainHint(), r.extraParameters(), r.port() == 0 ? null : r.port(),
                r.redirectUri().equals(SignInRequest.DEFAULT_REDIRECT) ? null : r.redirectUri(),
                r.spaOrigin(), r.timeout().equals(SignInRequest.DEFAULT_TIMEOUT) ? null : r.timeout().toSeconds(), certificatePath);
    }

    /**
     * A builder with this profile's values; the caller adds the secret or certificate the user types or picks.
     *
     * @throws IllegalArgumentException for an authority or cloud that does not parse
     */
    public SignInRequest.Builder toRequest() {
        Authority a = Authority.parse(authority, cloud == null ? Authority.Cloud.PUBLIC : Authority.Cloud.parse(cloud));
        SignInRequest.Builder b = SignInRequest.builder(a, clientId).scopes(scopes).prompt(prompt).loginHint(loginHint)
                .domainHint(domainHint).port(port == null ? 0 : port).redirectUri(redirectUri).spaOrigin(spaOrigin)
                .timeout(timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds));
        extraParameters.forEach(b::extra);
        return b;
    }
}
