package dev.tokenscope.engine.report;

/**
 * A place where the user sets something the engine's texts point to ("give the expected audience"): the one list both
 * faces render from. Engine texts name a setting by its command-line option ({@link #option()}); {@link Face#GUI}
 * renders the same text with the window's field ({@link #field()}) instead, so a fix is written once.
 */
public enum Setting {
    AUDIENCE("--audience", "Expected audiences"),
    TENANT("--tenant", "Allowed tenants"),
    ISSUER("--issuer", "Trusted issuers"),
    CLIENT("--client", "Allowed client apps"),
    SCOPE("--scope", "Required scopes"),
    ROLE("--role", "Required roles"),
    SKEW("--skew", "Clock skew"),
    AT("--at", "Evaluate at"),
    METADATA("--metadata", "Metadata"),
    JWKS("--jwks", "JWKS key set"),
    OFFLINE("--offline", "Offline");

    private final String option;
    private final String field;

    Setting(String option, String field) {
        this.option = option;
        this.field = field;
    }

    /** The command-line option ("--audience"): how engine texts name the setting. */
    public String option() {
        return option;
    }

    /** The API profile panel's field ("Expected audiences"). */
    public String field() {
        return field;
    }

    /** The setting named by a command-line option, or null. */
    public static Setting ofOption(String option) {
        for (Setting s : values()) if (s.option.equals(option)) return s;
        return null;
    }
}
