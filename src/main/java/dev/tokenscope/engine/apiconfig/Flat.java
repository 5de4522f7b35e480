package dev.tokenscope.engine.apiconfig;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Spring configuration as flat keys ("spring.security.oauth2.resourceserver.jwt.issuer-uri") with the line each was on,
 * from YAML (every document without a profile condition, later ones overriding, as Spring does) or .properties (each
 * logical line decoded by {@link Properties#load}). Keys compare in Spring's relaxed form (case, '-' and '_' ignored).
 * Secret-named keys keep their name only.
 */
final class Flat {
    record Entry(String key, String value, int line) {
        String from() {
            return key + " (line " + line + ")";
        }
    }

    final String source;
    final Map<String, Entry> entries = new LinkedHashMap<>();
    final List<String> secrets = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    private Flat(String source) {
        this.source = source;
    }

    static String canon(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    Entry get(String key) {
        return entries.get(canon(key));
    }

    /** A list property: key[0], key[1], … or one comma-separated value. */
    List<Entry> list(String key) throws ApiConfigException {
        List<Entry> l = new ArrayList<>();
        for (int i = 0; entries.containsKey(canon(key + "[" + i + "]")); i++) l.add(entries.get(canon(key + "[" + i + "]")));
        if (l.isEmpty() && get(key) != null) {
            Entry e = get(key);
            for (String v : e.value().split(",")) if (!v.isBlank()) l.add(new Entry(e.key(), v.trim(), e.line()));
        }
        String nested = canon(key) + "[";
        for (Entry e : entries.values()) {
            if (canon(e.key()).startsWith(nested) && !l.contains(e)) {
                throw ApiConfigException.at(source, e.line(), key + " should be a list of strings, but " + e.key() + " is nested deeper");
            }
        }
        return l;
    }

    /** The first key under a prefix (canonical compare), or null. */
    Entry firstUnder(String prefix) {
        String c = canon(prefix) + ".";
        for (Map.Entry<String, Entry> e : entries.entrySet()) if (e.getKey().startsWith(c)) return e.getValue();
        for (String s : secrets) if (canon(s).startsWith(c)) return new Entry(s, "", 1);
        return null;
    }

    static Flat yaml(Located doc) throws ApiConfigException {
        Flat f = new Flat(doc.source);
        for (int i = 0; i < doc.documents.size(); i++) {
            Node root = doc.document(i, '.');
            if (!root.isObject()) {
                if (root.value.isNull()) continue;
                throw ApiConfigException.at(doc.source, root.line(),
                        "the YAML document is a " + (root.value.isArray() ? "list" : "single value") + ", not a mapping of properties");
            }
            Flat one = new Flat(doc.source);
            one.add(root, "", 0);
            Entry profile = one.get("spring.config.activate.on-profile") != null ? one.get("spring.config.activate.on-profile")
                    : one.get("spring.profiles");
            if (profile != null) {
                f.notes.add("YAML document " + (i + 1) + " applies only with profile " + Text.clip(profile.value())
                        + " (" + profile.from() + "): not imported");
                continue;
            }
            f.entries.putAll(one.entries);
            f.secrets.addAll(one.secrets);
        }
        return f;
    }

    private void add(Node n, String prefix, int depth) throws ApiConfigException {
        if (depth > Located.MAX_DEPTH) return;
        if (n.value.isObject()) {
            for (Node c : n.fields()) {
                String key = prefix.isEmpty() ? c.name() : prefix + "." + c.name();
                if (Node.secret(c.name())) secrets.add(key);
                else add(c, key, depth + 1);
            }
        } else if (n.value.isArray()) {
            for (int i = 0; i < n.value.size(); i++) {
                Node item = new Node(n.doc, n.value.get(i), append(n.segments, Integer.toString(i)), '.');
                add(item, prefix + "[" + i + "]", depth + 1);
            }
        } else if (!prefix.isEmpty()) {
            String t = n.text();
            entries.put(canon(prefix), new Entry(prefix, t == null ? "" : t, n.line()));
        }
    }

    private static List<String> append(List<String> l, String s) {
        List<String> c = new ArrayList<>(l);
        c.add(s);
        return c;
    }

    static Flat properties(String source, String content) throws ApiConfigException {
        Flat f = new Flat(source);
        String[] lines = content.lines().toArray(String[]::new);
        for (int i = 0; i < lines.length; i++) {
            int start = i + 1;
            String line = lines[i];
            String trimmed = line.stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                if (trimmed.startsWith("#---") || trimmed.startsWith("!---")) {
                    f.notes.add("line " + start + ": further documents (#---) of a multi-document .properties file were read as one");
                }
                continue;
            }
            StringBuilder logical = new StringBuilder(line);
            while (endsWithContinuation(lines[i]) && i + 1 < lines.length) logical.append('\n').append(lines[++i]);
            Properties p = new Properties();
            try {
                p.load(new StringReader(logical.toString()));
            } catch (IOException | IllegalArgumentException e) {
                throw ApiConfigException.at(source, start, "not a valid .properties line ("
                        + (e instanceof IllegalArgumentException ? "malformed \\uXXXX escape" : "unreadable") + ")");
            }
            for (String key : p.stringPropertyNames()) {
                String last = key.contains(".") ? key.substring(key.lastIndexOf('.') + 1) : key;
                if (Node.secret(last)) { f.secrets.add(key); continue; }
                if (f.entries.containsKey(canon(key))) {
                    throw ApiConfigException.at(source, start,
                            key + " is set twice (first on line " + f.entries.get(canon(key)).line() + ")");
                }
                f.entries.put(canon(key), new Entry(key, p.getProperty(key).trim(), start));
            }
        }
        return f;
    }

    private static boolean endsWithContinuation(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) n++;
        return n % 2 == 1;
    }
}
