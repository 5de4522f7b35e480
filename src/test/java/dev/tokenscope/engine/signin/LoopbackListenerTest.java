package dev.tokenscope.engine.signin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopbackListenerTest {
    static String send(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void otherPathsAndForeignHostsDoNotConsumeTheListener() throws Exception {
        try (LoopbackListener l = new LoopbackListener(0, "/cb", "the-state")) {
            int p = l.port();
            assertTrue(send(p, "GET /favicon.ico HTTP/1.1\r\nHost: localhost:" + p + "\r\n\r\n").startsWith("HTTP/1.1 404"));
            assertTrue(send(p, "GET /cb?code=x&state=the-state HTTP/1.1\r\nHost: evil.example:" + p + "\r\n\r\n")
                    .startsWith("HTTP/1.1 400"), "DNS-rebinding host refused");
            assertTrue(send(p, "POST /cb HTTP/1.1\r\nHost: 127.0.0.1:" + p + "\r\nContent-Length: 0\r\n\r\n").startsWith("HTTP/1.1 405"));
            String ok = send(p, "GET /cb?code=the%20code&state=the-state HTTP/1.1\r\nHost: 127.0.0.1:" + p + "\r\n\r\n");
            assertTrue(ok.startsWith("HTTP/1.1 200") && ok.contains("Referrer-Policy: no-referrer")
                    && ok.contains("You may close this tab"), ok);
            Map<String, String> q = l.await(Duration.ofSeconds(5), new Cancellation());
            assertEquals("the code", q.get("code"));
            assertThrows(IOException.class, () -> send(p, "GET /cb?code=y&state=the-state HTTP/1.1\r\nHost: localhost:" + p + "\r\n\r\n"));
        }
    }

    @Test
    void missingStateIsRejected() throws Exception {
        try (LoopbackListener l = new LoopbackListener(0, "/", "s")) {
            String r = send(l.port(), "GET /?code=x HTTP/1.1\r\nHost: localhost:" + l.port() + "\r\n\r\n");
            assertTrue(r.startsWith("HTTP/1.1 400"), r);
            SignInException e = assertThrows(SignInException.class, () -> l.await(Duration.ofSeconds(5), new Cancellation()));
            assertEquals(SignInException.Kind.STATE_MISMATCH, e.kind());
        }
    }

    @Test
    void errorPageEscapesHtml() {
        String page = LoopbackListener.page(false, "<script>alert(1)</script>", null);
        assertTrue(page.contains("&lt;script&gt;") && !page.contains("<script>"));
    }
}
