package dev.tokenscope.engine.har;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Finds the tokens in a browser's HAR capture without loading it: a streaming JSON parser walks
 * {@code log.entries} one entry at a time and keeps only what can hold a token, so memory does not grow with the
 * file (response bodies that are not read are skipped by the parser without being buffered).
 *
 * <p>Looked at: {@code Authorization} request headers ({@code Bearer …}); token-endpoint responses
 * ({@code access_token}, {@code id_token} in a JSON body, also base64-encoded bodies); redirect URLs: the
 * {@code Location} header and {@code redirectURL} of responses and the request URL (query and fragment); form posts
 * ({@code response_mode=form_post}). Each distinct token is reported once, with where it was first seen and how
 * often it occurs. Thread-safe: a scanner keeps no state between scans.
 *
 * <p>A response body is read only when what comes before its text (the request URL, the content's {@code size}
 * and {@code mimeType}, which browsers write first) says it can be a token response: JSON or a token endpoint, and
 * at most {@link #MAX_BODY_BYTES}. Other bodies are skipped by the parser without being buffered.
 */
public final class HarScanner {
    /** Response bodies larger than this (by the HAR's own "size") are not read. */
    public static final long MAX_BODY_BYTES = 2L << 20;
    /** At most this many distinct tokens are kept (a warning says when more were seen). */
    public static final int MAX_FINDINGS = 10_000;
    /** At most this many requests that carried one token are kept on its finding (occurrences still counts them all). */
    public static final int MAX_CALLS = 20;
    /** At most this many /authorize and token requests are kept for the story. */
    public static final int MAX_SIGN_INS = 1_000;
    /** A refused request's JSON body is kept when it is at most this large. */
    public static final int MAX_ERROR_BODY_BYTES = 16 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).maxNestingDepth(500).build())
            .build();

    public HarScan scan(Path har) throws IOException {
        try (InputStream in = Files.newInputStream(har)) {
            return scan(in);
        } catch (NoSuchFileException e) {
            throw new HarFormatException("no such file: " + har);
        }
    }

    public HarScan scan(InputStream in) throws IOException {
        HarCollector s = new HarCollector();
        HarEntryReader reader = new HarEntryReader();
        try (JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new HarFormatException("not a HAR capture: it does not start with a JSON object");
            }
            boolean sawLog = false, sawEntries = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                if (f.equals("log") && t == JsonToken.START_OBJECT) {
                    sawLog = true;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String lf = p.currentName();
                        JsonToken lt = p.nextToken();
                        if (lf.equals("entries") && lt == JsonToken.START_ARRAY) {
                            sawEntries = true;
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                int index = s.entries++;
                                s.add(index, reader.read(p));
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (!sawLog) throw new HarFormatException(
                    "not a HAR capture: no \"log\" object (save the capture from the browser's network tab as HAR)");
            if (!sawEntries) s.warnings.add("the capture has no \"entries\": no requests were recorded");
        } catch (JsonProcessingException e) {
            if (s.entries == 0) throw new HarFormatException("not a HAR capture: invalid JSON (" + shortMessage(e) + ")", e);
            s.warnings.add("the capture is cut off or broken after entry " + s.entries + " (" + shortMessage(e)
                    + "); the tokens before it are listed");
        }
        return s.scan();
    }

    private static String shortMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage().replaceAll("\\s*\\n.*", "");
        if (e.getLocation() != null) m += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    /** The URL with token, code and secret values replaced by "…", shortened for lists. */
    public static String elide(String url) {
        return HarUrls.elide(url);
    }
}
