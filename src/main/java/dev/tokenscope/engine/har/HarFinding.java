package dev.tokenscope.engine.har;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tokenscope.engine.input.Role;

import java.util.List;

/**
 * One distinct token found in a HAR capture, where it was first seen, how often it was seen, and its place in the
 * capture's story: which client asked for it, where it was sent, and what a server answered when it refused it.
 *
 * @param token          the token text (kept in memory for inspection; never serialised)
 * @param role           access token, ID token, or a token without a label (Authorization header)
 * @param where          where in the exchange it was: "Authorization header", "token response (access_token)",
 *                       "Location fragment (id_token)", "request URL query (access_token)", "form post (id_token)" …
 * @param entry          0-based index of the HAR entry where it was first seen
 * @param method         that request's HTTP method
 * @param url            that request's URL, with token, code and secret parameter values elided
 * @param time           that entry's startedDateTime as written in the HAR (ISO-8601), or null
 * @param status         that response's HTTP status (0 when none)
 * @param occurrences    how many times the same token appears in the capture
 * @param lastEntry      0-based index of the last entry it appears in
 * @param clientId       the client that asked for it: client_id of the /authorize request (redirects, form posts) or of
 *                       the token request's form body (token responses); null when the capture does not say
 * @param requestNonce   the nonce of that client's /authorize request seen earlier (not serialised; null when none)
 * @param signInEntry    0-based entry of that /authorize request, or null when none was seen
 * @param calls          the requests that carried it in an Authorization header, in capture order (at most
 *                       {@link HarScanner#MAX_CALLS})
 * @param serverResponse the first 401/403 answer to a request that carried it, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HarFinding(@JsonIgnore String token, Role role, String where, int entry, String method, String url, String time,
                         int status, int occurrences, int lastEntry, String clientId, @JsonIgnore String requestNonce,
                         Integer signInEntry, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<HarCall> calls,
                         HarServerResponse serverResponse) {

    public HarFinding {
        calls = calls == null ? List.of() : List.copyOf(calls);
    }

    /** A finding without story context (no client, no calls, no server answer). */
    public HarFinding(String token, Role role, String where, int entry, String method, String url, String time, int status,
                      int occurrences, int lastEntry) {
        this(token, role, where, entry, method, url, time, status, occurrences, lastEntry, null, null, null, List.of(), null);
    }

    /** Characters of the token, for lists (the value itself is never shown). */
    public int length() {
        return token == null ? 0 : token.length();
    }

    /** The distinct hosts it was sent to in an Authorization header, in order of first use. */
    public List<String> sentTo() {
        return calls.stream().map(HarCall::host).filter(h -> h != null && !h.isEmpty()).distinct().toList();
    }

    /**
     * A request that carried the token in its Authorization header.
     *
     * @param entry  0-based HAR entry
     * @param method HTTP method
     * @param url    URL with token, code and secret values elided
     * @param host   the URL's host (lower case), or null
     * @param status the response's status (0 when none)
     */
    public record HarCall(int entry, String method, String url, String host, int status) {
    }
}
