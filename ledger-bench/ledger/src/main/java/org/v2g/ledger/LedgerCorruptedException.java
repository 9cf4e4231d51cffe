package org.v2g.ledger;

/**
 * Thrown when a ledger file cannot be opened because a block that is not the last one is damaged
 * (recovery only cuts a torn tail; it never throws away blocks that a complete block follows).
 */
public final class LedgerCorruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The height of the damaged block, or -1 for the file header. */
    private final long height;

    /**
     * A failure at block {@code height}.
     *
     * @param height  the damaged block's height, or -1 for the file header
     * @param message what is wrong with it
     */
    public LedgerCorruptedException(long height, String message) {
        super("ledger corrupted at height " + height + ": " + message);
        this.height = height;
    }

    /** {@return the height of the damaged block, or -1 for the file header} */
    public long height() {
        return height;
    }
}
