package dev.tokenscope.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import dev.tokenscope.engine.files.OwnerOnly;
import dev.tokenscope.engine.files.UserDirs;

/**
 * The single-instance channel: a running window accepts "open this file" from a second {@code tokenscope open FILE}
 * instead of a second JVM starting. Local and owner-only:
 * <ul>
 *   <li>the server listens on 127.0.0.1 only, on a port the system picks;</li>
 *   <li>it writes the port and a fresh random secret (32 bytes) to a file only its user can read, in a directory only
 *   its user can enter ({@link OwnerOnly}); every request must carry that secret (compared in constant time), so
 *   another local user who finds the port is refused;</li>
 *   <li>a request is exactly three short lines: the secret, {@code OPEN}, an absolute path to an existing regular file
 *   (no "..", no directory, device or link to one, at most {@link #MAX_FILE_BYTES}): never a command, never text to
 *   inspect;</li>
 *   <li>each connection has a 2 s read timeout and a size cap; the server answers {@code OK} or {@code ERR reason}.</li>
 * </ul>
 * No JavaFX here: the window passes a handler that opens the file on its own thread.
 */
public final class InstanceChannel implements AutoCloseable {
    private static final OwnerOnly OWNER = OwnerOnly.currentUser();
    /** A file larger than this is refused (the window reads inputs up to 16 MiB). */
    public static final long MAX_FILE_BYTES = 16L << 20;
    static final String FILE = "instance";
    private static final int MAX_REQUEST = 8192;
    private static final int READ_TIMEOUT_MS = 2000;

    private final ServerSocket server;
    private final Path file;
    private final byte[] secret;
    private final Consumer<Path> handler;
    private final AtomicInteger refused = new AtomicInteger();
    private final Thread thread;

    private InstanceChannel(ServerSocket server, Path file, byte[] secret, Consumer<Path> handler) {
        this.server = server;
        this.file = file;
        this.secret = secret;
        this.handler = handler;
        this.thread = new Thread(this::serve, "tokenscope-instance");
        thread.setDaemon(true);
    }

    /** The directory for the channel's file ({@link UserDirs#runtime()}). */
    public static Path defaultDir() {
        return UserDirs.current().runtime();
    }

    /**
     * Starts listening and publishes the port and secret in {@code dir} (made owner-only). {@code handler} is called on
     * the channel's thread with each accepted file.
     */
    public static InstanceChannel start(Path dir, Consumer<Path> handler) throws IOException {
        OWNER.directory(dir);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        Path file = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".new");
        OWNER.write(tmp, server.getLocalPort() + "\n" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        InstanceChannel c = new InstanceChannel(server, file, secret, handler);
        c.thread.start();
        return c;
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetAddress address() {
        return server.getInetAddress();
    }

    /** How many requests were refused (wrong secret, not a file …). */
    public int refused() {
        return refused.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(READ_TIMEOUT_MS);
                String answer = handle(s);
                OutputStream out = s.getOutputStream();
                out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException | RuntimeException e) {
                if (server.isClosed()) return;
            }
        }
    }

    private String handle(Socket s) throws IOException {
        List<String> lines;
        try {
            lines = readLines(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8), 3,
                    System.nanoTime() + READ_TIMEOUT_MS * 1_000_000L);
        } catch (SocketTimeoutException e) {
            refused.incrementAndGet();
            return "ERR timeout";
        }
        if (lines == null) {
            refused.incrementAndGet();
            return "ERR request too large or too slow";
        }
        byte[] given = lines.isEmpty() ? new byte[0] : decode(lines.get(0));
        if (!MessageDigest.isEqual(given, secret)) {
            refused.incrementAndGet();
            return "ERR not allowed";
        }
        if (lines.size() != 3 || !lines.get(1).equals("OPEN")) {
            refused.incrementAndGet();
            return "ERR only OPEN <absolute path> is accepted";
        }
        String problem = fileProblem(lines.get(2));
        if (problem != null) {
            refused.incrementAndGet();
            return "ERR " + problem;
        }
        handler.accept(Path.of(lines.get(2)));
        return "OK";
    }

    private static byte[] decode(String s) {
        try {
            return Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** Why {@code text} is not a path this channel opens, or null when it is one. */
    static String fileProblem(String text) {
        if (text.isEmpty() || text.length() > 4096) return "not a path";
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) return "not a path";
        }
        Path p;
        try {
            p = Path.of(text);
        } catch (RuntimeException e) {
            return "not a path";
        }
        if (!p.isAbsolute()) return "not an absolute path";
        for (Path part : p) {
            if (part.toString().equals("..") || part.toString().equals(".")) return "a path with . or .. segments";
        }
        if (!Files.isRegularFile(p)) return "not an existing regular file";
        if (!Files.isReadable(p)) return "not readable";
        try {
            if (Files.size(p) > MAX_FILE_BYTES) return "larger than " + (MAX_FILE_BYTES >> 20) + " MiB";
            if (!Files.isRegularFile(p.toRealPath(), LinkOption.NOFOLLOW_LINKS)) return "not an existing regular file";
        } catch (IOException e) {
            return "not readable";
        }
        return null;
    }

    /** At most {@code max} lines, null when the request is larger than allowed. */
    static List<String> readLines(Reader in, int max) throws IOException {
        return readLines(in, max, Long.MAX_VALUE);
    }

    /** The same, refused (null) once {@code deadline} (System.nanoTime) has passed: a slow client can't hold the channel. */
    static List<String> readLines(Reader in, int max, long deadline) throws IOException {
        BufferedReader r = new BufferedReader(in, 1024);
        ArrayList<String> lines = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        int total = 0, c;
        while ((c = r.read()) >= 0) {
            if (++total > MAX_REQUEST || System.nanoTime() > deadline) return null;
            if (c == '\n') {
                lines.add(b.toString());
                b.setLength(0);
                if (lines.size() == max) return lines;
            } else if (c != '\r') {
                b.append((char) c);
            }
        }
        if (b.length() > 0) lines.add(b.toString());
        return lines;
    }

    /** Outcome of asking a running window to open a file. */
    public enum Sent { OPENED, NO_INSTANCE, REFUSED }

    /**
     * Asks the window that published {@code dir}'s channel file to open {@code file}. NO_INSTANCE when none runs (no
     * file, a stale one, nobody listening), REFUSED when it answered with an error.
     */
    public static Sent send(Path dir, Path file) {
        Path f = dir.resolve(FILE);
        List<String> lines;
        try {
            if (!OWNER.isOwnerOnly(f)) return Sent.NO_INSTANCE; // never trust a file somebody else could have written
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Sent.NO_INSTANCE;
        }
        if (lines.size() < 2) return Sent.NO_INSTANCE;
        int port;
        try {
            port = Integer.parseInt(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Sent.NO_INSTANCE;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(5000);
            Writer w = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
            w.write(lines.get(1).strip() + "\nOPEN\n" + file.toAbsolutePath().normalize() + "\n");
            w.flush();
            List<String> answer = readLines(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8), 1);
            return answer != null && !answer.isEmpty() && answer.get(0).equals("OK") ? Sent.OPENED : Sent.REFUSED;
        } catch (IOException e) {
            return Sent.NO_INSTANCE;
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale file is recognised by the next start (nobody listens)
        }
    }
}
