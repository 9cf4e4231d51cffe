package org.v2g.partition;

/**
 * A slot could not complete because every worker of the pool failed, left or stalled past the
 * deadline. The message names each worker and what happened to it. The pool stays usable: the next
 * slot starts with every worker again.
 */
public final class NoWorkerLeftException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The pool's slot counter of the failed slot. */
    private final long epoch;

    /**
     * A failed slot.
     *
     * @param epoch  the pool's slot counter of the failed slot
     * @param detail each worker and what happened to it
     */
    public NoWorkerLeftException(long epoch, String detail) {
        super("slot epoch=" + epoch + " did not complete: no worker left (" + detail + ")");
        this.epoch = epoch;
    }

    /** {@return the pool's slot counter of the failed slot} */
    public long epoch() {
        return epoch;
    }
}
