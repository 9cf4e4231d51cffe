package org.v2g.ledger;

import java.nio.file.Path;

/**
 * Thrown by every call into a ledger after one of its stages failed, for example writing or forcing the
 * block file on a full disk: from then on the ledger accepts nothing. Records acknowledged durable
 * before the failure are in the file. {@link SlotLedger#close()} still releases the directory, and
 * opening it again recovers them (a partly written last block is cut, as after a crash).
 */
public final class LedgerFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    /** The ledger's directory. */
    private final transient Path directory;

    LedgerFailedException(Path directory, Throwable cause) {
        super("ledger in " + directory + " failed: " + reasons(cause) + "; it accepts nothing more: close it and"
            + " open the directory again to recover every record acknowledged durable before the failure", cause);
        this.directory = directory;
    }

    /** {@return the directory of the ledger that failed} */
    public Path directory() {
        return directory;
    }

    /** The messages along the cause chain, each once ("cannot write block 7 to F: No space left on device"). */
    private static String reasons(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(m) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(m);
            }
        }
        return text.toString();
    }
}
