package org.v2g.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code verify} and {@code prove} are given: the ledger directory and, optionally, the sealer
 * public key to trust; one help text for both, describing {@link LedgerArgs#trust}'s fallback.
 */
final class LedgerDirMixin {
    @Parameters(index = "0", paramLabel = "DIR", description = "The ledger directory (holds blocks.v2gl).")
    Path dir;

    @Option(names = "--key", paramLabel = "FILE-or-DIR",
            description = "The trusted sealer public key: an X.509 .pub file, 32 raw bytes, 64 hex digits, or a "
                    + "directory holding scp.pub (or exactly one .pub). Without it DIR/scp.pub is used, or, if there is "
                    + "none, the key stored in the ledger; either proves only that the directory is consistent with itself.")
    Path key;

    /** {@code DIR}, checked to be a readable ledger directory. */
    Path ledgerDir() {
        return LedgerArgs.ledgerDir(dir);
    }

    /** The key to check against and where it came from. */
    LedgerArgs.Trust trust() {
        return LedgerArgs.trust(dir, key);
    }
}
