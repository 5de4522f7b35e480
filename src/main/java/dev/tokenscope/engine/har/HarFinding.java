package dev.tokenscope.engine.har;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.tokenscope.engine.input.Role;

/**
 * One distinct token found in a HAR capture, where it was first seen, and how often it was seen.
 *
 * @param token       the token text (kept in memory for inspection; never serialised)
 * @param role        access token, ID token, or a token without a label (Authorization header)
 * @param where       where in the exchange it was: "Authorization header", "token response (access_token)",
 *                    "Location fragment (id_token)", "request URL query (access_token)", "form post (id_token)" …
 * @param entry       0-based index of the HAR entry where it was first seen
 * @param method      that request's HTTP method
 * @param url         that request's URL, with token, code and secret parameter values elided
 * @param time        that entry's startedDateTime as written in the HAR (ISO-8601), or null
 * @param status      that response's HTTP status (0 when none)
 * @param occurrences how many times the same token appears in the capture
 * @param lastEntry   0-based index of the last entry it appears in
 */
public record HarFinding(@JsonIgnore String token, Role role, String where, int entry, String method, String url, String time,
                         int status, int occurrences, int lastEntry) {

    /** Characters of the token, for lists (the value itself is never shown). */
    public int length() {
        return token == null ? 0 : token.length();
    }
}
