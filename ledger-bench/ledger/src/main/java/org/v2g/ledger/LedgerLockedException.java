package org.v2g.ledger;

import java.nio.file.Path;

/**
 * A ledger directory already has a writer: another open ledger in this JVM or in another process holds
 * its lock file. The directory is left as it was. Readers ({@link LedgerVerifier}, {@link SettlementProof#find})
 * take no lock and are never refused.
 */
public final class LedgerLockedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient Path directory;
    private final transient Path lockFile;

    LedgerLockedException(Path directory, Path lockFile, String holder) {
        super("ledger directory " + directory + " is locked by another writer (lock file " + lockFile + ", "
            + holder + ")");
        this.directory = directory;
        this.lockFile = lockFile;
    }

    /** {@return the ledger directory that is in use} */
    public Path directory() {
        return directory;
    }

    /** {@return the lock file its writer holds} */
    public Path lockFile() {
        return lockFile;
    }
}
