package dev.tokenscope.engine.signin;

import java.util.Locale;

/**
 * The OAuth grants Tokenscope signs in with: the one encoding of "the flow" for the engine, the GUI, the CLI and saved
 * profiles. Each grant knows its {@code grant_type} on the wire (and in {@code login --json}), its value in a saved
 * {@link SignInProfile} (the grants a user can choose), and its name in sentences.
 */
public enum Grant {
    /** Authorization code + PKCE through the system browser and a loopback listener (RFC 6749, 7636, 8252). */
    AUTHORIZATION_CODE("authorization_code", "browser", "authorization code + PKCE"),
    /** Device code (RFC 8628): the user signs in on any device with a code. */
    DEVICE_CODE("device_code", "device", "device code"),
    /** Client credentials with a secret or a certificate: an app-only token. */
    CLIENT_CREDENTIALS("client_credentials", "client-credentials", "client credentials"),
    /** Redemption of a refresh token (not chosen by the user: it follows a sign-in). */
    REFRESH_TOKEN("refresh_token", null, "refresh token");

    private final String grantType;
    private final String profileValue;
    private final String label;

    Grant(String grantType, String profileValue, String label) {
        this.grantType = grantType;
        this.profileValue = profileValue;
        this.label = label;
    }

    /** The OAuth {@code grant_type} name, e.g. {@code authorization_code} (the CLI's JSON says this). */
    public String grantType() {
        return grantType;
    }

    /** The value of {@link SignInProfile#flow()}: {@code browser}, {@code device} or {@code client-credentials}; null for refresh. */
    public String profileValue() {
        return profileValue;
    }

    /** The grant's name in a sentence, e.g. "authorization code + PKCE", "client credentials". */
    public String label() {
        return label;
    }

    /** True for the grant that gives an app-only token (no user, no ID token, no refresh token). */
    public boolean appOnly() {
        return this == CLIENT_CREDENTIALS;
    }

    /** True for a grant the user chooses (it has a profile value); false for refresh. */
    public boolean selectable() {
        return profileValue != null;
    }

    /**
     * The grant of a profile's {@code flow} value (case-insensitive; null = the browser).
     *
     * @throws IllegalArgumentException for any other value
     */
    public static Grant ofProfileValue(String value) {
        if (value == null) return AUTHORIZATION_CODE;
        String v = value.toLowerCase(Locale.ROOT);
        for (Grant g : values()) if (v.equals(g.profileValue)) return g;
        throw new IllegalArgumentException("unknown sign-in flow \"" + value + "\": browser, device or client-credentials");
    }
}
