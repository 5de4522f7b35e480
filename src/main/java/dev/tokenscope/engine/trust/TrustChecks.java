package dev.tokenscope.engine.trust;

import dev.tokenscope.engine.check.Check;
import dev.tokenscope.engine.check.CheckContext;
import dev.tokenscope.engine.report.Step;

import java.util.List;

/** The key-dependent steps: metadata, keys, key-match, signature. */
public final class TrustChecks {
    private TrustChecks() {
    }

    public static List<Check> all() {
        return List.of(skip("metadata", "OpenID metadata"), skip("keys", "Signing keys"), skip("key-match", "Key match"), skip("signature", "Signature"));
    }

    private static Check skip(String id, String title) {
        return new Check() {
            @Override
            public String id() { return id; }

            @Override
            public Step run(CheckContext ctx) {
                String why = ctx.trust().unavailableReason();
                return ctx.skipped(id, title, "Needs the issuer's keys: " + (why == null ? "not available" : why));
            }
        };
    }
}
