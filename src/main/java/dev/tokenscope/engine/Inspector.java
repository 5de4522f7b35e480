package dev.tokenscope.engine;

import dev.tokenscope.engine.crypto.Algorithms;
import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.engine.about.Version;

import dev.tokenscope.engine.check.Check;
import dev.tokenscope.engine.check.CheckContext;
import dev.tokenscope.engine.check.Diagnoses;
import dev.tokenscope.engine.check.TrustChecks;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.claims.ClaimCatalogue;
import dev.tokenscope.engine.claims.HumanTime;
import dev.tokenscope.engine.entra.ManagedIdentity;
import dev.tokenscope.engine.entra.TokenFacts;
import dev.tokenscope.engine.input.Candidate;
import dev.tokenscope.engine.input.Extraction;
import dev.tokenscope.engine.input.InputExtractor;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.KeyView;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.report.Verdicts;
import dev.tokenscope.engine.pop.SignedHttpRequest;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.token.TokenDecoder;
import dev.tokenscope.engine.token.TokenKind;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.engine.trust.TrustState;

import dev.tokenscope.engine.input.Role;
import dev.tokenscope.engine.pipeline.Pipeline;
import dev.tokenscope.engine.saml.SamlInspector;
import dev.tokenscope.engine.saml.SamlProfile;
import dev.tokenscope.engine.trust.FederationTrust;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's front door: input text → extraction → decoding → the check pipeline → {@link Report}.
 * Checks run in the fixed order of the stable step ids; the trust chain (metadata, keys, key match,
 * signature) is resolved only for tokens that can be verified at all.
 */
public final class Inspector {
    private final InputExtractor extractor = new InputExtractor();
    private final TokenDecoder decoder = new TokenDecoder();
    private final Clock clock;
    private final ZoneId zone;
    private final TrustResolver trust;

    public Inspector(TrustResolver trust, Clock clock) {
        this(trust, clock, Pipeline.standard());
    }

    /** An inspector running {@code pipeline} (the standard one, or one with an extension's checks added). */
    public Inspector(TrustResolver trust, Clock clock, Pipeline pipeline) {
        this(trust, clock, pipeline, false);
    }

    /**
     * An inspector running {@code pipeline}; {@code forceOffline} makes every inspection offline (cache and files
     * only), otherwise each profile's own {@code offline} decides.
     */
    public Inspector(TrustResolver trust, Clock clock, Pipeline pipeline, boolean forceOffline) {
        this(trust, clock, pipeline, forceOffline, null, null);
    }

    private Inspector(TrustResolver trust, Clock clock, Pipeline pipeline, boolean forceOffline, String samlReplyUrl,
                      String samlAuthnRequest) {
        this.trust = trust;
        this.clock = clock;
        this.zone = clock.getZone();
        this.pipeline = pipeline;
        this.forceOffline = forceOffline;
        this.samlReplyUrl = samlReplyUrl;
        this.samlAuthnRequest = samlAuthnRequest;
    }

    private final Pipeline pipeline;
    private final boolean forceOffline;
    private final String samlReplyUrl;
    private final String samlAuthnRequest;

    /** An inspector that never resolves a trust chain: key-dependent steps are skipped (token-only checks). */
    public static Inspector offline() {
        return new Inspector(TrustResolver.offlineOnly(), Clock.systemDefaultZone());
    }

    public TrustResolver trustResolver() {
        return trust;
    }

    /**
     * The inspector the faces use: discovery over the network, with the user's cache. {@code offline} forces every
     * inspection offline (cache and files only); otherwise each profile's own {@code offline} decides.
     */
    public static Inspector standard(boolean offline) {
        return new Inspector(new OnlineTrustResolver(new DocumentStore(Http.standard(), DocumentStore.defaultCacheDir(), Clock.systemUTC()),
                Clock.systemUTC()), Clock.systemDefaultZone(), Pipeline.standard(), offline);
    }

    /**
     * This inspector, comparing SAML responses also with the app's reply (ACS) URL and the AuthnRequest they answer
     * (its ID, or the request itself in any form); either may be null.
     */
    public Inspector withSaml(String replyUrl, String authnRequest) {
        return new Inspector(trust, clock, pipeline, forceOffline, replyUrl, authnRequest);
    }

    /** A SAML message: judged by the SAML engine against certificates from federation metadata, into the same report. */
    private Report saml(String message, ValidationProfile profile) {
        Instant now = profile.at() != null ? profile.at() : clock.instant();
        FederationTrust federation = new FederationTrust(trust instanceof OnlineTrustResolver o ? o.store() : null);
        SamlProfile sp = federation.resolve(SamlInspector.claimedIssuer(message).orElse(null), profile, samlReplyUrl, samlAuthnRequest);
        return SamlInspector.inspect(message, sp, now);
    }

    public Extraction extract(String input) {
        return extractor.extract(input);
    }

    /** Inspects whatever the user gave: the primary token of the input, or a report saying why there is none. */
    public Report inspect(String input, ValidationProfile profile) {
        Extraction ex = extractor.extract(input);
        return ex.primary().map(c -> inspect(ex, ex.candidates().indexOf(c), profile))
                .orElseGet(() -> nothing(ex, profile));
    }

    /**
     * A report's verdict without its presentation, for batch work: the same checks, diagnoses and summary as
     * {@link #inspect(String, ValidationProfile)}, without annotating header and claims for display or describing the key
     * and the input. {@code claims} is null when the input held no token to inspect ({@code token} false).
     */
    public record Judgement(boolean token, Verdict verdict, List<Diagnosis> diagnoses, String summary,
                            com.fasterxml.jackson.databind.node.ObjectNode claims) {
        public Optional<Diagnosis> topDiagnosis() {
            return diagnoses.stream().findFirst();
        }
    }

    /** {@link #inspect(String, ValidationProfile)}'s verdict, diagnoses and summary: see {@link Judgement}. */
    public Judgement judge(String input, ValidationProfile requested) {
        Extraction ex = extractor.extract(input);
        Candidate c = ex.primary().orElse(null);
        ValidationProfile profile = effective(requested);
        if (c == null || !c.role().inspectable()) {
            Report r = nothing(ex, profile);
            return new Judgement(false, r.verdict(), r.diagnoses(), r.summary(), null);
        }
        if (c.role() == Role.SAML) {
            Report r = saml(c.value(), profile);
            return new Judgement(r.token() != null, r.verdict(), r.diagnoses(), r.summary(),
                    r.token() != null && r.token().claims() instanceof ObjectNode o ? o : null);
        }
        Evaluation e = evaluate(c, profile);
        return new Judgement(true, e.verdict(), e.diagnoses(), e.summary(), e.token().claims());
    }

    private ValidationProfile effective(ValidationProfile requested) {
        return forceOffline && !requested.offline() ? requested.withKeys(requested.metadata(), requested.jwks(), true) : requested;
    }

    /** Everything a report's verdict is made of. */
    private record Evaluation(Instant now, DecodedToken token, TrustState state, com.nimbusds.jose.jwk.JWK verifiedKey, List<Step> steps,
                              List<Diagnosis> diagnoses, TokenFacts facts, Verdict verdict, String summary) {
    }

    private Evaluation evaluate(Candidate c, ValidationProfile profile) {
        Instant now = profile.at() != null ? profile.at() : clock.instant();
        DecodedToken outer = decoder.decode(c.value());
        // A Signed HTTP Request (proof of possession): the access token inside is what is inspected; the binding is a step.
        SignedHttpRequest shr = SignedHttpRequest.detect(outer, decoder);
        DecodedToken token = shr != null ? shr.inner() : outer;
        TrustState state = verifiable(token) ? trust.resolve(token, profile) : TrustState.none(whyNotVerifiable(token));
        CheckContext ctx = new CheckContext(token, profile, now, state);
        ctx.envelope(shr);
        for (Check check : pipeline.checks()) ctx.run(check);
        List<Step> steps = ctx.steps();
        List<Diagnosis> diagnoses = new ArrayList<>(ctx.diagnoses());
        diagnoses.sort(Verdicts.ORDER);
        TokenFacts facts = ctx.facts();
        Verdict verdict = Verdicts.verdict(steps, diagnoses);
        return new Evaluation(now, token, state, ctx.verifiedKey(), steps, List.copyOf(diagnoses), facts, verdict,
                summary(verdict, steps, diagnoses, facts));
    }


    /** Inspects candidate {@code index} of an extraction (the GUI lets users pick another one). */
    public Report inspect(Extraction ex, int index, ValidationProfile requested) {
        ValidationProfile profile = effective(requested);
        Candidate c = ex.candidates().get(index);
        if (!c.role().inspectable()) return nothing(ex, profile);
        if (c.role() == Role.SAML) return saml(c.value(), profile);
        Evaluation e = evaluate(c, profile);
        Instant now = e.now();
        DecodedToken token = e.token();
        TrustState state = e.state();
        TokenFacts facts = e.facts();
        Report.TokenView view = new Report.TokenView(token.kind(),
                token.claims() == null ? null : typeLabel(facts),
                token.claims() == null ? null : facts.issuer().kind().json(),
                token.header(), token.claims(),
                ClaimCatalogue.get().annotateHeader(token.header(), now, zone),
                ClaimCatalogue.get().annotateClaims(token.claims(), now, zone),
                token.signature(), token.problems());
        KeyView key = state.keyView(e.verifiedKey()).orElse(null);
        return new Report("Tokenscope", Version.get(), HumanTime.utc(now), e.verdict(), e.summary(),
                inputView(ex, index), view, key, e.steps(), e.diagnoses());
    }

    /** The checks this inspector runs, in order. */
    public Pipeline pipeline() {
        return pipeline;
    }

    /** Step-less checks of what a token tells you beyond its verdict: {@link Pipeline#NOTICES}. */
    public static final List<Check> NOTICES = Pipeline.NOTICES;

    /** The token type as shown: a managed identity named by its Azure resource. */
    private static String typeLabel(TokenFacts facts) {
        return ManagedIdentity.of(facts).map(m -> facts.type().label() + ": " + m.describe()).orElse(facts.type().label());
    }

    /**
     * A JWS whose header and signature are sound can be verified, even when its payload is not a JSON object (the
     * decoder keeps nimbus' object then): an intact signature shows the issuer produced that payload.
     */
    private static boolean verifiable(DecodedToken t) {
        return (t.kind() == TokenKind.JWS || t.kind() == TokenKind.MALFORMED) && t.jwt() instanceof SignedJWT s
                && Algorithms.ALLOWED.contains(s.getHeader().getAlgorithm().getName());
    }

    private static String whyNotVerifiable(DecodedToken t) {
        return switch (t.kind()) {
            case OPAQUE -> "an opaque token has no signature anybody but its resource can check";
            case JWE -> "an encrypted token must be decrypted before its signature can be checked";
            case MALFORMED -> "the token is malformed";
            case SAML -> "a SAML message is verified by the SAML engine";
            case JWS -> t.jwt() == null
                    ? (t.headerString("alg") != null && !Algorithms.ALLOWED.contains(t.headerString("alg"))
                            ? "the algorithm \"" + t.headerString("alg") + "\" is refused, so no key is fetched"
                            : "the header is not a valid JOSE header")
                    : t.jwt() instanceof SignedJWT ? "the algorithm is refused, so no key is fetched" : "the token is not signed";
        };
    }

    private static String summary(Verdict v, List<Step> steps, List<Diagnosis> diagnoses, TokenFacts facts) {
        return switch (v) {
            case INVALID -> "Not valid: " + Verdicts.failure(steps, diagnoses);
            case UNDETERMINED -> diagnoses.stream().filter(d -> Verdicts.UNDETERMINING.contains(d.id())).findFirst()
                    .map(d -> "Not trusted: " + d.summary() + (Verdicts.signed(steps)
                            ? " (its signature verifies with the keys that issuer publishes itself)" : ""))
                    .or(() -> diagnoses.stream().filter(d -> d.id().equals(DiagnosisId.METADATA_UNREACHABLE.id())).findFirst()
                            .map(TrustChecks::couldNotFinish)) // the cause named: the DNS failure, the missing cache entry …
                    .orElseGet(() -> "Could not finish: " + steps.stream().filter(s -> StepId.SIGNATURE.id().equals(s.id())).findFirst()
                            .map(s -> s.detail().isEmpty() ? "the signature was not verified" : "signature not verified: " + s.detail())
                            .orElse("the signature was not verified"));
            case VALID -> {
                String aud = String.join(", ", facts.audiences());
                boolean warned = steps.stream().anyMatch(s -> s.status() == Status.WARN)
                        || diagnoses.stream().anyMatch(d -> Diagnosis.WARN.equals(d.severity()));
                yield Verdicts.validSummary(warned, aud) + ManagedIdentity.of(facts).map(m -> " (caller: " + m.describe() + ")").orElse("");
            }
        };
    }

    private static Report.InputView inputView(Extraction ex, int selected) {
        return new Report.InputView(ex.form(), ex.description(), ex.notes(), selected,
                ex.candidates().stream().map(Report.CandidateView::of).toList());
    }

    private Report nothing(Extraction ex, ValidationProfile profile) {
        Instant now = profile.at() != null ? profile.at() : clock.instant();
        String why = ex.nothingToInspect();
        if (Diagnoses.PLACEHOLDER.equals(ex.form())) {
            // A placeholder is no token, but it is what the client sent: invalid, the client bug named (as scan and verify say).
            Diagnosis d = Diagnoses.placeholder(InputExtractor.placeholderValue(ex), ex.description());
            return new Report("Tokenscope", Version.get(), HumanTime.utc(now), Verdict.INVALID, "Not valid: " + d.summary(),
                    inputView(ex, -1), null, null, List.of(), List.of(d));
        }
        return new Report("Tokenscope", Version.get(), HumanTime.utc(now), Verdict.UNDETERMINED, "Nothing to inspect: " + stripPrefix(why),
                inputView(ex, -1), null, null, List.of(), List.of());
    }

    private static String stripPrefix(String s) {
        return s.startsWith("Nothing to inspect: ") ? s.substring("Nothing to inspect: ".length()) : s;
    }
}
