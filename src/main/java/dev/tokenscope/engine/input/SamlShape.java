package dev.tokenscope.engine.input;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A cheap test for "this text is a SAML 2.0 message" in the forms the SAML engine reads (raw XML, base64, a form body, a
 * redirect query), so that SAML is auto-detected like every other input form. Nothing is parsed here.
 */
public final class SamlShape {
    static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
    private static final Pattern PARAMETER = Pattern.compile("(?:^|[?&#\\s])SAML(?:Response|Request)=");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_=\\s-]+");

    private SamlShape() {
    }

    public static boolean looksLikeSaml(String input) {
        if (input == null) return false;
        String s = input.strip();
        if (s.startsWith("\uFEFF")) s = s.substring(1).strip();
        if (s.startsWith("{") || s.startsWith("[")) return false; // JSON (a HAR, a token response) is read as JSON
        if (PARAMETER.matcher(s).find()) return true;
        if (s.startsWith("<")) return s.contains(PROTOCOL_NS) || s.contains(ASSERTION_NS);
        if (s.length() < 40 || s.startsWith("eyJ")) return false;
        String head = s.length() > 4096 ? s.substring(0, 4096) : s;
        if (!BASE64.matcher(head).matches()) return false;
        String compact = head.replaceAll("\\s+", "").replace('-', '+').replace('_', '/').replaceAll("=+$", "");
        compact = compact.substring(0, compact.length() - compact.length() % 4);
        try {
            byte[] b = Base64.getDecoder().decode(compact);
            String text = new String(b, 0, Math.min(b.length, 600), StandardCharsets.UTF_8);
            return text.contains("urn:oasis:names:tc:SAML:2.0");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
