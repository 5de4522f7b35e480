package dev.tokenscope.desktop;

import dev.tokenscope.engine.files.OwnerOnly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The single-instance channel: loopback only, owner-only secret, file paths only. */
class InstanceChannelTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondOpenHandsItsFileToTheRunningWindow() throws Exception {
        Path dir = tmp.resolve("run");
        Path token = Files.writeString(tmp.resolve("token.jwt"), "eyJ…");
        List<Path> opened = new CopyOnWriteArrayList<>();
        try (InstanceChannel c = InstanceChannel.start(dir, opened::add)) {
            assertTrue(c.address().isLoopbackAddress(), "listens on loopback only: " + c.address());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(InstanceChannel.FILE))));
            assertEquals(InstanceChannel.Sent.OPENED, InstanceChannel.send(dir, token));
            assertEquals(List.of(token.toAbsolutePath()), opened);
            assertEquals(0, c.refused());
        }
        assertTrue(Files.notExists(dir.resolve(InstanceChannel.FILE)), "the channel file goes with the window");
        assertEquals(InstanceChannel.Sent.NO_INSTANCE, InstanceChannel.send(dir, token));
    }

    @Test
    void requestsWithoutTheSecretAreRefused() throws Exception {
        Path dir = tmp.resolve("run");
        Path token = Files.writeString(tmp.resolve("token.jwt"), "eyJ…");
        List<Path> opened = new CopyOnWriteArrayList<>();
        try (InstanceChannel c = InstanceChannel.start(dir, opened::add)) {
            assertEquals("ERR not allowed", raw(c.port(), "OPEN\n" + token + "\n"));
            assertEquals("ERR not allowed", raw(c.port(), "AAAA\nOPEN\n" + token + "\n"));
            assertEquals("ERR not allowed", raw(c.port(), ""));
            assertEquals(List.of(), opened);
            assertEquals(3, c.refused());
        }
    }

    @Test
    void onlyExistingAbsoluteFilesAreOpenedNeverCommands() throws Exception {
        Path dir = tmp.resolve("run");
        Path token = Files.writeString(tmp.resolve("token.jwt"), "eyJ…");
        List<Path> opened = new CopyOnWriteArrayList<>();
        try (InstanceChannel c = InstanceChannel.start(dir, opened::add)) {
            String secret = Files.readAllLines(dir.resolve(InstanceChannel.FILE)).get(1);
            assertEquals("ERR only OPEN <absolute path> is accepted", raw(c.port(), secret + "\nRUN\nrm -rf /\n"));
            assertEquals("ERR not an absolute path", raw(c.port(), secret + "\nOPEN\ntoken.jwt\n"));
            assertEquals("ERR a path with . or .. segments", raw(c.port(), secret + "\nOPEN\n" + tmp + "/run/../token.jwt\n"));
            assertEquals("ERR not an existing regular file", raw(c.port(), secret + "\nOPEN\n" + tmp + "\n"));
            assertEquals("ERR not an existing regular file", raw(c.port(), secret + "\nOPEN\n" + tmp.resolve("missing.jwt") + "\n"));
            assertEquals("ERR not an existing regular file", raw(c.port(), secret + "\nOPEN\n/dev/zero\n"));
            Path link = Files.createSymbolicLink(tmp.resolve("link.jwt"), Path.of("/dev/zero"));
            assertEquals("ERR not an existing regular file", raw(c.port(), secret + "\nOPEN\n" + link + "\n"));
            assertEquals("ERR request too large or too slow", raw(c.port(), secret + "\nOPEN\n/" + "a".repeat(10_000) + "\n"));
            assertEquals(List.of(), opened);
            assertEquals("OK", raw(c.port(), secret + "\nOPEN\n" + token + "\n"));
            assertEquals(List.of(token), opened);
        }
    }

    @Test
    void aChannelFileOthersCouldReadIsNotTrusted() throws Exception {
        Path dir = tmp.resolve("run");
        Path token = Files.writeString(tmp.resolve("token.jwt"), "eyJ…");
        List<Path> opened = new CopyOnWriteArrayList<>();
        try (InstanceChannel c = InstanceChannel.start(dir, opened::add)) {
            Files.setPosixFilePermissions(dir.resolve(InstanceChannel.FILE), PosixFilePermissions.fromString("rw-r--r--"));
            assertEquals(InstanceChannel.Sent.NO_INSTANCE, InstanceChannel.send(dir, token));
            assertEquals(List.of(), opened);
        }
    }

    @Test
    void aStaleChannelFileMeansNoWindow() throws Exception {
        Path dir = tmp.resolve("run");
        OwnerOnly.currentUser().directory(dir);
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OwnerOnly.currentUser().write(dir.resolve(InstanceChannel.FILE), port + "\nc2VjcmV0\n");
        assertEquals(InstanceChannel.Sent.NO_INSTANCE, InstanceChannel.send(dir, Files.writeString(tmp.resolve("t.jwt"), "x")));
    }

    @Test
    void openTakesFilesOnly() throws Exception {
        Path token = Files.writeString(tmp.resolve("token.jwt"), "eyJ…");
        assertEquals(List.of(token), OpenFiles.parse(List.of(token.toString())));
        assertEquals(List.of(token), OpenFiles.parse(List.of(token.toUri().toString())));
        assertThrows(IllegalArgumentException.class, () -> OpenFiles.parse(List.of("--evil")));
        var e = assertThrows(IllegalArgumentException.class, () -> OpenFiles.parse(List.of(tmp.resolve("nope.har").toString())));
        assertTrue(e.getMessage().contains("not an existing regular file"), e.getMessage());
    }

    private static String raw(int port, String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            s.shutdownOutput();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }
}
