package dev.tokenscope.ui.model.signin;

import dev.tokenscope.engine.net.FetchException;
import dev.tokenscope.engine.signin.SignInException;

/**
 * The advice under a failed sign-in, by cause: a DNS or connection failure points at the network or proxy, never at the
 * authority the user typed; a discovery document that answered but was wrong points at the tenant and cloud.
 */
public final class SignInAdvice {
    private SignInAdvice() {
    }

    /** The one-line advice for {@code e}, or null when the error's own explanation (an AADSTS card, the log) says it all. */
    public static String hint(SignInException e) {
        FetchException fetch = fetchCause(e);
        if (fetch != null && (e.kind() == SignInException.Kind.DISCOVERY || e.kind() == SignInException.Kind.NETWORK)) {
            switch (fetch.kind()) {
                case DNS:
                    return "Check the network or proxy: the sign-in server's name could not be resolved (DNS), "
                            + "so nothing was asked of the authority.";
                case REFUSED:
                case TIMEOUT:
                    return "Check the network or proxy: the sign-in server could not be reached ("
                            + (fetch.kind() == FetchException.Kind.TIMEOUT ? "timed out" : "connection refused") + ").";
                case TLS:
                    return "Check the proxy: the TLS connection failed "
                            + "(a TLS-inspecting proxy needs its CA trusted by Tokenscope's runtime).";
                case HTML:
                    return "Check the proxy: something other than the sign-in server (a proxy or a captive portal) answered.";
                default:
                    break;
            }
        }
        return switch (e.kind()) {
            case PORT_IN_USE -> "Leave Port empty for a random free port, or close the program using it.";
            case TIMEOUT -> "The browser never came back to Tokenscope: finish the sign-in within the timeout, "
                    + "or raise it under Advanced options.";
            case BROWSER -> "Copy the sign-in URL from the flow log and open it in a browser on this computer.";
            case STATE_MISMATCH -> "A redirect that this sign-in did not start reached the listener; it was refused. Sign in again.";
            case NONCE_MISMATCH -> "The ID token does not belong to this sign-in; it was refused. Sign in again.";
            case DISCOVERY -> "Check the authority (tenant and cloud): its discovery document answered, "
                    + "but not with the tenant's endpoints.";
            case NETWORK -> "Check the network or proxy: the connection to the sign-in server failed.";
            default -> null;
        };
    }

    private static FetchException fetchCause(Throwable t) {
        for (int i = 0; t != null && i < 8; i++, t = t.getCause()) {
            if (t instanceof FetchException f) return f;
        }
        return null;
    }
}
