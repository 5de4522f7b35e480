package dev.tokenscope.engine.signin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The redirect receiver of the browser sign-in (RFC 8252 §7.3): a tiny HTTP server bound to 127.0.0.1 only, on a
 * random or fixed port. One-shot: the first GET to the redirect path decides the outcome, gets a "you may close this
 * tab" page, and closes the socket, so any later redirect is refused at the TCP level. Other paths (a favicon) get 404
 * and do not count; a request whose Host is not loopback (DNS rebinding) gets 400. The {@code state} is checked here.
 */
final class LoopbackListener implements AutoCloseable {
    static final InetAddress LOOPBACK;

    static {
        try {
            LOOPBACK = InetAddress.getByAddress("127.0.0.1", new byte[]{127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int MAX_HEAD = 16 * 1024;

    private final ServerSocket server;
    private final String path;
    private final String expectedState;
    private final CompletableFuture<Map<String, String>> result = new CompletableFuture<>();
    private final Thread thread;
    private volatile String redirectUrl;

    /**
     * @param port 0 for a random port
     * @param path the redirect URI's path ("/" when it has none)
     */
    LoopbackListener(int port, String path, String expectedState) throws SignInException {
        this.path = path == null || path.isEmpty() ? "/" : path;
        this.expectedState = expectedState;
        ServerSocket s = null;
        try {
            s = new ServerSocket();
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(LOOPBACK, port), 8);
        } catch (BindException e) {
            closeQuietly(s);
            throw new SignInException(SignInException.Kind.PORT_IN_USE,
                    "port " + port + " on 127.0.0.1 is already in use by another program;"
                    + " close it, or use another port (the redirect URI registered for a loopback address may use any port)", e);
        } catch (IOException e) {
            closeQuietly(s);
            throw new SignInException(SignInException.Kind.CONFIG, "could not listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        this.server = s;
        this.thread = new Thread(this::serve, "tokenscope-redirect-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The bound socket (tests assert it is 127.0.0.1). */
    ServerSocket socket() {
        return server;
    }

    /** The full URL of the redirect that arrived (query included, for the redacted log), null before. */
    String redirectUrl() {
        return redirectUrl;
    }

    /**
     * Waits for the redirect. Returns its query parameters (code or error, state already checked).
     *
     * @throws SignInException TIMEOUT, CANCELLED, STATE_MISMATCH or INVALID_RESPONSE
     */
    Map<String, String> await(Duration timeout, Cancellation cancel) throws SignInException {
        try (AutoCloseable hook = cancel.onCancel(() -> result.completeExceptionally(
                new SignInException(SignInException.Kind.CANCELLED, "sign-in cancelled")))) {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SignInException(SignInException.Kind.TIMEOUT, "no redirect reached http://127.0.0.1:" + port() + path + " within "
                    + human(timeout) + ": the sign-in was not finished in the browser "
                    + "(or the browser could not reach this computer's loopback address)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SignInException s) throw s;
            throw new SignInException(SignInException.Kind.INVALID_RESPONSE, "the redirect could not be read: " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInException(SignInException.Kind.CANCELLED, "sign-in interrupted");
        } catch (SignInException e) {
            throw e;
        } catch (Exception e) {
            throw new SignInException(SignInException.Kind.INVALID_RESPONSE, String.valueOf(e.getMessage()), e);
        } finally {
            close();
        }
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 120 && s % 60 == 0 ? (s / 60) + " minutes" : s + " s";
    }

    private void serve() {
        while (!server.isClosed() && !result.isDone()) {
            try (Socket c = server.accept()) {
                c.setSoTimeout(5000);
                handle(c);
            } catch (SocketException e) {
                if (server.isClosed()) return;
            } catch (IOException | RuntimeException e) {
                // a broken connection does not end the wait; the next one may be the browser
            }
        }
        closeQuietly(server);
    }

    private void handle(Socket c) throws IOException {
        String head = readHead(c.getInputStream());
        OutputStream out = c.getOutputStream();
        if (head == null) return;
        String[] lines = head.split("\r\n");
        String[] rl = lines[0].split(" ");
        if (rl.length != 3 || !rl[2].startsWith("HTTP/")) {
            respond(out, 400, "Bad Request", page(false, "Not an HTTP request.", null));
            return;
        }
        String host = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("Host")) host = lines[i].substring(colon + 1).trim();
        }
        if (host == null || !(host.equalsIgnoreCase("localhost:" + port()) || host.equals("127.0.0.1:" + port())
                || host.equalsIgnoreCase("localhost") || host.equals("127.0.0.1"))) {
            respond(out, 400, "Bad Request", page(false, "This address serves Tokenscope's sign-in on loopback only.", null));
            return;
        }
        String target = rl[1];
        int q = target.indexOf('?');
        String reqPath = q < 0 ? target : target.substring(0, q);
        if (!reqPath.equals(path)) {
            respond(out, 404, "Not Found", page(false, "Nothing here.", null));
            return;
        }
        if (!rl[0].equals("GET")) {
            respond(out, 405, "Method Not Allowed", page(false, "Only the browser's GET redirect is expected here.", null));
            return;
        }
        Map<String, String> query = parseQuery(q < 0 ? "" : target.substring(q + 1));
        redirectUrl = "http://" + host + target;
        String state = query.get("state");
        if (state == null || !constantTimeEquals(state, expectedState)) {
            respond(out, 400, "Bad Request",
                    page(false, "This redirect does not belong to the sign-in Tokenscope started (its state does not match), "
                            + "so it was rejected.", "If you started another sign-in meanwhile, finish that one instead."));
            result.completeExceptionally(new SignInException(SignInException.Kind.STATE_MISMATCH, state == null
                    ? "the redirect carried no state: it was not produced by this sign-in's authorization request, so it was rejected"
                    : "the redirect's state does not match the one this sign-in sent: a forged or stale redirect was rejected "
                            + "(possible CSRF)"));
        } else if (query.containsKey("error")) {
            String d = query.get("error_description");
            respond(out, 200, "OK", page(false, "The sign-in failed: " + query.get("error") + (d == null ? "" : " — " + firstLine(d)),
                    "Tokenscope shows the details and the likely fix."));
            result.complete(query);
        } else if (query.get("code") == null || query.get("code").isEmpty()) {
            respond(out, 400, "Bad Request", page(false, "The redirect carried neither a code nor an error.", null));
            result.completeExceptionally(new SignInException(SignInException.Kind.INVALID_RESPONSE,
                    "the redirect carried neither an authorization code nor an error (was response_mode changed by an extra parameter?)"));
        } else {
            respond(out, 200, "OK", page(true, "Sign-in complete: Tokenscope has received the answer and continues in its window.", null));
            result.complete(query);
        }
        closeQuietly(server);
    }

    private static String firstLine(String s) {
        return s.split("\\r?\\n", 2)[0];
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        byte[] buf = new byte[MAX_HEAD];
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) break;
            n += r;
            for (int i = Math.max(0, n - r - 3); i + 3 < n; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                    return new String(buf, 0, i, StandardCharsets.ISO_8859_1);
                }
            }
        }
        return n == 0 ? null : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }

    static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static void respond(OutputStream out, int status, String reason, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Cache-Control: no-store\r\n"
                + "Referrer-Policy: no-referrer\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    static String page(boolean success, String message, String detail) {
        String title = success ? "Signed in — Tokenscope" : "Sign-in problem — Tokenscope";
        String color = success ? "#1a7f37" : "#b42318";
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;margin:15vh auto;max-width:36em;padding:0 1em;color:#222}"
                + "h1{font-size:1.4em;color:" + color + "}p{line-height:1.5}</style></head><body>"
                + "<h1>" + (success ? "Signed in" : "Sign-in problem") + "</h1><p>" + esc(message) + "</p>"
                + (detail == null ? "" : "<p>" + esc(detail) + "</p>")
                + "<p>You may close this tab.</p></body></html>";
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static void closeQuietly(ServerSocket s) {
        if (s == null) return;
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        result.completeExceptionally(new SignInException(SignInException.Kind.CANCELLED, "the listener was closed"));
    }
}
