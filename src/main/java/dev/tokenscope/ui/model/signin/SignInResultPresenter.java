package dev.tokenscope.ui.model.signin;

import dev.tokenscope.engine.signin.TokenSet;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The result card's texts: the tokens received, and the scopes requested vs granted. */
public final class SignInResultPresenter {
    /** A row of scope chips; {@code none} is shown when {@code scopes} is empty. */
    public record ScopeRow(String label, List<String> scopes, String style, String none) {
        /** The node id of the row's value, e.g. {@code scopes-in-the-token}. */
        public String id() {
            return "scopes-" + label.toLowerCase(Locale.ROOT).replace(' ', '-');
        }
    }

    private SignInResultPresenter() {
    }

    public static List<Fact> facts(TokenSet t, ZoneId zone) {
        String exp = t.expiresAt()
                .map(x -> "in " + Math.max(0, t.expiresIn() / 60) + " min (" + SignInTexts.CLOCK_TIME.withZone(zone).format(x) + ")")
                .orElse("not reported");
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("access token", (t.tokenType() == null ? "" : t.tokenType() + ", ") + "expires " + exp));
        f.add(new Fact("ID token", t.idToken().isPresent() ? "received" : "none"));
        f.add(new Fact("refresh token", t.refreshToken().isPresent() ? "received (memory only, gone when Tokenscope closes)" : "none"));
        f.add(new Fact("flow", SignInTexts.grantName(t.grant()) + ", obtained at " + SignInTexts.CLOCK_TIME.withZone(zone)
                .format(t.obtainedAt())));
        f.add(new Fact("authority", t.authority()));
        f.add(new Fact("client", t.clientId()));
        return f;
    }

    public static List<ScopeRow> scopeRows(TokenSet.ScopeComparison sc) {
        List<ScopeRow> rows = new ArrayList<>();
        rows.add(new ScopeRow("Requested", sc.requested(), "scope-requested", "none"));
        rows.add(new ScopeRow("Granted", sc.granted(), "scope-granted", "not reported by the provider (RFC 6749: as requested)"));
        if (!sc.notGranted().isEmpty()) rows.add(new ScopeRow("Not granted", sc.notGranted(), "scope-missing", ""));
        if (!sc.extra().isEmpty()) rows.add(new ScopeRow("Also granted", sc.extra(), "scope-extra", ""));
        rows.add(new ScopeRow("In the token", sc.inToken(), "scope-token", "no scp or roles (opaque token, or none granted)"));
        return rows;
    }

    public static String idTokenTooltip(TokenSet t) {
        return t != null && t.idToken().isPresent() ? "Show the ID token in the inspector"
                : "No ID token came back (client credentials give none; user flows need the openid scope)";
    }

    public static String refreshTooltip(TokenSet t) {
        return t != null && t.refreshToken().isPresent() ? "Redeem the refresh token and inspect the new access token"
                : "No refresh token came back (request offline_access; client credentials give none)";
    }
}
