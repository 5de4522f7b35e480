package dev.tokenscope.engine.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.json.Json;

import dev.tokenscope.engine.token.TokenDecoder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The bytes of a line in base64url and dots only, with where its first two dots are: the one pass over a token. */
/** The compact-token view of a line; see {@link #of} and {@link #decodeObject}. */
record Scanned(byte[] bytes, int d1, int d2, int dots) {
    private static final boolean[] COMPACT = new boolean[256];

    static {
        for (int c = 'A'; c <= 'Z'; c++) COMPACT[c] = true;
        for (int c = 'a'; c <= 'z'; c++) COMPACT[c] = true;
        for (int c = '0'; c <= '9'; c++) COMPACT[c] = true;
        COMPACT['-'] = COMPACT['_'] = COMPACT['.'] = true;
    }

    /**
     * A compact token and nothing else (the common case of a token-per-line file: no extraction needed), or null.
     * A character beyond Latin-1 becomes '?' in the bytes, and neither that nor any other non-ASCII byte is allowed.
     */
    static Scanned of(String s) {
        if (!s.startsWith("eyJ")) return null;
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int d1 = -1, d2 = -1, dots = 0;
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (!COMPACT[c]) return null;
            if (c == '.') {
                if (dots == 0) d1 = i;
                else if (dots == 1) d2 = i;
                dots++;
            }
        }
        return new Scanned(b, d1, d2, dots);
    }

    /**
     * Decodes the base64url JSON object part {@code token[start, end)} exactly as the token decoder does (strict UTF-8,
     * strict JSON, an object without overflowing numbers), or null. Plain ASCII JSON (every Entra token) is parsed from
     * its bytes, the same characters either way.
     */
    static ObjectNode decodeObject(byte[] token, int start, int end) {
        try {
            ByteBuffer decoded = Base64.getUrlDecoder().decode(ByteBuffer.wrap(token, start, end - start));
            byte[] bytes = decoded.array();
            int off = decoded.arrayOffset() + decoded.position(), n = decoded.remaining();
            JsonNode node = plainText(bytes, off, n) ? Json.parse(bytes, off, n)
                    : Json.parse(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, off, n)).toString());
            // As the decoder: an object, and no number that overflowed to infinity.
            return node instanceof ObjectNode o && TokenDecoder.nonFiniteNumber(o, "") == null ? o : null;
        } catch (IOException | IllegalArgumentException e) { // CharacterCodingException and Jackson's too
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Printable ASCII, tab, CR and LF only: bytes Jackson reads as UTF-8 text exactly as the decoder's strict UTF-8 String.
     * (A NUL among the first bytes would make Jackson's byte parser take the text for UTF-16 or UTF-32; any other
     * control character or non-ASCII byte takes the decoder's own way.)
     */
    static boolean plainText(byte[] bytes, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            byte b = bytes[i];
            if (b < 0x20 ? b != '\t' && b != '\n' && b != '\r' : b == 0x7f) return false;
        }
        return true;
    }
}
