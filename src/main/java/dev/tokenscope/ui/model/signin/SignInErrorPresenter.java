package dev.tokenscope.ui.model.signin;

import dev.tokenscope.engine.signin.AadstsCatalogue;
import dev.tokenscope.engine.signin.OAuthError;
import dev.tokenscope.engine.signin.SignInException;

import java.util.ArrayList;
import java.util.List;

/**
 * The error card's texts: a headline, what to do for the failure's cause, the AADSTS explanations the provider's
 * codes have in the catalogue, and the provider's own words as facts. The status line above the card says what failed.
 */
public final class SignInErrorPresenter {
    /** One catalogue explanation: "AADSTS700016 …: summary", why, and the fix in the window's words. */
    public record Card(long code, String summary, String explanation, String fix) {
    }

    private SignInErrorPresenter() {
    }

    public static String headline(SignInException e) {
        return e.oauthError().isPresent() ? "What the provider answered" : "What to do";
    }

    /** What to do, by cause; null when the provider's answer (or nothing) says more. */
    public static String hint(SignInException e) {
        return SignInAdvice.hint(e); // advice by cause (DNS, connection, TLS, proxy page …)
    }

    /** The pointer to the flow log, shown when there is neither a provider answer nor a hint; else null. */
    public static String fallback(SignInException e) {
        return e.oauthError().isEmpty() && hint(e) == null ? "The flow log below shows each exchange with the provider up to the failure."
                : null;
    }

    /** The error with its explanation and the flow log, for a ticket. */
    public static String copyText(SignInException e, String logText) {
        return e.describe() + System.lineSeparator() + System.lineSeparator() + "Flow log:" + System.lineSeparator() + logText;
    }

    public static List<Card> cards(OAuthError o) {
        List<Card> out = new ArrayList<>();
        for (AadstsCatalogue.Entry x : o.explanations()) {
            out.add(new Card(x.code(), "AADSTS" + x.code() + (x.name().isEmpty() ? "" : " " + x.name()) + ": " + x.summary(),
                    x.explanation(),
                    "Fix: " + x.fix().replace("--spa-origin", "the SPA Origin option")));
        }
        return out;
    }

    /** One line per AADSTS code the catalogue does not know. */
    public static List<String> unknownCodes(OAuthError o) {
        List<String> out = new ArrayList<>();
        for (long c : o.errorCodes()) {
            if (AadstsCatalogue.get().lookup(c).isEmpty()) {
                out.add("AADSTS" + c + " is not in Tokenscope's catalogue: look it up at https://login.microsoftonline.com/error?code=" + c);
            }
        }
        return out;
    }

    /** The provider's answer, field by field. */
    public static List<Fact> facts(OAuthError o) {
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("error", o.error() + (o.httpStatus() > 0 ? " (HTTP " + o.httpStatus() + ")" : " (in the redirect)")));
        if (o.errorDescription() != null) f.add(new Fact("description", o.shortDescription()));
        if (!o.errorCodes().isEmpty()) {
            f.add(new Fact("error codes", String.join(", ", o.errorCodes().stream().map(c -> "AADSTS" + c).toList())));
        }
        if (o.suberror() != null) f.add(new Fact("suberror", o.suberror()));
        if (o.correlationId() != null) f.add(new Fact("correlation id", o.correlationId()));
        if (o.traceId() != null) f.add(new Fact("trace id", o.traceId()));
        if (o.timestamp() != null) f.add(new Fact("timestamp", o.timestamp()));
        if (o.errorUri() != null) f.add(new Fact("more", o.errorUri()));
        return f;
    }
}
