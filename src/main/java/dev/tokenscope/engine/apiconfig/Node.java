package dev.tokenscope.engine.apiconfig;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A value in a {@link Located} document with its path (as written) and line; field lookups ignore case (.NET and Spring do). */
final class Node {
    /** Key names whose values are secrets: never read, only named. */
    private static final List<String> SECRET_PARTS = List.of("secret", "password", "passphrase", "pwd", "privatekey", "keymaterial",
            "certificate", "signingkey", "decryptionkey", "connectionstring", "apikey", "sastoken");

    /** Whether a key name (any case, '-', '_' or '.' ignored) names a secret. */
    static boolean secret(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = Character.toLowerCase(name.charAt(i));
            if (c != '-' && c != '_' && c != '.' && c != ' ') b.append(c);
        }
        String k = b.toString();
        for (String part : SECRET_PARTS) if (k.contains(part)) return true;
        return false;
    }

    final Located doc;
    final JsonNode value;
    final List<String> segments;
    final char sep;
    /** Field names compare exactly (JavaScript options) instead of ignoring case (.NET configuration, ARM). */
    final boolean exact;

    Node(Located doc, JsonNode value, List<String> segments, char sep) {
        this(doc, value, segments, sep, false);
    }

    Node(Located doc, JsonNode value, List<String> segments, char sep, boolean exact) {
        this.doc = doc;
        this.value = value;
        this.segments = segments;
        this.sep = sep;
        this.exact = exact;
    }

    /** The field of that name, or null; ignoring case, the last of several spellings wins (as in .NET configuration). */
    Node get(String name) {
        if (!value.isObject()) return null;
        if (exact) return value.has(name) ? child(name, value.get(name)) : null;
        Node found = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) found = child(e.getKey(), e.getValue());
        }
        return found;
    }

    /** The spelling of a field that matches the name only when case is ignored (for hints), or null. */
    String otherSpelling(String name) {
        if (!value.isObject()) return null;
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equalsIgnoreCase(name) && !k.equals(name)) return k;
        }
        return null;
    }

    Node exactly() {
        return new Node(doc, value, segments, sep, true);
    }

    Node at(String... names) {
        Node n = this;
        for (String name : names) {
            n = n.get(name);
            if (n == null) return null;
        }
        return n;
    }

    List<Node> fields() {
        List<Node> l = new ArrayList<>();
        if (value.isObject()) value.fields().forEachRemaining(e -> l.add(child(e.getKey(), e.getValue())));
        return l;
    }

    String name() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    String path() {
        StringBuilder b = new StringBuilder();
        for (String s : segments) {
            if (s.startsWith("#")) continue;
            if (b.length() > 0) b.append(sep);
            b.append(s);
        }
        return b.toString();
    }

    int line() {
        return doc.line(segments);
    }

    /** "AzureAd:ClientId (line 5)". */
    String from() {
        return path() + " (line " + line() + ")";
    }

    boolean isObject() {
        return value.isObject();
    }

    /** A scalar's text (null for null or empty); an object or array is an error naming the field. */
    String text() throws ApiConfigException {
        if (value.isNull()) return null;
        if (value.isContainerNode()) throw fail("should be a single value, not " + (value.isObject() ? "an object" : "a list"));
        String t = value.asText().trim();
        return t.isEmpty() ? null : t;
    }

    /** A list's scalars, or a single scalar as one item. */
    List<Node> items() throws ApiConfigException {
        List<Node> l = new ArrayList<>();
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                Node n = child(Integer.toString(i), value.get(i));
                if (n.value.isContainerNode()) throw n.fail("should be a string");
                if (n.text() != null) l.add(n);
            }
        } else if (text() != null) {
            l.add(this);
        }
        return l;
    }

    Boolean bool() throws ApiConfigException {
        String t = text();
        if (t == null) return null;
        if (t.equalsIgnoreCase("true")) return true;
        if (t.equalsIgnoreCase("false")) return false;
        throw fail("should be true or false, not \"" + Text.clip(t) + "\"");
    }

    ApiConfigException fail(String what) {
        return ApiConfigException.at(doc.source, line(), path() + " " + what);
    }

    /** Paths of secret-named keys anywhere below (not descending into them). */
    List<String> secretPaths() {
        List<String> out = new ArrayList<>();
        collectSecrets(this, out, 0);
        return out;
    }

    private static void collectSecrets(Node n, List<String> out, int depth) {
        if (depth > Located.MAX_DEPTH) return;
        if (n.value.isObject()) {
            for (Node c : n.fields()) {
                if (secret(c.name())) out.add(c.path());
                else collectSecrets(c, out, depth + 1);
            }
        } else if (n.value.isArray()) {
            for (int i = 0; i < n.value.size(); i++) collectSecrets(n.child(Integer.toString(i), n.value.get(i)), out, depth + 1);
        }
    }

    private Node child(String name, JsonNode v) {
        List<String> s = new ArrayList<>(segments);
        s.add(name);
        return new Node(doc, v, s, sep, exact);
    }
}
