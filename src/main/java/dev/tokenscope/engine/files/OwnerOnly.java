package dev.tokenscope.engine.files;

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
 * Files and directories only their owner can read: POSIX mode 0700/0600 where the file system has modes (Linux, macOS),
 * an ACL that grants the owner alone where it has ACLs (Windows). Used for the single-instance channel's secret, the
 * saved profiles and the document cache. A file system with neither is refused rather than left open.
 */
public final class OwnerOnly {
    private final String user;

    /** Checks ownership against {@code user} (a login name). */
    public OwnerOnly(String user) {
        this.user = user;
    }

    /** For the user running Tokenscope. */
    public static OwnerOnly currentUser() {
        return new OwnerOnly(System.getProperty("user.name"));
    }

    /** Creates {@code dir} (and parents) if needed and makes it owner-only; refuses a link or another user's directory. */
    public void directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
        if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).equals(me(dir))) throw new IOException(dir + " belongs to another user");
        restrict(dir, true);
    }

    /** Writes {@code text} to a new owner-only file (replacing an old one): private before the first byte is written. */
    public void write(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        create(file);
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Creates an empty owner-only file (mode 0600 from the start where there are modes). */
    public void create(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class);
        if (posix != null) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        restrict(file, false);
    }

    /** True when {@code file} is a regular file of this user that nobody else can read or write. */
    public boolean isOwnerOnly(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return false;
        if (!Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).equals(me(file))) return false;
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

    /** Makes an existing file or directory owner-only. */
    public void restrict(Path p, boolean directory) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (posix != null) {
            posix.setPermissions(PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(p, AclFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (acl == null) throw new IOException("can't make " + p + " private on this file system (no POSIX modes, no ACLs)");
        AclEntry ownerOnly = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(acl.getOwner())
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
        acl.setAcl(List.of(ownerOnly));
    }

    private UserPrincipal me(Path p) throws IOException {
        return p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
    }
}
