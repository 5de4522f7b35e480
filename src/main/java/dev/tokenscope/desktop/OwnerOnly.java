package dev.tokenscope.desktop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Files and directories only their owner can read: POSIX mode 0700/0600 where the file system has modes, an ACL that
 * grants the owner alone where it has ACLs (Windows), for the single-instance channel's secret.
 */
final class OwnerOnly {
    private OwnerOnly() {
    }

    /** Creates {@code dir} (and parents) if needed and makes it owner-only; refuses a link or another user's directory. */
    static void directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
        UserPrincipal me = currentUser(dir);
        if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).equals(me)) throw new IOException(dir + " belongs to another user");
        restrict(dir, true);
    }

    /** Writes {@code text} to a new owner-only file (replacing an old one). */
    static void write(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        PosixFileAttributeView posix = Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class);
        if (posix != null) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        restrict(file, false);
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** True when {@code file} is a regular file of the current user that nobody else can read or write. */
    static boolean isOwnerOnly(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return false;
        if (!Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).equals(currentUser(file))) return false;
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (posix != null) {
            Set<PosixFilePermission> p = posix.readAttributes().permissions();
            for (PosixFilePermission x : p) {
                if (x != PosixFilePermission.OWNER_READ && x != PosixFilePermission.OWNER_WRITE) return false;
            }
            return true;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (acl == null) return false;
        UserPrincipal owner = acl.getOwner();
        return acl.getAcl().stream().allMatch(e -> e.type() == AclEntryType.DENY || e.principal().equals(owner));
    }

    private static void restrict(Path p, boolean directory) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (posix != null) {
            posix.setPermissions(PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(p, AclFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (acl == null) throw new IOException("can't make " + p + " private on this file system");
        AclEntry ownerOnly = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(acl.getOwner())
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
        acl.setAcl(List.of(ownerOnly));
    }

    private static UserPrincipal currentUser(Path p) throws IOException {
        return p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
    }
}
