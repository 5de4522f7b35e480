package dev.tokenscope.engine.input;

import java.util.List;
import java.util.Optional;

/**
 * What the extractor recognised in a user's input.
 *
 * @param form        short machine id of the input form (raw, bearer, authorization-header, token-response, url-fragment, …)
 * @param description a sentence telling the user what was recognised
 * @param notes       clean-ups applied (quotes stripped, line breaks removed …)
 * @param candidates  every token-like string found, the one to inspect first
 */
public record Extraction(String form, String description, List<String> notes, List<Candidate> candidates) {
    public Extraction {
        notes = List.copyOf(notes);
        candidates = List.copyOf(candidates);
    }

    /** The candidate to inspect: the access token first, then an ID token, then any unlabelled token. */
    public Optional<Candidate> primary() {
        for (Role r : new Role[]{Role.ACCESS_TOKEN, Role.TOKEN, Role.ID_TOKEN, Role.SAML}) {
            for (Candidate c : candidates) if (c.role() == r) return Optional.of(c);
        }
        return Optional.empty();
    }

    /** Why there is nothing to inspect, for a user; only meaningful when {@link #primary()} is empty. */
    public String nothingToInspect() {
        if (candidates.isEmpty()) return description;
        StringBuilder sb = new StringBuilder("Nothing to inspect: the input holds only ");
        sb.append(candidates.stream().map(c -> ("aeiou".indexOf(c.role().label().charAt(0)) >= 0 ? "an " : "a ") + c.role().label())
                .distinct().reduce((a, b) -> a + " and " + b).orElse("?"));
        if (candidates.stream().anyMatch(c -> c.role() == Role.REFRESH_TOKEN)) {
            sb.append(". Refresh tokens are opaque to clients and are never decoded");
        }
        if (candidates.stream().anyMatch(c -> c.role() == Role.AUTHORIZATION_CODE)) {
            sb.append(". An authorization code is not a token: the app redeems it at the token endpoint (with its PKCE "
                    + "verifier) for tokens");
        }
        return sb.append('.').toString();
    }
}
