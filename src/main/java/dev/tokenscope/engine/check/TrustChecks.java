package dev.tokenscope.engine.check;

import dev.tokenscope.engine.trust.ResolvedTrust;
import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.FetchException;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.List;

/** The key-dependent steps, in order: metadata, keys, key-match, signature. */
public final class TrustChecks {
    private TrustChecks() {
    }

    public static List<Check> all() {
        return List.of(new MetadataCheck(), new KeysCheck(), new KeyMatchCheck(), new SignatureCheck());
    }

    private static final String UNREACHABLE = "Could not get ";

    /**
     * The verdict's line when the issuer's documents could not be had, naming the cause once: "Could not finish without
     * the issuer's OpenID metadata: DNS: … could not be resolved" (not "Could not finish: Could not get …").
     */
    public static String couldNotFinish(Diagnosis unreachable) {
        String s = unreachable.summary();
        return s.startsWith(UNREACHABLE) ? "Could not finish without " + s.substring(UNREACHABLE.length()) : "Could not finish: " + s;
    }

    static Diagnosis unreachable(String what, FetchException e) {
        return new Diagnosis(DiagnosisId.METADATA_UNREACHABLE, UNREACHABLE + "the issuer's " + what + ": " + e.getMessage(),
                "Without the issuer's published keys nobody can prove who signed the token, so the verdict stays open. "
                        + "A server in the same situation logs IDX20803 (unable to obtain configuration) and rejects every token.",
                fromFile(e) ? "The document is a file you chose: fix or replace the file (" + e.url() + "), or give a URL."
                        : switch (e.kind()) {
                            case DNS, REFUSED, TIMEOUT -> "Check the network path (proxy, firewall, DNS) to "
                                    + (e.url() == null ? "the issuer" : e.url())
                                    + ", or give the documents as files (--metadata FILE --jwks FILE) "
                                    + "or run once online to fill the cache.";
                            case TLS -> "A TLS-inspecting proxy? Trust its CA in the runtime, or give the documents as files.";
                            case HTTP_STATUS ->
                                    "Check the tenant id / policy in the URL; a 404 means the tenant or B2C policy does not exist.";
                            case HTML -> "Something (a proxy or a sign-in page) answered instead of the issuer; check the URL and proxy.";
                            case OFFLINE -> "Run once without --offline (the cache keeps the documents), or give them as files.";
                            default -> "Check the URL, or give the documents as files (--metadata FILE --jwks FILE).";
                        });
    }

    /** True when the failed document is a file the user chose, not something fetched: its problem is the file's, not the network's. */
    static boolean fromFile(FetchException e) {
        return e.kind() == FetchException.Kind.FILE || (e.url() != null && !DocumentStore.isUrl(e.url()));
    }

    /** Not loaded on purpose (offline, or the run was cancelled): nothing was judged, so a skip rather than a failure. */
    private static boolean notLoaded(FetchException e) {
        return e.kind() == FetchException.Kind.OFFLINE || e.kind() == FetchException.Kind.CANCELLED;
    }

    /**
     * The step for a document that could not be had: a skip when it was not loaded on purpose, else a failure with its
     * diagnosis, the code a server logs, and the fix for a file the user gave or for the network.
     */
    private static Step fetchFailed(Step.Builder s, CheckContext ctx, ResolvedTrust.Outcome o, String what, String idx,
            String fileHint, String networkHint) {
        FetchException e = o.error();
        if (notLoaded(e)) return s.status(Status.SKIP).detail("Not loaded: " + e.getMessage()).evidence("url", o.source()).build();
        ctx.diagnose(unreachable(what, e));
        return s.status(Status.FAIL).detail(e.getMessage()).evidence("url", o.source())
                .evidence("failure", e.kind().name().toLowerCase()).idx(idx).hint(fromFile(e) ? fileHint : networkHint).build();
    }

    /** Fetching the issuer's OpenID metadata. */
    static final class MetadataCheck implements Check {
        @Override
        public Stage stage() {
            return Stage.TRUST;
        }

        @Override
        public Reads reads() {
            return Reads.HEADER_AND_TRUST;
        }

        @Override
        public String id() { return StepId.METADATA.id(); }

        @Override
        public Step run(CheckContext ctx) {
            Step.Builder s = Step.of(id(), "OpenID metadata");
            if (!(ctx.trust() instanceof ResolvedTrust t)) {
                return s.status(Status.SKIP).detail("Needs the issuer's metadata: " + ctx.trust().unavailableReason()).build();
            }
            ResolvedTrust.Outcome m = t.metadataOutcome();
            if (m == null) return s.status(Status.SKIP).detail("Not needed: the key set was given").build();
            if (m.skipped() != null) {
                return s.status(ctx.profile().jwks() != null ? Status.SKIP : Status.FAIL).detail("Not fetched: " + m.skipped())
                        .hint("Give the metadata: --metadata URL|FILE").idx(ctx.profile().jwks() != null ? null : "IDX20803").build();
            }
            if (!m.ok()) {
                if (ctx.profile().jwks() != null && !notLoaded(m.error())) {
                    return s.status(Status.WARN).detail("Could not load " + m.source() + ": " + m.error().getMessage()
                            + "; the issuer is checked by its form only").evidence("url", m.source()).build();
                }
                return fetchFailed(s, ctx, m, "OpenID metadata", "IDX20803", "Fix the metadata file you gave, or give its URL.",
                        "Check the network to the issuer, or give --metadata FILE.");
            }
            DocumentStore.Doc d = m.doc();
            s.evidence("source", d.source()).evidence("issuer", d.json().path("issuer").asText(null))
                    .evidence("jwks_uri", d.json().path("jwks_uri").asText(null))
                    .evidence("cache", d.file() ? "file" : d.note() + ", " + d.age(t.now()));
            boolean userGiven = ctx.profile().metadata() != null;
            return s.status(Status.PASS)
                    .detail((userGiven ? "Loaded the metadata you gave" : "Discovered from the token's issuer") + ": " + d.source()
                    + (d.file() ? "" : " (" + d.note() + ")")).build();
        }
    }

    /** Loading the key set from jwks_uri (or a file). */
    static final class KeysCheck implements Check {
        @Override
        public Stage stage() {
            return Stage.TRUST;
        }

        @Override
        public Reads reads() {
            return Reads.HEADER_AND_TRUST;
        }

        @Override
        public String id() { return StepId.KEYS.id(); }

        @Override
        public Step run(CheckContext ctx) {
            Step.Builder s = Step.of(id(), "Signing keys");
            if (!(ctx.trust() instanceof ResolvedTrust t)) {
                return s.status(Status.SKIP).detail("Needs the issuer's key set: " + ctx.trust().unavailableReason()).build();
            }
            ResolvedTrust.Outcome k = t.jwksOutcome();
            if (k == null || (!k.ok() && k.error() == null)) {
                return s.status(Status.SKIP)
                        .detail(k == null || k.skipped() == null ? "No key set" : "Not fetched: " + k.skipped()).build();
            }
            if (!k.ok()) {
                return fetchFailed(s, ctx, k, "signing keys", "IDX10500",
                        "Fix the key-set file you gave (a JSON Web Key Set), or give its URL.",
                        "Check the network to the key set URL, or give --jwks FILE.");
            }
            s.evidence("source", k.doc().source()).evidence("keys", t.keys().size())
                    .evidence("cache", k.doc().file() ? "file" : k.doc().note() + ", " + k.doc().age(t.now()));
            int n = 0;
            for (String skipped : t.skippedKeys()) s.evidence("skipped " + (++n), skipped);
            if (t.keys().isEmpty()) {
                if (!t.skippedKeys().isEmpty() && t.skippedKeys().get(0).contains("no \"keys\" array")) {
                    ctx.diagnose(unreachable("signing keys",
                            new FetchException(FetchException.Kind.WRONG_SHAPE, k.source(), t.skippedKeys().get(0))));
                    return s.status(Status.FAIL).detail(t.skippedKeys().get(0)).idx("IDX10500").build();
                }
                return s.status(Status.FAIL).detail("The key set at " + k.doc().source() + " holds no usable key").idx("IDX10500").build();
            }
            n = 0;
            for (String line : t.story()) s.evidence("step " + (++n), line);
            return s.status(Status.PASS).detail(t.keys().size() + " key" + (t.keys().size() == 1 ? "" : "s") + " from " + k.doc().source()
                    + (k.doc().file() ? " (file)" : " (" + k.doc().note() + ")")).build();
        }
    }
}
