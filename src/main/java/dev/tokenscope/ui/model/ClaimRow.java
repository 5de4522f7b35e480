package dev.tokenscope.ui.model;

import dev.tokenscope.engine.claims.ClaimView;
import dev.tokenscope.engine.text.SafeText;

import java.util.Locale;

/**
 * One row of the Claims (or Header) table.
 *
 * @param name    the claim name, escaped ({@link SafeText#line})
 * @param value   the value on one line, escaped ({@link ClaimView#displayValue()})
 * @param meaning short meaning: the catalogue title, then what this value means (interpretation or relative and local time),
 *                then the info note when the value holds control, bidirectional or invisible characters
 * @param details the whole explanation for the detail pane
 * @param pii     personal data
 */
public record ClaimRow(String name, String value, String meaning, String details, boolean pii, boolean inCatalogue, ClaimView view) {

    public static ClaimRow of(ClaimView c) {
        StringBuilder m = new StringBuilder(c.title() != null ? c.title() : c.inCatalogue() ? c.displayName() : "Not in catalogue");
        if (c.time() != null) {
            m.append(" — ").append(c.time().relative()).append(" (").append(c.time().local()).append(')');
        } else if (c.interpretation() != null && !c.interpretation().isBlank()) {
            m.append(" — ").append(SafeText.line(c.interpretation()));
        }
        if (c.warning() != null) m.append(" — info: ").append(c.warning());
        StringBuilder d = new StringBuilder();
        d.append(c.displayName());
        if (c.title() != null) d.append(" — ").append(c.title());
        d.append('\n');
        if (c.meaning() != null) d.append(c.meaning()).append('\n');
        if (c.interpretation() != null) d.append("This value: ").append(SafeText.line(c.interpretation())).append('\n');
        if (c.warning() != null) d.append("Info: ").append(c.warning()).append('\n');
        if (c.time() != null) {
            d.append("Time: ").append(c.time().utc()).append(" (UTC) · ").append(c.time().local()).append(" · ").append(c.time().relative())
                    .append('\n');
        }
        if (c.carriedBy() != null) d.append("Carried by: ").append(c.carriedBy()).append('\n');
        if (c.pii()) d.append("Personal data: mask it before sharing this token or report.\n");
        return new ClaimRow(c.displayName(), readable(c), m.toString(), d.toString().strip(), c.pii(), c.inCatalogue(), c);
    }

    /** A time claim as a readable date ("2026-01-01 12:00:00 UTC"); any other value as the token has it (escaped). */
    private static String readable(ClaimView c) {
        if (c.time() == null || c.time().utc() == null) return c.displayValue();
        return c.time().utc().replace('T', ' ').replace("Z", " UTC");
    }

    /** The value cell's tooltip: a time claim's epoch seconds as in the token (and local time); else the value itself. */
    public String valueTooltip() {
        if (view == null || view.time() == null) return value;
        return "epoch " + view.displayValue() + " · " + view.time().local() + " · " + view.time().relative();
    }

    /**
     * The claims that decide a verdict, in the order the table shows them first; the others follow in token order.
     */
    public static final java.util.List<String> DECIDING =
            java.util.List.of("aud", "iss", "tid", "exp", "nbf", "scp", "roles", "azp", "appid",
            "ver", "idtyp");

    /** Deciding claims first ({@link #DECIDING}), then the rest in the token's order (a stable sort). */
    public static java.util.List<ClaimRow> decidingFirst(java.util.List<ClaimRow> rows) {
        java.util.List<ClaimRow> out = new java.util.ArrayList<>(rows);
        out.sort(java.util.Comparator.comparingInt(r -> {
            int i = r.view() == null ? -1 : DECIDING.indexOf(r.view().name());
            return i < 0 ? DECIDING.size() : i;
        }));
        return out;
    }

    /** The info note about control, bidirectional or invisible characters in the name or value (a tooltip), or null. */
    public String warning() {
        return view == null ? null : view.warning();
    }

    /** Case-insensitive match of the filter text against name, value and meaning. */
    public boolean matches(String filter) {
        if (filter == null || filter.isBlank()) return true;
        String f = filter.strip().toLowerCase(Locale.ROOT);
        return name.toLowerCase(Locale.ROOT).contains(f) || value.toLowerCase(Locale.ROOT).contains(f)
                || meaning.toLowerCase(Locale.ROOT).contains(f) || (pii && ("pii".contains(f) || "personal".contains(f)));
    }
}
