package dev.tokenscope.engine.har;

import dev.tokenscope.engine.input.Role;
import dev.tokenscope.engine.report.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One paragraph of what happened in a capture, told from its sign-in requests and its judged tokens in capture order:
 * "The app (client 1b2c…) signed in at login.microsoftonline.com (auth code + PKCE), got an ID token, a Microsoft
 * Graph token and a token for api://orders, then called GET https://api.contoso.example/api/orders with
 * `Bearer undefined` → 401." Token values never appear (placeholders, which are no tokens, do).
 */
public final class HarStory {
    /** At most this many calls (and tokens acquired in a row) are told; the rest are counted. */
    static final int MAX_LISTED = 8;

    private HarStory() {
    }

    private record Event(int entry, int order, Kind kind, String text, String client) {
    }

    private enum Kind { SIGN_IN, ACQUIRED, CALL }

    /** The story of {@code scan}, whose findings were judged as {@code rows} (same order; rows may be fewer). */
    public static String tell(HarScan scan, List<HarRow> rows) {
        List<Event> events = new ArrayList<>();
        int order = 0;
        Map<String, Boolean> authorized = new LinkedHashMap<>();
        for (HarSignIn s : scan.signIns()) {
            String client = s.clientId();
            if (s.authorize()) {
                authorized.put(String.valueOf(client), true);
                String flow = s.flow();
                events.add(new Event(s.entry(), order++, Kind.SIGN_IN,
                        "signed in at " + host(s.host()) + (flow == null ? "" : " (" + flow + ")"), client));
            } else if ("authorization_code".equals(s.grantType())) {
                events.add(new Event(s.entry(), order++, Kind.SIGN_IN,
                        authorized.containsKey(String.valueOf(client)) ? "redeemed the code at " + host(s.host())
                        : "redeemed an authorization code at " + host(s.host()) + (s.pkce() ? " (with PKCE)" : ""), client));
            } else if ("refresh_token".equals(s.grantType())) {
                events.add(new Event(s.entry(), order++, Kind.SIGN_IN, "refreshed its tokens at " + host(s.host()), client));
            } else {
                String flow = s.flow();
                events.add(new Event(s.entry(), order++, Kind.SIGN_IN,
                        "requested tokens at " + host(s.host()) + (flow == null ? "" : " (" + flow + ")"), client));
            }
        }
        for (HarRow r : rows) {
            HarFinding f = r.finding();
            boolean acquired = !f.where().startsWith("Authorization header")
                    && !(f.where().startsWith("request URL query") && !f.calls().isEmpty());
            if (acquired) events.add(new Event(f.entry(), order++, Kind.ACQUIRED, acquiredLabel(r), f.clientId()));
            for (HarFinding.HarCall c : f.calls()) {
                String text = "called " + (c.method() == null ? "" : c.method() + " ") + (c.url() == null ? "(no URL)" : c.url())
                        + " with " + usedLabel(r, acquired) + (c.status() > 0 ? " → " + c.status() : "");
                events.add(new Event(c.entry(), order++, Kind.CALL, text, null));
            }
        }
        if (events.isEmpty()) return scan.findings().isEmpty() ? "No token was found in the capture." : "";
        events.sort(Comparator.comparingInt(Event::entry).thenComparingInt(e -> e.kind().ordinal()).thenComparingInt(Event::order));

        String firstClient = events.stream().filter(e -> e.client() != null).map(Event::client).findFirst().orElse(null);
        StringBuilder sb = new StringBuilder(firstClient == null ? "The app" : "The app (client " + firstClient + ")");
        String currentClient = firstClient;
        List<String> clauses = new ArrayList<>();
        int i = 0;
        while (i < events.size()) {
            Event e = events.get(i);
            if (e.kind() == Kind.SIGN_IN) {
                String who = e.client() != null && !e.client().equals(currentClient) ? "client " + e.client() + " " : "";
                if (e.client() != null) currentClient = e.client();
                i++;
                // A token request and the tokens of its response: one clause.
                List<String> got = new ArrayList<>();
                while (!e.text().startsWith("signed in") && i < events.size() && events.get(i).kind() == Kind.ACQUIRED
                        && events.get(i).entry() == e.entry()) {
                    got.add(events.get(i++).text());
                }
                clauses.add(who + e.text() + (got.isEmpty() ? "" : " for " + list(got, "more tokens")));
                continue;
            }
            int j = i;
            while (j < events.size() && events.get(j).kind() == e.kind()) j++;
            List<String> texts = new ArrayList<>();
            for (int k = i; k < j; k++) texts.add(events.get(k).text());
            if (e.kind() == Kind.ACQUIRED) {
                clauses.add("got " + list(texts, "more tokens"));
            } else {
                List<String> calls = new ArrayList<>();
                for (int k = 0; k < texts.size(); k++) calls.add(k == 0 ? texts.get(k) : texts.get(k).substring("called ".length()));
                clauses.add("then " + list(calls, "more calls"));
            }
            i = j;
        }
        if (clauses.get(0).startsWith("then ")) clauses.set(0, clauses.get(0).substring("then ".length()));
        sb.append(' ').append(String.join(", ", clauses)).append('.');
        return sb.toString();
    }

    private static String list(List<String> items, String more) {
        List<String> shown = items.size() > MAX_LISTED ? new ArrayList<>(items.subList(0, MAX_LISTED)) : new ArrayList<>(items);
        if (items.size() > MAX_LISTED) shown.add((items.size() - MAX_LISTED) + " " + more);
        if (shown.size() == 1) return shown.get(0);
        return String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
    }

    private static String host(String h) {
        return h == null ? "(unknown host)" : h;
    }

    /** "an ID token", "a Microsoft Graph token", "a token for api://orders", "the placeholder 'undefined'". */
    static String acquiredLabel(HarRow r) {
        if (r.finding().role() == Role.SAML) return r.type() != null ? "a " + r.type() : "a SAML message";
        return switch (r.judgedAs()) {
            case PLACEHOLDER -> "the placeholder '" + r.finding().token() + "' instead of a token";
            case ID_TOKEN_FOR_CLIENT -> "an ID token";
            case OTHER_RESOURCE -> article(r.judgedFor()) + " " + r.judgedFor() + " token";
            case API -> isIdToken(r) ? "an ID token" : r.audience() != null ? "a token for " + r.audience() : "an access token";
        };
    }

    /** How a call's credential is told: "`Bearer undefined`", "the Microsoft Graph token", "the token for api://orders". */
    static String usedLabel(HarRow r, boolean acquired) {
        if (r.finding().role() == Role.SAML) return (acquired ? "the " : "a ") + (r.type() != null ? r.type() : "SAML message");
        String what = switch (r.judgedAs()) {
            case PLACEHOLDER -> null;
            case ID_TOKEN_FOR_CLIENT -> "ID token";
            case OTHER_RESOURCE -> r.judgedFor() + " token";
            case API -> isIdToken(r) ? "ID token" : r.audience() != null ? "token for " + r.audience() : "token";
        };
        if (what == null) return "`Bearer " + r.finding().token() + "`";
        String s = (acquired ? "the " : article(what) + " ") + what;
        if (r.judgedAs() == HarRow.JudgedAs.API && r.verdict() == Verdict.INVALID && r.diagnosis() != null) {
            s += " (not valid: " + r.diagnosis() + ")";
        }
        return s;
    }

    private static boolean isIdToken(HarRow r) {
        return r.type() != null && r.type().toLowerCase(Locale.ROOT).startsWith("id token");
    }

    private static String article(String word) {
        return word != null && !word.isEmpty() && "aeiouAEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
