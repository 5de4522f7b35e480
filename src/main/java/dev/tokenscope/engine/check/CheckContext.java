package dev.tokenscope.engine.check;

import dev.tokenscope.engine.profile.ValidationProfile;
import com.nimbusds.jose.jwk.JWK;
import dev.tokenscope.engine.entra.TokenFacts;
import dev.tokenscope.engine.pop.SignedHttpRequest;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.token.TokenKind;
import dev.tokenscope.engine.trust.TrustState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shared state of one validation run: the token, its facts, the profile, the steps so far and the diagnoses. */
public final class CheckContext {
    private final DecodedToken token;
    private TokenFacts facts; // made on first use: the lifetime step, run per token by verify, needs none
    private final ValidationProfile profile;
    private final Instant now;
    private final TrustState trust;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Diagnosis> diagnoses = new LinkedHashMap<>();

    public CheckContext(DecodedToken token, ValidationProfile profile, Instant now, TrustState trust) {
        this.token = token;
        this.profile = profile;
        this.now = now;
        this.trust = trust;
    }

    public DecodedToken token() { return token; }

    public TokenFacts facts() {
        if (facts == null) facts = new TokenFacts(token);
        return facts;
    }

    public ValidationProfile profile() { return profile; }

    /** The instant the token is evaluated at (the profile's "at", or now). */
    public Instant now() { return now; }

    public TrustState trust() { return trust; }

    /** True when the payload could be read, so claim checks can run. */
    public boolean claimsReadable() {
        return token.claims() != null && (token.kind() == TokenKind.JWS || token.kind() == TokenKind.MALFORMED);
    }

    public void diagnose(Diagnosis d) {
        diagnoses.putIfAbsent(d.id(), d);
    }

    /** Replaces diagnosis {@code id} by {@code d} (in its place when {@code d} has the same id), e.g. when a later step knows more. */
    public void rediagnose(String id, Diagnosis d) {
        if (id.equals(d.id())) {
            diagnoses.put(id, d);
        } else {
            diagnoses.remove(id);
            diagnoses.putIfAbsent(d.id(), d);
        }
    }

    private JWK verifiedKey;

    /** The signature step's outcome: the published key that verified this token's signature. */
    public void verifiedWith(JWK key) {
        this.verifiedKey = key;
    }

    /** The key that verified this token's signature, or null when none did (or the signature step has not run). */
    public JWK verifiedKey() {
        return verifiedKey;
    }

    private SignedHttpRequest envelope;

    /** The Signed HTTP Request the token came in (proof of possession), or null for a plain bearer token. */
    public SignedHttpRequest envelope() { return envelope; }

    public void envelope(SignedHttpRequest shr) { this.envelope = shr; }

    /** How many diagnoses have been named so far. */
    public int diagnosisCount() {
        return diagnoses.size();
    }

    public boolean diagnosed(String id) {
        return diagnoses.containsKey(id);
    }

    /** Runs one check, records its step and returns it; a check that throws yields a failed step, never a crash. */
    public Step run(Check check) {
        Step s;
        try {
            s = check.run(this);
        } catch (RuntimeException e) {
            s = Step.of(check.id(), check.id()).status(Status.FAIL).detail("Internal error in this check: " + e).build();
        }
        if (s != null) steps.add(s); // a notice (warn/info diagnoses only) has no step
        return s;
    }

    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public List<Step> steps() { return List.copyOf(steps); }

    public List<Diagnosis> diagnoses() { return List.copyOf(diagnoses.values()); }

    /** A "skip" step for a check that can't run on this token, with the reason. */
    public Step skipped(String id, String title, String reason) {
        return Step.of(id, title).status(Status.SKIP).detail(reason).build();
    }
}
