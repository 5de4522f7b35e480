package dev.tokenscope.engine.apiconfig;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON or YAML document read with Jackson's streaming parser into a tree, remembering the line of every value (by its
 * path), so that messages can say where a field is. Bounded: nesting depth, string lengths; duplicate keys are errors.
 * YAML goes through Jackson's YAML parser, which reads tags as data and builds no objects from them.
 */
final class Located {
    static final int MAX_DEPTH = 64;
    private static final Pattern QUOTED = Pattern.compile("(['\"])([^'\"\\s]{4,})\\1");
    private static final Set<String> KEYWORDS = Set.of("null", "true", "false", "NaN");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH).maxNumberLength(200).maxStringLength(1 << 20).maxNameLength(10_000).build();
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).streamReadConstraints(LIMITS).build();
    private static final YAMLFactory YAML;

    static {
        LoaderOptions lo = new LoaderOptions();
        lo.setAllowDuplicateKeys(false);
        lo.setMaxAliasesForCollections(20);
        lo.setNestingDepthLimit(MAX_DEPTH);
        lo.setCodePointLimit(2 << 20);
        lo.setAllowRecursiveKeys(false);
        YAML = YAMLFactory.builder().loaderOptions(lo).streamReadConstraints(LIMITS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    final String source;
    final List<JsonNode> documents;
    private final Map<String, Integer> lines;

    private Located(String source, List<JsonNode> documents, Map<String, Integer> lines) {
        this.source = source;
        this.documents = documents;
        this.lines = lines;
    }

    static Located json(String source, String content) throws ApiConfigException {
        return read(source, content, JSON, "JSON");
    }

    /** Every document of a YAML stream (documents after the first get a path prefix "#n"). */
    static Located yaml(String source, String content) throws ApiConfigException {
        return read(source, content, YAML, "YAML");
    }

    JsonNode root() {
        return documents.get(0);
    }

    Node node(char sep) {
        return new Node(this, root(), List.of(), sep);
    }

    Node document(int i, char sep) {
        return new Node(this, documents.get(i), i == 0 ? List.of() : List.of("#" + i), sep);
    }

    int line(List<String> path) {
        Integer l = lines.get(String.join("\u0001", path));
        return l == null ? 1 : l;
    }

    private static Located read(String source, String content, JsonFactory f, String kind) throws ApiConfigException {
        Map<String, Integer> lines = new HashMap<>();
        List<JsonNode> docs = new ArrayList<>();
        JsonParser p = null;
        try {
            p = f.createParser(content);
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                List<String> prefix = docs.isEmpty() ? List.of() : List.of("#" + docs.size());
                lines.put(String.join("\u0001", prefix), p.currentTokenLocation().getLineNr());
                docs.add(value(p, t, prefix, lines, 0));
                if (f == JSON) {
                    if (p.nextToken() != null) {
                        throw ApiConfigException.at(source, line(p), "more than one JSON value; a configuration is one object");
                    }
                    break;
                }
                if (docs.size() > 100) throw ApiConfigException.at(source, line(p), "more than 100 YAML documents");
            }
        } catch (TooDeep e) {
            throw ApiConfigException.at(source, e.line, "nested deeper than " + MAX_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            int line = e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null ? y.getProblemMark().getLine() + 1
                    : e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation().getLineNr()
                    : p == null ? 0 : p.currentLocation().getLineNr();
            throw ApiConfigException.at(source, line, "not valid " + kind + ": " + describe(e));
        } catch (IOException | RuntimeException e) {
            throw ApiConfigException.at(source, p == null ? 0 : p.currentLocation().getLineNr(),
                    "not valid " + kind + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (p != null) try { p.close(); } catch (IOException ignored) { }
        }
        if (docs.isEmpty()) throw new ApiConfigException(source + ": empty " + kind + " document");
        return new Located(source, docs, lines);
    }

    private static JsonNode value(JsonParser p, JsonToken t, List<String> path, Map<String, Integer> lines, int depth)
            throws IOException {
        if (depth > MAX_DEPTH) throw new TooDeep(line(p));
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    List<String> child = append(path, name);
                    lines.put(String.join("\u0001", child), line(p));
                    o.set(name, value(p, p.nextToken(), child, lines, depth + 1));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    List<String> child = append(path, Integer.toString(i++));
                    lines.put(String.join("\u0001", child), line(p));
                    a.add(value(p, t, child, lines, depth + 1));
                }
                return a;
            }
            case VALUE_STRING -> { return NODES.textNode(p.getText()); }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> { return NODES.textNode(p.getText()); }
            case VALUE_TRUE -> { return NODES.booleanNode(true); }
            case VALUE_FALSE -> { return NODES.booleanNode(false); }
            case VALUE_NULL -> { return NODES.nullNode(); }
            case VALUE_EMBEDDED_OBJECT -> { return NODES.textNode("(binary)"); }
            default -> throw new TooDeep(line(p));
        }
    }

    private static final class TooDeep extends RuntimeException {
        final int line;

        TooDeep(int line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    private static List<String> append(List<String> path, String name) {
        List<String> l = new ArrayList<>(path.size() + 1);
        l.addAll(path);
        l.add(name);
        return l;
    }

    private static int line(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return l == null ? 0 : l.getLineNr();
    }

    /** The parser's reason without any of the document's text (which could be a secret): quoted fragments are elided. */
    static String describe(Exception e) {
        String m;
        if (e.getCause() instanceof MarkedYAMLException y) m = y.getProblem();
        else if (e instanceof JsonProcessingException j) m = j.getOriginalMessage();
        else m = e.getMessage();
        if (m == null) return e.getClass().getSimpleName();
        m = m.lines().findFirst().orElse("");
        if (m.startsWith("Duplicate field ")) return Text.clip(m); // a key name, never a value
        m = QUOTED.matcher(m).replaceAll(r -> Matcher.quoteReplacement(
                KEYWORDS.contains(r.group(2)) ? r.group() : r.group(1) + "…" + r.group(1)));
        m = m.replaceAll("\\(code \\d+\\)", "");
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }
}
