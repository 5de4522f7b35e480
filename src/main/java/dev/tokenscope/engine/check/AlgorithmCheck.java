package dev.tokenscope.engine.check;

import dev.tokenscope.engine.crypto.Algorithms;
import dev.tokenscope.engine.report.StepId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The header's algorithm against an allow-list (RS/PS/ES only, never from the token's say-so), plus the
 * header members a validator must refuse: unknown "crit", "b64": false, and keys the token brings itself.
 */
public final class AlgorithmCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.HEADER;
    }

    @Override
    public Reads reads() {
        return Reads.HEADER_AND_TRUST;
    }

    /** Header parameters Tokenscope understands when listed in "crit" (none: Entra never uses crit). */
    static final Set<String> UNDERSTOOD_CRIT = Set.of();
    static final List<String> KEY_HEADERS = List.of("jku", "x5u", "jwk", "x5c");

    @Override
    public String id() { return StepId.ALGORITHM.id(); }

    @Override
    public Step run(CheckContext ctx) {
        ObjectNode h = ctx.token().header();
        Step.Builder s = Step.of(id(), "Signing algorithm");
        if (h == null) return ctx.skipped(id(), "Signing algorithm", "The header could not be decoded.");
        if (h.has("enc")) {
            return s.status(Status.SKIP).detail("Encrypted token: the signature algorithm is inside the encrypted content")
                    .evidence("alg", h.path("alg").asText()).evidence("enc", h.path("enc").asText()).build();
        }
        JsonNode algNode = h.get("alg");
        String alg = algNode != null && algNode.isTextual() ? algNode.asText() : null;
        s.evidence("alg", alg == null ? "(missing)" : alg)
                .evidence("allowed", String.join(", ", Algorithms.ALLOWED.stream().sorted().toList()));
        List<String> failures = new ArrayList<>();
        String idx = null, hint = null;
        if (alg == null) {
            failures.add("the header has no \"alg\"");
            idx = "IDX10634";
        } else if (alg.equalsIgnoreCase("none")) {
            failures.add("alg \"" + alg + "\" means unsigned: anybody could have written it");
            ctx.diagnose(Diagnoses.algNone(alg));
            idx = "IDX10504";
            hint = "Never accept unsigned tokens.";
        } else if (alg.toUpperCase(Locale.ROOT).startsWith("HS")) {
            failures.add(alg + " is an HMAC (shared-secret) algorithm; Entra signs with RSA");
            ctx.diagnose(Diagnoses.symmetricAlg(alg));
            idx = "IDX10503";
            hint = "Pin the accepted algorithms to RS256 (Entra) in your validator.";
        } else if (!Algorithms.ALLOWED.contains(alg)) {
            failures.add("\"" + alg + "\" is not an accepted signature algorithm");
            idx = "IDX10634";
        }
        JsonNode crit = h.get("crit");
        if (crit != null) {
            List<String> unknown = new ArrayList<>();
            if (crit.isArray()) {
                for (JsonNode n : crit) {
                    if (!n.isTextual() || !UNDERSTOOD_CRIT.contains(n.asText())) unknown.add(n.isTextual() ? n.asText() : n.toString());
                }
            } else {
                unknown.add(crit.toString());
            }
            if (!unknown.isEmpty() || !crit.isArray() || crit.isEmpty()) {
                failures.add("\"crit\" lists " + (unknown.isEmpty() ? "nothing (an empty crit is invalid)" : String.join(", ", unknown))
                        + ", which must be understood to accept the token");
                ctx.diagnose(Diagnoses.unknownCrit(unknown.isEmpty() ? "[]" : String.join(", ", unknown)));
            }
        }
        JsonNode b64 = h.get("b64");
        if (b64 != null && !(b64.isBoolean() && b64.booleanValue())) {
            failures.add("\"b64\": " + b64 + " (unencoded payload) is not allowed in a JWT");
            ctx.diagnose(Diagnoses.unencodedPayload());
        }
        List<String> injected = KEY_HEADERS.stream().filter(h::has).toList();
        if (!injected.isEmpty()) {
            ctx.diagnose(Diagnoses.headerKeyInjection(String.join(", ", injected)));
            s.evidence("ignored header keys", String.join(", ", injected));
        }
        if (!failures.isEmpty()) {
            return s.status(Status.FAIL).detail(capitalise(String.join("; ", failures)) + ".").idx(idx)
                    .hint(hint != null ? hint
                            : "Reject the token; accept only the asymmetric algorithms your issuer uses (Entra: RS256).").build();
        }
        if (!injected.isEmpty()) {
            return s.status(Status.WARN).detail(alg + " is accepted, but the header names its own key (" + String.join(", ", injected)
                    + "); it is ignored: keys come only from the issuer's published key set")
                    .hint("Entra tokens never carry these members; treat the token with suspicion.").build();
        }
        return s.status(Status.PASS)
                .detail(alg + " is an accepted asymmetric algorithm" + ("RS256".equals(alg) ? " (the one Entra uses)" : "")).build();
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
