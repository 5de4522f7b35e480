package dev.tokenscope.ui.model;

import dev.tokenscope.engine.har.HarFinding;
import dev.tokenscope.engine.har.HarRow;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.text.SafeText;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One row of the HAR list as the table shows it: the engine's {@link HarRow} (finding + verdict + report) and its
 * texts, every one from the capture escaped ({@link SafeText#line}). The verdict looks like a validation step: a word, an icon and the step
 * colours (status-pass for valid, status-warn for valid with warnings, status-fail for not valid, status-skip for undetermined).
 *
 * @param row        the engine's row (its finding holds the token, which is never shown)
 * @param request    "GET https://api.contoso.example/orders" (token, code and secret values elided by the scanner)
 * @param time       the entry's start time in the local zone, "2026-03-01 13:00:02", or the HAR's text when unparsable
 * @param where      where the token was: "Authorization header", "token response (access_token)" … (+ "· seen 3×")
 * @param audience   "aud", or "—"
 * @param expires    "expires in 50 min", "expired 3 h ago", or "—"
 * @param verdict    the banner's word: VALID, VALID, WARNINGS, NOT VALID, UNDETERMINED
 * @param status     the step status whose colours and icon the verdict uses
 * @param details    several lines for the detail pane and tooltips
 * @param reason     why: the top diagnosis' summary ("Token issued for … not for this API", "a placeholder …"), or "—"
 * @param http       the HTTP status of the response to the request that carried the token ("401"), or "—"
 * @param judgedBy   what judged it: the API profile's name, or the role it was judged in instead ("ID token for its client")
 */
public record HarListRow(HarRow row, String request, String time, String where, String audience, String expires,
                         String verdict, Status status, String details, String reason, String http, String judgedBy) {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static HarListRow of(HarRow r, ZoneId zone) {
        return of(r, zone, null);
    }

    /** The row of {@code r}, judged against the profile named {@code profile} (null: "the API profile"). */
    public static HarListRow of(HarRow r, ZoneId zone, String profile) {
        HarFinding f = r.finding();
        String request = (f.method() == null ? "" : SafeText.line(f.method()) + " ")
                + (f.url() == null ? "(no URL)" : SafeText.line(f.url()));
        String where = SafeText.line(f.where()) + (f.occurrences() > 1 ? " · seen " + f.occurrences() + "×" : "");
        Banner b = Banner.of(r.report());
        Status status = switch (b.kind()) {
            case VALID -> Status.PASS;
            case WARNING -> Status.WARN;
            case INVALID -> Status.FAIL;
            default -> Status.SKIP;
        };
        StringBuilder d = new StringBuilder();
        d.append(b.word()).append(" — ").append(SafeText.line(r.summary()));
        if (r.diagnosis() != null) d.append(" [").append(SafeText.line(r.diagnosis())).append(']');
        d.append('\n');
        String type = SafeText.line(r.type());
        if (type == null) d.append(f.role().label());
        else if (type.toLowerCase(java.util.Locale.ROOT).startsWith(f.role().label().toLowerCase(java.util.Locale.ROOT))) d.append(type);
        else d.append(f.role().label()).append(" · ").append(type);
        d.append(" · ").append(f.length()).append(" characters\n");
        d.append(SafeText.line(r.judgedText())).append('\n');
        d.append(SafeText.line(f.where())).append(" of ").append(request);
        if (f.status() > 0) d.append(" → ").append(f.status());
        if (f.serverResponse() != null) {
            d.append('\n').append(SafeText.line(f.serverResponse().request())).append(' ').append(SafeText.line(f.serverResponse().text()));
        }
        d.append('\n').append("entry ").append(f.entry() + 1);
        if (f.time() != null) d.append(" at ").append(SafeText.line(f.time()));
        if (f.occurrences() > 1) d.append(" · seen ").append(f.occurrences()).append("× (last in entry ").append(f.lastEntry() + 1)
                .append(')');
        if (r.issuer() != null) d.append("\nissuer ").append(SafeText.line(r.issuer()));
        if (r.expires() != null) d.append("\nexp ").append(SafeText.line(r.expires()))
                .append(r.expiresIn() != null ? " (" + SafeText.line(r.expiresIn()) + ")" : "");
        String judgedBy = switch (r.judgedAs()) {
            case API -> profile == null || profile.isBlank() ? "API profile" : SafeText.line(profile);
            case ID_TOKEN_FOR_CLIENT -> "ID token for its client";
            case OTHER_RESOURCE -> "not judged: another resource";
            case PLACEHOLDER -> "not a token";
        };
        return new HarListRow(r, request, localTime(f.time(), zone), where, r.audience() == null ? "—" : SafeText.line(r.audience()),
                SafeText.line(r.expiresIn() != null ? r.expiresIn() : r.expires() != null ? r.expires() : "—"), b.word(), status,
                d.toString(),
                reason(r), f.status() > 0 ? String.valueOf(f.status()) : "—", judgedBy);
    }

    /** The top diagnosis' summary, else (not valid) the summary's reason; "—" for a valid token with nothing to say. */
    private static String reason(HarRow r) {
        if (r.report() != null) {
            var top = r.report().topDiagnosis();
            if (top.isPresent()) return SafeText.line(top.get().summary());
        }
        String sum = r.summary() == null ? "" : r.summary();
        if (r.verdict() == dev.tokenscope.engine.report.Verdict.VALID || sum.isBlank()) return "—";
        int colon = sum.indexOf(": ");
        return SafeText.line(colon > 0 && colon < 20 ? sum.substring(colon + 2) : sum);
    }

    /**
     * The row that explains a capture's failure, to select first: a token that is not valid (or undetermined) and was
     * answered 401 or 403, else one that is not valid and was sent to an API, else any that is not valid; null otherwise.
     */
    public static HarListRow explaining(java.util.List<HarListRow> rows) {
        java.util.function.Predicate<HarListRow> bad = r -> r.status() == Status.FAIL || r.status() == Status.SKIP;
        return rows.stream().filter(bad).filter(r -> r.row().finding().status() == 401 || r.row().finding().status() == 403).findFirst()
                .or(() -> rows.stream().filter(r -> r.status() == Status.FAIL).filter(r -> !r.row().sentTo().isEmpty()).findFirst())
                .or(() -> rows.stream().filter(r -> r.status() == Status.FAIL).findFirst())
                .orElse(null);
    }

    /** The style class of the verdict cell: status-pass, status-warn, status-fail or status-skip. */
    public String styleClass() {
        return StepPresenter.styleClass(status);
    }

    public String icon() {
        return StepPresenter.icon(status);
    }

    /** The token's 1-based number in the list (what {@code tokenscope scan --inspect N} takes). */
    /** The verdict column's order: valid, with warnings, undetermined, not valid; then the list's own order. */
    public static final java.util.Comparator<HarListRow> BY_SEVERITY =
            java.util.Comparator.comparingInt(HarListRow::severity).thenComparingInt(HarListRow::number);

    /** 0 valid, 1 valid with warnings, 2 undetermined, 3 not valid. */
    public int severity() {
        return switch (status) {
            case PASS -> 0;
            case WARN -> 1;
            case SKIP, INFO -> 2;
            case FAIL -> 3;
        };
    }

    public int number() {
        return row.number();
    }

    /** The token text, for inspecting it in the main window (never shown in the list). */
    String token() {
        return row.finding().token();
    }

    static String localTime(String harTime, ZoneId zone) {
        if (harTime == null || harTime.isBlank()) return "—";
        try {
            return OffsetDateTime.parse(harTime).atZoneSameInstant(zone).format(LOCAL);
        } catch (DateTimeParseException e) {
            return SafeText.line(harTime);
        }
    }
}
