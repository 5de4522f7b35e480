package dev.tokenscope.engine.saml;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Recognises the forms a SAML message is pasted in and returns its XML: raw XML, base64 (HTTP-POST binding), a form body
 * {@code SAMLResponse=…&RelayState=…}, or a redirect-binding query or URL (deflated, then base64, then URL-encoded).
 * Inflation is bounded by {@link SafeXml#MAX_BYTES}: a deflate bomb is refused, not expanded.
 */
public final class SamlInput {
    /** Largest input text accepted (a 1 MiB document, base64-encoded and URL-encoded). */
    public static final int MAX_CHARS = 4 * SafeXml.MAX_BYTES;

    /**
     * @param xml         the message's XML bytes
     * @param form        saml-xml, saml-base64, saml-deflated, saml-post-form or saml-redirect
     * @param description what was recognised, in words
     * @param notes       what else the input held (RelayState, a query-string signature)
     * @param parameter   SAMLResponse, SAMLRequest, or null when the input was not a form or query
     */
    public record Decoded(byte[] xml, String form, String description, List<String> notes, String parameter) {
    }

    private SamlInput() {
    }

    public static Decoded decode(String input) throws SamlException {
        if (input == null || input.isBlank()) throw new SamlException("Nothing to inspect: the input is empty");
        if (input.length() > MAX_CHARS) throw new SamlException("The input is " + input.length() + " characters: larger than the "
                + MAX_CHARS + " accepted");
        String s = input.strip();
        if (s.startsWith("\uFEFF")) s = s.substring(1).strip();
        if (s.startsWith("<")) return new Decoded(s.getBytes(StandardCharsets.UTF_8), "saml-xml", "SAML message as XML", List.of(), null);
        Map<String, String> params = params(s);
        String param = params.containsKey("SAMLResponse") ? "SAMLResponse" : params.containsKey("SAMLRequest") ? "SAMLRequest" : null;
        if (param != null) return fromParameter(params, param);
        byte[] raw = base64(s.contains("%") ? urlDecode(s) : s);
        if (raw == null) throw new SamlException("Not a SAML message: neither XML, base64, nor a SAMLResponse/SAMLRequest form or query");
        if (looksLikeXml(raw)) return new Decoded(raw, "saml-base64", "base64 SAML message (HTTP-POST binding)", List.of(), null);
        return new Decoded(inflate(raw), "saml-deflated", "deflated base64 SAML message (HTTP-Redirect binding)", List.of(), null);
    }

    private static Decoded fromParameter(Map<String, String> params, String param) throws SamlException {
        byte[] raw = base64(params.get(param));
        if (raw == null) throw new SamlException("The " + param + " parameter is not base64");
        List<String> notes = new ArrayList<>();
        if (params.containsKey("RelayState")) notes.add("RelayState present (" + params.get("RelayState").length() + " characters)");
        if (params.containsKey("SigAlg") || params.containsKey("Signature")) {
            notes.add("The query string carries a redirect-binding signature (SigAlg " + params.getOrDefault("SigAlg", "?")
                    + "): not verified here");
        }
        if (looksLikeXml(raw)) return new Decoded(raw, "saml-post-form", param + " in a form body (HTTP-POST binding)", notes, param);
        return new Decoded(inflate(raw), "saml-redirect", param + " in a query (HTTP-Redirect binding, deflated)", notes, param);
    }

    /** Query or form parameters, from a URL or a bare {@code a=b&c=d} body; empty when the text has none. */
    static Map<String, String> params(String s) throws SamlException {
        Map<String, String> out = new LinkedHashMap<>();
        String q = s;
        int h = q.indexOf('#');
        if (h >= 0) q = q.substring(0, h);
        int qm = q.indexOf('?');
        if (qm >= 0) q = q.substring(qm + 1);
        if (!q.contains("=")) return out;
        for (String part : q.split("[&\\s]+")) {
            int eq = part.indexOf('=');
            if (eq <= 0) continue;
            out.putIfAbsent(urlDecode(part.substring(0, eq)), urlDecode(part.substring(eq + 1)));
        }
        return out;
    }

    private static String urlDecode(String s) throws SamlException {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SamlException("Broken URL encoding (a % not followed by two hex digits)");
        }
    }

    /** Standard or URL-safe base64, whitespace and line breaks ignored; null when the text is not base64. */
    static byte[] base64(String s) {
        String t = s.replaceAll("\\s+", "");
        if (t.isEmpty() || !t.matches("[A-Za-z0-9+/_-]+={0,2}")) return null;
        t = t.replace('-', '+').replace('_', '/');
        t = t.replaceAll("=+$", "");
        if (t.length() % 4 == 1) return null;
        try {
            return Base64.getDecoder().decode(t + "==".substring(0, (4 - t.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean looksLikeXml(byte[] b) {
        int i = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) i++;
        return i < b.length && b[i] == '<';
    }

    /** Raw DEFLATE (RFC 1951), as the redirect binding uses, bounded by {@link SafeXml#MAX_BYTES}. */
    static byte[] inflate(byte[] raw) throws SamlException {
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(raw);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                out.write(buf, 0, n);
                if (out.size() > SafeXml.MAX_BYTES) {
                    throw new SamlException("The message inflates to more than " + SafeXml.MAX_BYTES + " bytes: refused (a deflate bomb?)");
                }
            }
            byte[] x = out.toByteArray();
            if (!looksLikeXml(x)) throw new SamlException("Decoded base64 is neither XML nor deflated XML: not a SAML message");
            return x;
        } catch (DataFormatException e) {
            throw new SamlException("Decoded base64 is neither XML nor deflated XML: not a SAML message");
        } finally {
            inf.end();
        }
    }

}
