package org.v2g.ledger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Thrown when a ledger file cannot be opened because a block that is not the last one is damaged
 * (recovery only cuts a torn tail; it never throws away blocks that a complete block follows).
 */
public final class LedgerCorruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The height of the damaged block, or -1 for the file header. */
    private final long height;
    /** The damaged file, when the code that found the damage knows it. */
    private final transient Path file;

    /**
     * A failure at block {@code height}.
     *
     * @param height  the damaged block's height, or -1 for the file header
     * @param message what is wrong with it
     */
    public LedgerCorruptedException(long height, String message) {
        super("ledger corrupted at height " + height + ": " + message);
        this.height = height;
        this.file = null;
    }

    private LedgerCorruptedException(Path file, long height, String message, LedgerCorruptedException cause) {
        super("ledger file " + file + " corrupted at height " + height + ": " + message, cause);
        this.height = height;
        this.file = file;
    }

    /**
     * The same failure, naming the file it was found in (what an operator must look at).
     *
     * @param damaged the ledger file
     * @return a new exception whose message starts with the file
     */
    public LedgerCorruptedException in(Path damaged) {
        String message = getMessage().substring(getMessage().indexOf(": ") + 2);
        return new LedgerCorruptedException(damaged, height, message, this);
    }

    /** {@return the height of the damaged block, or -1 for the file header} */
    public long height() {
        return height;
    }

    /** {@return the damaged file, when known} */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
