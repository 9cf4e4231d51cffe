package org.v2g.node;

/**
 * A slot could not be solved or voted on: the proposer failed, or so many SCPs failed that no solution
 * could reach the quorum. Nothing was recorded and no EV changed; the slot may be run again.
 */
public final class SlotFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The slot that failed. */
    private final long slot;

    SlotFailedException(long slot, String what, Throwable cause) {
        super("slot " + slot + " failed, nothing was recorded, run it again: " + what
                + (cause == null ? "" : " (" + cause + ")"), cause);
        this.slot = slot;
    }

    /** {@return the slot that failed} */
    public long slot() {
        return slot;
    }
}
