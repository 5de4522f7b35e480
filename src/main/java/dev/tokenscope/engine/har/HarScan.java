package dev.tokenscope.engine.har;

import java.util.List;

/**
 * What a HAR scan found.
 *
 * @param entries  number of request/response entries read
 * @param findings distinct tokens in order of first appearance
 * @param skipped  response bodies not read (too large or not JSON), for the summary
 * @param warnings things the user should know (unreadable parts, truncated capture)
 */
public record HarScan(int entries, List<HarFinding> findings, int skipped, List<String> warnings) {
    public HarScan {
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
    }
}
