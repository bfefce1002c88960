package io.aitmdefense.server.api;

import io.aitmdefense.store.ConsoleUsers;
import io.aitmdefense.store.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The first console account. On the service's first start an admin token is generated, written to
 * {@code DATA/admin-token} readable by its owner only (mode 600), and only its hash is stored in the database. The
 * file is created with its mode in one step, so the token is never readable by others, even for an instant.
 */
public final class AdminToken {
    public static final String FILE = "admin-token";

    private AdminToken() {
    }

    /**
     * Creates the admin account and its token file when the database has no admin yet.
     *
     * @return the token file when it was written now, empty when the admin already existed
     */
    public static Optional<Path> ensure(Database db, Path dataDir, Instant now) throws IOException {
        Optional<String> token = db.users().createIfAbsent("admin", ConsoleUsers.Role.ADMIN, now);
        if (token.isEmpty()) return Optional.empty();
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        Files.deleteIfExists(file);
        Set<PosixFilePermission> owner = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system (Windows): the folder's own permissions apply
        }
        Files.writeString(file, token.get() + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        return Optional.of(file);
    }
}
