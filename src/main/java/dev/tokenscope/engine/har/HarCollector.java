package dev.tokenscope.engine.har;

import dev.tokenscope.engine.input.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what the entries of one scan hold, in capture order: each distinct token once (where and when it was first
 * seen, how often, the requests that carried it, the 401/403 answered to it), the /authorize and token requests of the
 * story, and which /authorize request each redirected or redeemed token answers (client and nonce).
 */
final class HarCollector {
    int entries;
    int skipped;
    private final Map<String, Acc> found = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    private boolean capped;
    private final List<HarSignIn> signIns = new ArrayList<>();
    private final Map<String, HarSignIn> authorizeByState = bounded();
    private final Map<String, HarSignIn> authorizeByClient = bounded();
    private HarSignIn lastAuthorize;

    /** The scan so far. */
    HarScan scan() {
        List<HarFinding> out = new ArrayList<>(found.size());
        for (Acc a : found.values()) out.add(a.finding());
        return new HarScan(entries, out, skipped, warnings, signIns);
    }

    /** Entry number {@code index} (0-based), read. */
    void add(int index, HarEntry e) {
        if (e.bodyUnread) skipped++;
        HarSignIn signIn = signIn(index, e);
        HarSignIn answered = answeredAuthorize(e, signIn);
        String elided = HarUrls.elide(e.url);
        boolean refused = e.status == 401 || e.status == 403;
        for (HarHit h : e.hits) {
            if (h.token() == null || h.token().isBlank()) continue;
            // A use of the token: an Authorization header, or an access_token in a request's query (WebSocket, SignalR).
            boolean header = h.where().startsWith("Authorization header")
                    || (h.where().startsWith("request URL query") && h.role() == Role.ACCESS_TOKEN);
            Acc a = found.get(h.token());
            if (a != null) {
                a.occurrences++;
                a.lastEntry = index;
            } else if (found.size() < HarScanner.MAX_FINDINGS) {
                a = new Acc(h.token(), h.role(), h.where(), index, e.method, elided, e.time, e.status);
                found.put(h.token(), a);
                if (h.where().startsWith("token response")) {
                    // Auth-code flow: the client of the token request's form body; its nonce is that client's /authorize nonce.
                    a.clientId = e.requestParams.get("client_id");
                    HarSignIn auth = a.clientId != null ? authorizeByClient.get(a.clientId) : lastAuthorize;
                    if (a.clientId == null && auth != null) a.clientId = auth.clientId();
                    pair(a, auth);
                } else if (!header) {
                    // A redirect (Location, redirect URL, fragment) or a form_post: the /authorize request it answers.
                    a.clientId = answered != null && answered.clientId() != null ? answered.clientId() : e.requestParams.get("client_id");
                    pair(a, answered);
                }
            } else {
                if (!capped) {
                    capped = true;
                    warnings.add("more than " + HarScanner.MAX_FINDINGS + " distinct tokens; only the first " + HarScanner.MAX_FINDINGS
                            + " are listed");
                }
                continue;
            }
            if (header) {
                if (a.calls.size() < HarScanner.MAX_CALLS) {
                    a.calls.add(new HarFinding.HarCall(index, e.method, elided, HarUrls.host(e.url), e.status));
                }
                if (refused && a.serverResponse == null) {
                    a.serverResponse = new HarServerResponse(e.status,
                            (e.method == null ? "" : e.method + " ") + (elided == null ? "(no URL)" : elided),
                            index, e.wwwAuthenticate, e.errorBody);
                }
            }
        }
    }

    private static void pair(Acc a, HarSignIn auth) {
        if (auth == null || !auth.authorize()) return;
        a.signInEntry = auth.entry();
        a.requestNonce = auth.nonce();
    }

    /** Registers an /authorize request or a token request (form body with grant_type); null when the entry is neither. */
    private HarSignIn signIn(int index, HarEntry e) {
        Map<String, String> q = e.requestParams;
        HarSignIn in = null;
        if (HarUrls.authorizeEndpoint(e.url) && (q.containsKey("client_id") || q.containsKey("response_type"))) {
            in = new HarSignIn(index, "authorize", HarUrls.host(e.url), q.get("client_id"), q.get("response_type"), null,
                    q.containsKey("code_challenge"), q.get("nonce"), q.get("state"));
            if (in.state() != null) authorizeByState.put(in.state(), in);
            if (in.clientId() != null) authorizeByClient.put(in.clientId(), in);
            lastAuthorize = in;
        } else if (q.containsKey("grant_type")) {
            in = new HarSignIn(index, "token", HarUrls.host(e.url), q.get("client_id"), null, q.get("grant_type"),
                    q.containsKey("code_verifier"), null, null);
        }
        if (in != null && signIns.size() < HarScanner.MAX_SIGN_INS) signIns.add(in);
        return in;
    }

    /**
     * The /authorize request a redirect or form post of this entry answers: the entry itself when it is one, else the
     * one with the same state, else the latest one of the same client, else the latest one.
     */
    private HarSignIn answeredAuthorize(HarEntry e, HarSignIn signIn) {
        if (signIn != null && signIn.authorize()) return signIn;
        String state = e.redirectParams.containsKey("state") ? e.redirectParams.get("state") : e.requestParams.get("state");
        if (state != null && authorizeByState.containsKey(state)) return authorizeByState.get(state);
        String client = e.requestParams.get("client_id");
        if (client != null && authorizeByClient.containsKey(client)) return authorizeByClient.get(client);
        return lastAuthorize;
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > HarScanner.MAX_SIGN_INS;
            }
        };
    }

    /** A finding being accumulated. */
    private static final class Acc {
        final String token;
        final Role role;
        final String where;
        final int entry;
        final String method, url, time;
        final int status;
        int occurrences = 1;
        int lastEntry;
        String clientId, requestNonce;
        Integer signInEntry;
        final List<HarFinding.HarCall> calls = new ArrayList<>(1);
        HarServerResponse serverResponse;

        Acc(String token, Role role, String where, int entry, String method, String url, String time, int status) {
            this.token = token;
            this.role = role;
            this.where = where;
            this.entry = entry;
            this.method = method;
            this.url = url;
            this.time = time;
            this.status = status;
            this.lastEntry = entry;
        }

        HarFinding finding() {
            return new HarFinding(token, role, where, entry, method, url, time, status, occurrences, lastEntry, clientId, requestNonce,
                    signInEntry, calls, serverResponse);
        }
    }
}
