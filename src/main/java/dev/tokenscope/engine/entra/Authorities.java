package dev.tokenscope.engine.entra;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft's own token authorities, and issuers that imitate them. An API trusts only the issuers it was configured
 * for; by default Tokenscope trusts Microsoft's authorities (Entra global and national clouds, B2C, External ID) and
 * no other issuer. An issuer whose host looks like one of Microsoft's without being it (a suffix trick, a typo, an
 * IDN look-alike, a Microsoft tenant id under another host) is a {@link Lookalike}: nothing is fetched from it.
 */
public final class Authorities {
    /** Hosts that issue Entra tokens or serve their metadata and keys (entra-notes.md, issuer/authority patterns). */
    public static final List<String> HOSTS = List.of("login.microsoftonline.com", "sts.windows.net", "login.windows.net",
            "login.microsoft.com", "login.microsoftonline.us", "login.partner.microsoftonline.cn", "login.chinacloudapi.cn",
            "sts.chinacloudapi.cn", "login.live.com");
    /** Domains whose every subdomain is a Microsoft authority (a tenant's B2C or External ID host). */
    public static final List<String> TENANT_DOMAINS = List.of("b2clogin.com", "b2clogin.cn", "b2clogin.us", "ciamlogin.com");
    /** Domains Microsoft owns: a host under them is Microsoft's even when it is not an authority (not a look-alike). */
    // Not windows.net or chinacloudapi.cn as a whole: anybody can publish a document under *.web.core.windows.net (storage).
    private static final List<String> OWNED = List.of("microsoftonline.com", "microsoftonline.us", "microsoftonline.cn",
            "microsoft.com", "live.com", "b2clogin.com", "b2clogin.cn", "b2clogin.us", "ciamlogin.com", "microsoftonline-p.com");
    /** Words that name a Microsoft authority; seen in another registrable domain they are an imitation. */
    private static final Map<String, String> BRANDS = Map.of("microsoftonline", "login.microsoftonline.com",
            "b2clogin", "{tenant}.b2clogin.com", "ciamlogin", "{tenant}.ciamlogin.com", "chinacloudapi", "login.chinacloudapi.cn");
    /** Tenants that are Microsoft's own (claims.json "tenants"): under another host they are bait. */
    private static final Set<String> MICROSOFT_TENANTS = Set.of("9188040d-6c67-4c5b-b112-36a304b66dad",
            "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "72f988bf-86f1-41af-91ab-2d7cd011db47");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /**
     * Letters of other scripts (and digits) that look like Latin ones, as used to imitate host names (Unicode confusables,
     * the common subset).
     */
    private static final Map<Character, Character> CONFUSABLE = confusables();

    private Authorities() {
    }

    /**
     * An issuer that imitates a Microsoft authority.
     *
     * @param imitated the real host it imitates (login.microsoftonline.com …)
     * @param how      what gives it away, one sentence
     */
    public record Lookalike(String imitated, String how) {
    }

    /** The host of {@code iss} in lower case (no trailing dot), or null when it has none. */
    public static String host(String iss) {
        if (iss == null) return null;
        try {
            String h = new URI(iss).getHost();
            if (h == null) h = rawHost(iss);
            if (h == null) return null;
            h = h.toLowerCase(Locale.ROOT);
            return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        } catch (URISyntaxException e) {
            String h = rawHost(iss);
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        }
    }

    /** The user-info part of {@code iss} (before '@' in the authority), or null. */
    private static String userinfo(String iss) {
        int start = iss.indexOf("://");
        if (start < 0) return null;
        start += 3;
        int end = start;
        while (end < iss.length() && "/?#".indexOf(iss.charAt(end)) < 0) end++;
        int at = iss.lastIndexOf('@', end - 1);
        return at >= start ? iss.substring(start, at) : null;
    }

    /** The host as written (URI refuses non-ASCII hosts): between "://" and the next '/', ':', '?' or '#'. */
    private static String rawHost(String iss) {
        int start = iss.indexOf("://");
        if (start < 0) return null;
        start += 3;
        int end = start;
        while (end < iss.length() && "/:?#".indexOf(iss.charAt(end)) < 0) end++;
        String h = iss.substring(start, end);
        int at = h.lastIndexOf('@');
        if (at >= 0) h = h.substring(at + 1);
        return h.isEmpty() ? null : h;
    }

    /**
     * True when {@code iss} is one of the {@code accepted} issuers: equal, or equal to one whose {@code {tenantid}} is
     * replaced by the token's tid (a GUID), as multi-tenant validators do. A trailing slash is not ignored: Entra's v1
     * issuers end with one and v2 issuers don't, and validators compare exactly.
     */
    public static boolean accepted(List<String> accepted, String iss, String tid) {
        for (String a : accepted) {
            if (a.startsWith("=")) { // a stack that compares literally: its {tenantid} matches no real token
                if (a.substring(1).equals(iss)) return true;
                continue;
            }
            if (a.equals(iss)) return true;
            if (tid != null && EntraFacts.isGuid(tid) && (a.contains("{tenantid}") || a.contains("{tenantId}"))
                    && a.replace("{tenantid}", tid).replace("{tenantId}", tid).equals(iss)) return true;
        }
        return false;
    }

    /** True when {@code host} is one of Microsoft's token authorities. */
    public static boolean isAuthorityHost(String host) {
        if (host == null) return false;
        if (HOSTS.contains(host)) return true;
        for (String d : TENANT_DOMAINS) {
            if (host.endsWith("." + d) && host.length() > d.length() + 1) return true;
        }
        return false;
    }

    /** True when {@code iss} is issued by one of Microsoft's authorities (over HTTPS). */
    public static boolean isMicrosoftIssuer(String iss) {
        return iss != null && iss.startsWith("https://") && isAuthorityHost(host(iss));
    }

    /**
     * The Microsoft authority {@code iss} imitates, unless the API accepts {@code iss} ({@link #accepted}): the one rule
     * both the issuer step and the trust resolver (which fetches nothing from a look-alike) apply.
     */
    public static Optional<Lookalike> lookalike(List<String> accepted, String iss, String tid) {
        return iss == null || accepted(accepted, iss, tid) ? Optional.empty() : lookalike(iss);
    }

    /** The Microsoft authority {@code iss} imitates, if it imitates one. */
    public static Optional<Lookalike> lookalike(String iss) {
        String host = host(iss);
        if (host == null) return Optional.empty();
        // userinfo tricks: https://login.microsoftonline.com@evil.example/ names evil.example as its host.
        String userinfo = userinfo(iss);
        if (userinfo != null && !isAuthorityHost(host)) {
            for (String h : HOSTS) {
                if (userinfo.toLowerCase(Locale.ROOT).contains(h)) {
                    return Optional.of(new Lookalike(h, "it puts " + h + " before an '@', so its real host is " + host));
                }
            }
        }
        if (isAuthorityHost(host)) return Optional.empty();
        if (owned(host)) return Optional.empty();
        // 1. IDN: punycode or non-ASCII letters, compared by their Latin look.
        String unicode = host;
        boolean idn = host.contains("xn--") || !host.chars().allMatch(c -> c < 0x80);
        if (idn) {
            try {
                unicode = IDN.toUnicode(host, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                unicode = host;
            }
        }
        String skeleton = skeleton(unicode);
        if (idn && !skeleton.equals(host)) {
            Optional<String> like = nearest(skeleton, 2);
            if (like.isPresent() || owned(skeleton) || brand(skeleton).isPresent()) {
                String real = like.orElseGet(() -> brand(skeleton).orElse(skeleton));
                return Optional.of(new Lookalike(real, "its host " + show(host, unicode)
                        + " is written with look-alike characters of other scripts" + (mixedScripts(unicode) ? " (mixed scripts)" : "")
                        + ": it reads as " + skeleton + " but is another domain"));
            }
        }
        // 2. A Microsoft host used as a prefix of another domain (login.microsoftonline.com.evil.example).
        for (String h : HOSTS) {
            if (skeleton.startsWith(h + ".") || skeleton.contains("." + h + ".") || skeleton.startsWith(h + "-")) {
                return Optional.of(new Lookalike(h, "its host " + host + " starts with " + h + " but the domain is " + registrable(host)
                        + ": the real authority is " + h + " itself"));
            }
        }
        for (String d : TENANT_DOMAINS) {
            if (skeleton.contains("." + d + ".") || skeleton.startsWith(d + ".")) {
                return Optional.of(new Lookalike("{tenant}." + d,
                        "its host " + host + " contains " + d + " but the domain is " + registrable(host)));
            }
        }
        // 3. A typo of a Microsoft host (small edit distance: a letter swapped, doubled, dropped, 0 for o, a hyphen for a dot).
        Optional<String> typo = nearest(skeleton, 2);
        if (typo.isPresent()) {
            return Optional.of(new Lookalike(typo.get(), "its host " + host + " differs from " + typo.get() + " by a character or two"));
        }
        String reg = registrable(skeleton);
        String nearDomain = null;
        int nearD = 3;
        for (String d : TENANT_DOMAINS) {
            int dist = distance(reg, d);
            if (dist < nearD) {
                nearDomain = d;
                nearD = dist;
            }
        }
        if (nearDomain != null) {
            return Optional.of(new Lookalike("{tenant}." + nearDomain, "its domain " + registrable(host) + " differs from " + nearDomain
                    + " by a character or two"));
        }
        // 4. A Microsoft brand word in another domain (microsoftonline-login.example).
        Optional<String> brand = brand(skeleton);
        if (brand.isPresent()) {
            return Optional.of(new Lookalike(brand.get(),
                    "its host " + host + " borrows the name of " + brand.get() + " but is another domain"));
        }
        // 5. One of Microsoft's own tenant ids under another host.
        Matcher m = GUID.matcher(iss);
        while (m.find()) {
            String tid = m.group().toLowerCase(Locale.ROOT);
            if (MICROSOFT_TENANTS.contains(tid)) {
                return Optional.of(new Lookalike("login.microsoftonline.com", "it names Microsoft's own tenant " + tid
                        + " under the host " + host + ", which is not a Microsoft authority"));
            }
        }
        return Optional.empty();
    }

    private static String show(String host, String unicode) {
        return unicode.equals(host) ? host : host + " (" + unicode + ")";
    }

    private static boolean owned(String host) {
        for (String d : OWNED) {
            if (host.equals(d) || host.endsWith("." + d)) return true;
        }
        return false;
    }

    private static Optional<String> brand(String host) {
        for (Map.Entry<String, String> b : BRANDS.entrySet()) {
            if (host.contains(b.getKey())) return Optional.of(b.getValue());
        }
        return Optional.empty();
    }

    /** The nearest Microsoft host within {@code max} edits of how {@code host} reads, if any. */
    private static Optional<String> nearest(String host, int max) {
        String best = null;
        int bestD = max + 1;
        for (String h : HOSTS) {
            int d = distance(host, h);
            if (d < bestD) { // 0 too: the host itself is not an authority (checked first), only its look is
                best = h;
                bestD = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The last two labels of a host (enough to name the domain in a message). */
    static String registrable(String host) {
        String[] labels = host.split("\\.");
        return labels.length <= 2 ? host : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    /** How a host reads to the eye: compatibility forms folded, accents removed, confusable letters mapped to Latin. */
    static String skeleton(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) continue;
            Character mapped = CONFUSABLE.get(c);
            b.append(mapped != null ? mapped.charValue() : Character.toLowerCase(c));
        }
        return b.toString().replace("rn", "m").replace("vv", "w");
    }

    private static boolean mixedScripts(String s) {
        Set<Character.UnicodeScript> scripts = new HashSet<>();
        s.codePoints().filter(Character::isLetter).forEach(cp -> scripts.add(Character.UnicodeScript.of(cp)));
        return scripts.size() > 1;
    }

    /** Levenshtein distance, bounded to short strings (host names). */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3 || a.length() > 255 || b.length() > 255) return Integer.MAX_VALUE;
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static Map<Character, Character> confusables() {
        Map<Character, Character> m = new HashMap<>();
        String[][] pairs = {
                // Cyrillic
                {"а", "a"}, {"е", "e"}, {"о", "o"}, {"р", "p"}, {"с", "c"}, {"х", "x"}, {"у", "y"}, {"і", "i"}, {"ј", "j"},
                {"ѕ", "s"}, {"ԁ", "d"}, {"ո", "n"}, {"ս", "u"}, {"һ", "h"}, {"к", "k"}, {"м", "m"}, {"т", "t"}, {"в", "b"},
                {"ԛ", "q"}, {"ԝ", "w"}, {"ӏ", "l"},
                // Greek
                {"α", "a"}, {"ο", "o"}, {"ν", "v"}, {"ι", "i"}, {"κ", "k"}, {"ρ", "p"}, {"τ", "t"}, {"υ", "u"}, {"χ", "x"},
                {"ε", "e"}, {"η", "n"},
                // Latin look-alikes and digits
                {"ɡ", "g"}, {"ı", "i"}, {"ȷ", "j"}, {"ł", "l"}, {"ⅼ", "l"}, {"0", "o"}, {"1", "l"}, {"3", "e"}, {"5", "s"},
        };
        for (String[] p : pairs) m.put(p[0].charAt(0), p[1].charAt(0));
        return Map.copyOf(m);
    }
}
