package dev.tokenscope.ui.model.signin;

import dev.tokenscope.engine.signin.AadstsCatalogue;
import dev.tokenscope.engine.signin.Authority;
import dev.tokenscope.engine.signin.DeviceCodeInfo;
import dev.tokenscope.engine.signin.Grant;
import dev.tokenscope.engine.text.SafeText;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The sign-in window's sentences: grant names, status lines, the device code's message, hints and tooltips. */
public final class SignInTexts {
    static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private SignInTexts() {
    }

    /** The grant's name in the window: "authorization code + PKCE", "client credentials (app-only)" … */
    public static String grantName(Grant g) {
        return g.appOnly() ? g.label() + " (app-only)" : g.label();
    }

    /** What runs first, right after Sign in. */
    public static String starting(Grant g) {
        return switch (g) {
            case AUTHORIZATION_CODE -> "Opening the browser for the sign-in…";
            case DEVICE_CODE -> "Asking for a device code…";
            case CLIENT_CREDENTIALS -> "Requesting an app-only token…";
            case REFRESH_TOKEN -> "Redeeming the refresh token…";
        };
    }

    /** The status once the tokens are in: "Signed in (device code): the access token is in the inspector." */
    public static String landed(Grant g) {
        String what = g == Grant.REFRESH_TOKEN ? "Refreshed"
                : "Signed in (" + (g == Grant.AUTHORIZATION_CODE ? "browser: " : "") + grantName(g).toLowerCase(Locale.ROOT) + ")";
        return what + ": the access token is in the inspector.";
    }

    /** "Waiting for the browser to come back to 127.0.0.1:PORT…". */
    public static String waitingForBrowser(URI authorizationUrl) {
        return "Waiting for the browser to come back" + listenerOf(authorizationUrl) + "…";
    }

    public static String waitingForDevice(DeviceCodeInfo info) {
        return "Waiting for the sign-in on the other device (polling every " + info.interval().toSeconds() + " s)…";
    }

    public static String cancelled(boolean polling) {
        return polling ? "Cancelled: the device code flow stopped polling." : "Cancelled.";
    }

    public static String failed(String message) {
        return "Sign-in failed: " + SafeText.line(message);
    }

    /** Under the device code: the provider's message (escaped), when the code expires and how often Tokenscope asks. */
    public static String deviceMessage(DeviceCodeInfo i, ZoneId zone) {
        String at = CLOCK_TIME.withZone(zone).format(i.expiresAt());
        return (i.message() != null ? SafeText.lines(i.message()) + "\n" : "") + "The code expires at " + at
                + "; Tokenscope asks every " + i.interval().toSeconds() + " s whether the sign-in is done.";
    }

    /** {@code 14:05}, {@code 1:02:03} or {@code expired}. */
    public static String remaining(Duration left) {
        if (left.isNegative() || left.isZero()) return "expired";
        long s = (left.toMillis() + 999) / 1000;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** " to 127.0.0.1:PORT" from the authorization URL's redirect_uri, "" when it has none. */
    public static String listenerOf(URI url) {
        String q = url.getRawQuery();
        if (q == null) return "";
        for (String pair : q.split("&")) {
            if (pair.startsWith("redirect_uri=")) {
                try {
                    URI r = URI.create(URLDecoder.decode(pair.substring(13), StandardCharsets.UTF_8));
                    return r.getPort() > 0 ? " to 127.0.0.1:" + r.getPort() : "";
                } catch (IllegalArgumentException e) {
                    return "";
                }
            }
        }
        return "";
    }

    /** What SPA emulation does, with Entra's two errors about it (tooltip of the SPA Origin field). */
    public static String spaHelp() {
        StringBuilder sb =
                new StringBuilder("SPA emulation: send this Origin header on the token request, as browser JavaScript (MSAL.js) does."
                + " Leave it empty unless the app's redirect URI is registered under 'Single-page application'.");
        for (long code : new long[]{9002327, 9002326}) {
            AadstsCatalogue.get().lookup(code).ifPresent(e -> sb.append("\n\nAADSTS").append(e.code()).append(": ").append(e.summary())
                    .append("\n").append(e.explanation()).append("\nFix: ")
                    .append(e.fix().replace("--spa-origin", "the SPA Origin field")));
        }
        return sb.toString();
    }

    /** What the scopes field is for, by grant. */
    public static String scopesHint(Grant g) {
        return g == Grant.CLIENT_CREDENTIALS
                ? "App-only: the API's {resource}/.default, e.g. api://orders-api/.default"
                : "openid profile offline_access are always added";
    }

    /** The title of the advanced options, which shape the browser's request only. */
    public static String advancedTitle(Grant g) {
        return g == Grant.AUTHORIZATION_CODE ? "Advanced options" : "Advanced options (browser sign-in only)";
    }

    /** The cloud choice's entries. */
    public static String cloudLabel(Authority.Cloud c) {
        if (c == null) return "";
        return switch (c) {
            case PUBLIC -> "Public";
            case US_GOV -> "US Gov";
            case CHINA -> "China";
        };
    }

    public static final String CLOUD_TOOLTIP = "The cloud of a bare tenant: public (login.microsoftonline.com), US Government "
            + "(login.microsoftonline.us) or China (login.partner.microsoftonline.cn). An authority URL names its own host.";
    public static final String AUTHORITY_TOOLTIP =
            "A tenant: its GUID or domain (contoso.onmicrosoft.com), organizations, common or consumers.\n"
            + "Or an authority URL: any Entra cloud, Azure AD B2C with its policy (https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signin),\n"
            + "External ID (https://contoso.ciamlogin.com), or any OpenID issuer.";
    public static final String PROMPT_TOOLTIP =
            "prompt: select_account (choose the account), login (ask for credentials again), consent (show consent), "
            + "none (fail instead of asking), create (sign-up, External ID)";
}
