package dev.tokenscope.engine.signin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.net.FetchException;
import dev.tokenscope.engine.net.Http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The authority's endpoints from its discovery document, remembered for the lifetime of one {@link SignInClient}. */
final class Discovery {
    private final Http http;
    private final Map<String, ProviderMetadata> metadata = new ConcurrentHashMap<>();

    Discovery(Http http) {
        this.http = http;
    }

    /** The authority's endpoints from its discovery document (remembered for this client's lifetime). */
    ProviderMetadata discover(Authority authority, FlowLog log) throws SignInException {
        String url = authority.discoveryUrl();
        ProviderMetadata cached = metadata.get(url);
        if (cached != null) {
            log.note("endpoints of " + authority.url() + " from the discovery document read earlier in this session");
            return cached;
        }
        long t0 = System.nanoTime();
        Http.Fetched f;
        try {
            f = http.exchange(url, null, Map.of());
        } catch (FetchException e) {
            log.httpFailed("GET", url, null, null, e.getMessage(), FlowHttp.ms(t0));
            throw new SignInException(e.kind() == FetchException.Kind.CANCELLED ? SignInException.Kind.CANCELLED
                    : SignInException.Kind.DISCOVERY, "could not fetch the discovery document " + url + ": " + e.getMessage(), e);
        }
        if (f.status() != 200) {
            log.http("GET", url, null, null, f.status(), f.body(), f.contentType(), FlowHttp.ms(t0), "discovery", null);
            OAuthError err = OAuthError.fromResponse(f.status(), f.body()).orElse(null);
            String why = f.status() == 404 || f.status() == 400
                    ? " (is the tenant" + (authority.kind() == Authority.Kind.B2C ? " or policy" : "")
                    + " right, and in the right cloud?)" : "";
            throw new SignInException(SignInException.Kind.DISCOVERY, "the discovery document " + url + " answered HTTP " + f.status() + why
                    + (err != null ? ": " + err.summary() : ""), err, null);
        }
        JsonNode doc;
        try {
            doc = Json.parse(new String(f.body(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            log.http("GET", url, null, null, f.status(), f.body(), f.contentType(), FlowHttp.ms(t0), "discovery", null);
            throw new SignInException(SignInException.Kind.DISCOVERY,
                    "the discovery document " + url + " is not JSON: " + Json.describe(e), e);
        }
        ProviderMetadata m = ProviderMetadata.parse(doc, authority, url);
        log.http("GET", url, null, null, f.status(), null, null, FlowHttp.ms(t0),
                "discovery document (" + f.body().length + " bytes): authorization_endpoint="
                + m.authorizationEndpoint() + ", token_endpoint=" + m.tokenEndpoint()
                + (m.deviceAuthorizationEndpoint() != null ? ", device_authorization_endpoint=" + m.deviceAuthorizationEndpoint() : ""),
                null);
        metadata.put(url, m);
        return m;
    }
}
