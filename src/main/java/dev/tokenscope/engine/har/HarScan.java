package dev.tokenscope.engine.har;

import java.util.List;

/**
 * What a HAR scan found.
 *
 * @param entries  number of request/response entries read
 * @param findings distinct tokens in order of first appearance
 * @param skipped  response bodies not read (too large or not JSON), for the summary
 * @param warnings things the user should know (unreadable parts, truncated capture)
 * @param signIns  /authorize and token requests, in capture order (at most {@link HarScanner#MAX_SIGN_INS})
 */
public record HarScan(int entries, List<HarFinding> findings, int skipped, List<String> warnings, List<HarSignIn> signIns) {
    public HarScan {
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
        signIns = signIns == null ? List.of() : List.copyOf(signIns);
    }

    public HarScan(int entries, List<HarFinding> findings, int skipped, List<String> warnings) {
        this(entries, findings, skipped, warnings, List.of());
    }
}
