package dev.tokenscope.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who reads a report's texts: the command line or the window. The engine writes every fix and detail once, naming the
 * user's settings by their options ({@link Setting#option()}, "give --tenant to check it"); {@link #GUI} renders the
 * same text with the API profile's fields and the window's menus ("set Allowed tenants in the API profile to check it").
 * {@link #CLI} is the text as written.
 */
public enum Face {
    CLI, GUI;

    private static final String OPT = "--[a-z][a-z-]*";
    private static final String VALUE = "(?: (?:<[^>]*>|[A-Z]+(?:\\|[A-Z]+)?))?";
    /** "(--metadata FILE --jwks FILE)", "--metadata URL|FILE": the documents' fields. */
    private static final Pattern FILES = Pattern.compile("(" + OPT + ")" + VALUE + " (" + OPT + ")" + VALUE);
    /** "--issuer X (or the profile's "Trusted issuers")", "(--issuer X, the profile's "Trusted issuers", or …)". */
    private static final Pattern ISSUER = Pattern.compile("--issuer (\\S+?)(?: \\(or the profile's \"Trusted issuers\"\\)|, the profile's \"Trusted issuers\")");
    /** "give --scope/--role", "give --tenant", "give --metadata URL|FILE". */
    private static final Pattern GIVE = Pattern.compile("(?:give|check) (" + OPT + ")(?:/(" + OPT + "))?" + VALUE);
    /** "Run once without --offline". */
    private static final Pattern WITHOUT = Pattern.compile("without (" + OPT + ")");
    /** A hint that is only an option and its value: "--audience <your API's client id or App ID URI>". */
    private static final Pattern WHOLE = Pattern.compile("^(" + OPT + ") <([^>]*)>$");
    private static final Pattern BARE = Pattern.compile("(" + OPT + ")" + VALUE);

    /** The text for this face (null stays null). */
    public String render(String text) {
        if (this == CLI || text == null || !text.contains("--")) return text;
        String t = text.replace("(--keep-signature)", "(File ▸ Export report ▸ Keep signature)");
        Matcher whole = WHOLE.matcher(t);
        if (whole.matches() && Setting.ofOption(whole.group(1)) != null) {
            return "Set " + field(whole.group(1)) + " in the API profile: " + whole.group(2) + ".";
        }
        t = replace(ISSUER, t, m -> "add " + m.group(1) + " to \"Trusted issuers\" in the API profile");
        t = replace(FILES, t, m -> known(m.group(1)) && known(m.group(2))
                ? "files in the API profile's " + field(m.group(1)) + " and " + field(m.group(2)) + " fields" : m.group());
        t = replace(GIVE, t, m -> known(m.group(1)) ? "set " + field(m.group(1)) + (m.group(2) != null && known(m.group(2)) ? " or " + field(m.group(2)) : "")
                + " in the API profile" : m.group());
        t = replace(WITHOUT, t, m -> known(m.group(1)) ? "with " + field(m.group(1)) + " unticked in the API profile" : m.group());
        t = replace(BARE, t, m -> known(m.group(1)) ? field(m.group(1)) + " in the API profile" : m.group());
        return t;
    }

    /** The report with every detail, fix, diagnosis and its summary rendered for this face; ids, titles and evidence unchanged. */
    public Report render(Report r) {
        if (this == CLI || r == null) return r;
        return r.mapTexts(this::render);
    }

    private static boolean known(String option) {
        return Setting.ofOption(option) != null;
    }

    private static String field(String option) {
        return "\"" + Setting.ofOption(option).field() + "\"";
    }

    private static String replace(Pattern p, String text, java.util.function.Function<Matcher, String> f) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m)));
        m.appendTail(sb);
        return sb.toString();
    }

    /** Helper for {@link Report#mapTexts}: a list mapped element by element. */
    static <T> List<T> map(List<T> in, UnaryOperator<T> f) {
        List<T> out = new ArrayList<>(in.size());
        for (T t : in) out.add(f.apply(t));
        return out;
    }
}
