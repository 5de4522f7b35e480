package dev.tokenscope.engine.files;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tokenscope.ui.model.ProfileData;
import dev.tokenscope.ui.model.ProfileStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Each OS's directories and owner-only rules, on in-memory file systems shaped like Windows (drive letters,
 * backslashes, ACLs and no POSIX modes), macOS and Linux, so the Windows and macOS code paths run on this machine.
 */
class PerOsFilesTest {
    static final String USER = System.getProperty("user.name");

    static FileSystem windows() {
        return Jimfs.newFileSystem(Configuration.windows().toBuilder().setAttributeViews("basic", "owner", "acl", "dos")
                .setDefaultAttributeValue("owner:owner", USER).build());
    }

    static FileSystem unix() {
        return Jimfs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "posix", "unix")
                .setDefaultAttributeValue("owner:owner", USER).build());
    }

    static UserDirs dirs(UserDirs.Os os, FileSystem fs, String home, Map<String, String> env) {
        return new UserDirs(os, env::get, fs, home);
    }

    @Test
    void windowsUsesRoamingAppDataForSettingsAndLocalAppDataForCacheAndChannel() throws IOException {
        try (FileSystem fs = windows()) {
            UserDirs d = dirs(UserDirs.Os.WINDOWS, fs, "C:\\Users\\alice", Map.of("APPDATA", "C:\\Users\\alice\\AppData\\Roaming",
                    "LOCALAPPDATA", "D:\\Local", "XDG_CONFIG_HOME", "C:\\msys\\home\\alice\\.config"));
            assertEquals(fs.getPath("C:\\Users\\alice\\AppData\\Roaming\\Tokenscope"), d.config());
            assertEquals(fs.getPath("D:\\Local\\Tokenscope\\cache"), d.cache());
            assertEquals(fs.getPath("D:\\Local\\Tokenscope\\run"), d.runtime());
            UserDirs bare = dirs(UserDirs.Os.WINDOWS, fs, "C:\\Users\\bob", Map.of("APPDATA", "relative\\path"));
            assertEquals(fs.getPath("C:\\Users\\bob\\AppData\\Roaming\\Tokenscope"), bare.config(), "a relative APPDATA is ignored");
            assertEquals(fs.getPath("C:\\Users\\bob\\AppData\\Local\\Tokenscope\\cache"), bare.cache());
        }
    }

    @Test
    void linuxFollowsXdgAndIgnoresRelativeValues() throws IOException {
        try (FileSystem fs = unix()) {
            UserDirs xdg = dirs(UserDirs.Os.LINUX, fs, "/home/alice", Map.of("XDG_CONFIG_HOME", "/cfg",
                    "XDG_CACHE_HOME", "/var/cache/alice", "XDG_RUNTIME_DIR", "/run/user/1000", "LOCALAPPDATA", "/wine/local"));
            assertEquals(fs.getPath("/cfg/tokenscope"), xdg.config());
            assertEquals(fs.getPath("/var/cache/alice/tokenscope"), xdg.cache());
            assertEquals(fs.getPath("/run/user/1000/tokenscope"), xdg.runtime());
            UserDirs plain = dirs(UserDirs.Os.LINUX, fs, "/home/bob", Map.of("XDG_CONFIG_HOME", "relative", "XDG_RUNTIME_DIR", " "));
            assertEquals(fs.getPath("/home/bob/.config/tokenscope"), plain.config());
            assertEquals(fs.getPath("/home/bob/.cache/tokenscope"), plain.cache());
            assertEquals(fs.getPath("/home/bob/.cache/tokenscope/run"), plain.runtime());
        }
    }

    @Test
    void macOsUsesLibraryUnlessXdgIsSet() throws IOException {
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.osX())) {
            UserDirs d = dirs(UserDirs.Os.MAC, fs, "/Users/alice", Map.of());
            assertEquals(fs.getPath("/Users/alice/Library/Application Support/Tokenscope"), d.config());
            assertEquals(fs.getPath("/Users/alice/Library/Caches/Tokenscope"), d.cache());
            assertEquals(fs.getPath("/Users/alice/Library/Caches/Tokenscope/run"), d.runtime());
            assertEquals(fs.getPath("/x/tokenscope"), dirs(UserDirs.Os.MAC, fs, "/Users/alice", Map.of("XDG_CONFIG_HOME", "/x")).config());
        }
    }

    @Test
    void osNamesAreRecognised() {
        assertEquals(UserDirs.Os.WINDOWS, UserDirs.Os.of("Windows 11"));
        assertEquals(UserDirs.Os.MAC, UserDirs.Os.of("Mac OS X"));
        assertEquals(UserDirs.Os.LINUX, UserDirs.Os.of("Linux"));
        assertEquals(UserDirs.Os.LINUX, UserDirs.Os.of(null));
    }

    @Test
    void onWindowsOwnerOnlyMeansAnAclGrantingTheOwnerAlone() throws IOException {
        try (FileSystem fs = windows()) {
            OwnerOnly owner = new OwnerOnly(USER);
            Path dir = fs.getPath("C:\\Users\\alice\\AppData\\Local\\Tokenscope\\run");
            Files.createDirectories(dir.getParent());
            AclFileAttributeView parentAcl = Files.getFileAttributeView(dir.getParent(), AclFileAttributeView.class);
            AclEntry everyone = AclEntry.newBuilder().setType(AclEntryType.ALLOW)
                    .setPrincipal(fs.getUserPrincipalLookupService().lookupPrincipalByName("Everyone"))
                    .setPermissions(EnumSet.of(AclEntryPermission.READ_DATA)).build();
            parentAcl.setAcl(List.of(everyone));
            owner.directory(dir);
            List<AclEntry> acl = Files.getFileAttributeView(dir, AclFileAttributeView.class).getAcl();
            assertEquals(1, acl.size(), acl.toString());
            assertEquals(USER, acl.get(0).principal().getName());
            Path secret = dir.resolve("channel");
            owner.write(secret, "port\nsecret\n");
            assertTrue(owner.isOwnerOnly(secret));
            AclFileAttributeView view = Files.getFileAttributeView(secret, AclFileAttributeView.class);
            List<AclEntry> widened = new ArrayList<>(view.getAcl());
            widened.add(everyone);
            view.setAcl(widened);
            assertFalse(owner.isOwnerOnly(secret), "a file somebody else may read is never trusted");
            assertFalse(new OwnerOnly("mallory").isOwnerOnly(dir.resolve("channel")), "another user's file is never trusted");
            assertThrows(IOException.class, () -> new OwnerOnly("mallory").directory(dir), "another user's directory is refused");
        }
    }

    @Test
    void onPosixOwnerOnlyMeansMode600And700() throws IOException {
        try (FileSystem fs = unix()) {
            OwnerOnly owner = new OwnerOnly(USER);
            Path dir = fs.getPath("/home/alice/.cache/tokenscope/run");
            owner.directory(dir);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            Path f = dir.resolve("channel");
            owner.write(f, "x");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            assertTrue(owner.isOwnerOnly(f));
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            assertFalse(owner.isOwnerOnly(f));
        }
    }

    @Test
    void aFileSystemWithNeitherModesNorAclsIsRefusedNotLeftOpen() throws IOException {
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.windows().toBuilder().setAttributeViews("basic", "owner")
                .setDefaultAttributeValue("owner:owner", USER).build())) {
            IOException e = assertThrows(IOException.class, () -> new OwnerOnly(USER).directory(fs.getPath("C:\\t")));
            assertTrue(e.getMessage().contains("private"), e.getMessage());
        }
    }

    @Test
    void profilesSavedOnWindowsAreOwnerOnlyThroughTheAcl() throws IOException {
        try (FileSystem fs = windows()) {
            UserDirs d = dirs(UserDirs.Os.WINDOWS, fs, "C:\\Users\\alice", Map.of("APPDATA", "C:\\Users\\alice\\AppData\\Roaming"));
            ProfileStore store = new ProfileStore(d.config().resolve("profiles"));
            store.save(new ProfileData("Orders API (prod)", List.of("api://orders"), null, null, null, null, 300, null, null, null, false));
            assertEquals(List.of("Orders API (prod)"), store.names());
            Path file;
            try (var files = Files.list(store.dir())) {
                file = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            }
            assertTrue(new OwnerOnly(USER).isOwnerOnly(file), file.toString());
        }
    }
}
