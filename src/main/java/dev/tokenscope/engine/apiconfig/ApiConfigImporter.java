package dev.tokenscope.engine.apiconfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Imports an API's authentication configuration into an {@link ApiConfig} (and so a validation profile). The format is
 * recognised from the content, never the file name; anything that is not recognised, or is recognised but incomplete or
 * invalid, is an {@link ApiConfigException} naming the line and field.
 */
public final class ApiConfigImporter {
    /** The format ids {@link ApiConfig#format()} can have. */
    public static final List<String> FORMATS = List.of(MicrosoftIdentityWebReader.FORMAT, JwtBearerReader.FORMAT, SpringReader.BOOT,
            SpringReader.AZURE, ApimPolicyReader.JWT, ApimPolicyReader.AAD, AppServiceAuthReader.FORMAT, PassportReader.FORMAT);
    /** The largest configuration accepted, in characters. */
    public static final int MAX_CHARS = 1 << 20;

    private static final List<JsonConfigReader> JSON_READERS = List.of(new MicrosoftIdentityWebReader(), new JwtBearerReader(),
            new AppServiceAuthReader(), new PassportReader());
    private static final Pattern PROPERTIES_LINE = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]+\\s*=.*");

    private ApiConfigImporter() {
    }

    /**
     * Imports an API configuration file: a regular file of UTF-8 text, read bounded to {@link #MAX_CHARS}; every problem
     * (missing, not a file, too large, not text, not a configuration) is an {@link ApiConfigException} with one line for the user.
     */
    public static ApiConfig importFile(Path file) throws ApiConfigException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.exists(file)) throw new ApiConfigException("no such file: " + file);
        if (!Files.isRegularFile(file)) throw new ApiConfigException(name + " is not a regular file");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_CHARS + 1); // bounded, whatever the file says its size is (a FIFO, /proc)
        } catch (IOException e) {
            throw new ApiConfigException("could not read " + name + ": " + e.getMessage());
        }
        if (bytes.length > MAX_CHARS) throw new ApiConfigException(name + " is larger than 1 MiB; an API configuration is a few kilobytes");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiConfigException(name + " is not UTF-8 text");
        }
        return importConfig(name, text);
    }

    /**
     * Imports the configuration in {@code content}, as {@link #importFile} does for a file.
     *
     * @param sourceName the file name, used in messages and {@link ApiConfig#source()} only
     * @param content    the file's text
     */
    public static ApiConfig importConfig(String sourceName, String content) throws ApiConfigException {
        String source = sourceName == null || sourceName.isBlank() ? "(configuration)" : Text.clip(sourceName);
        if (content == null) throw new ApiConfigException(source + ": no content");
        if (content.length() > MAX_CHARS) {
            throw new ApiConfigException(source + ": " + content.length() + " characters; an API configuration is at most "
                    + MAX_CHARS + " (1 MiB)");
        }
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        String first = firstMeaningful(text);
        if (first.isEmpty()) throw new ApiConfigException(source + ": empty; " + lookedFor());
        if (first.startsWith("<")) return ApimPolicyReader.read(source, Xml.parse(source, text));
        if (first.startsWith("{") || first.startsWith("[") || first.startsWith("//") || first.startsWith("/*")) return json(source, text);
        if (PROPERTIES_LINE.matcher(first).matches()) return SpringReader.read(Flat.properties(source, text));
        Located yaml = Located.yaml(source, text);
        return SpringReader.read(Flat.yaml(yaml));
    }

    private static ApiConfig json(String source, String text) throws ApiConfigException {
        Located doc = Located.json(source, text);
        Node root = doc.node(':');
        if (!root.isObject()) {
            throw ApiConfigException.at(source, 1,
                    "a JSON " + (root.value.isArray() ? "list" : "value") + ", not an object; " + lookedFor());
        }
        List<JsonConfigReader> matching = new ArrayList<>();
        for (JsonConfigReader r : JSON_READERS) if (r.accepts(root)) matching.add(r);
        if (matching.isEmpty()) {
            throw new ApiConfigException(source + ": JSON, but none of the known configurations: looked for "
                    + String.join("; ", JSON_READERS.stream().map(JsonConfigReader::describe).toList()));
        }
        if (matching.size() > 1) {
            throw new ApiConfigException(source + ": JSON that holds more than one configuration: "
                    + String.join("; ", matching.stream().map(JsonConfigReader::describe).toList()) + ". Import one at a time");
        }
        JsonConfigReader r = matching.get(0);
        // passport options are a flat object in camelCase; everything else uses .NET's ':' or ARM's '.' paths
        return r.read(r instanceof MicrosoftIdentityWebReader || r instanceof JwtBearerReader ? root : doc.node('.'));
    }

    private static String firstMeaningful(String text) {
        for (String line : (Iterable<String>) text.lines().limit(200)::iterator) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#") && !t.startsWith("!")) return t;
        }
        return "";
    }

    static String lookedFor() {
        return "looked for appsettings.json (Microsoft.Identity.Web, JwtBearer), Spring application.yml/.properties, "
                + "an API Management policy (validate-jwt, validate-azure-ad-token), App Service authsettingsV2, passport-azure-ad options";
    }
}
