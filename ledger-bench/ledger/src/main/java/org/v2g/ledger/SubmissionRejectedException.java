package org.v2g.ledger;

/**
 * An EV registration or submission refused by the submission gate (the node's check of signature, nonce and slot) before it reached the ring. The
 * ledger and the gate are left exactly as they were.
 */
public final class SubmissionRejectedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The EV id is not registered. */
        UNKNOWN_EV,
        /** The EV id is registered already. */
        DUPLICATE_EV,
        /** The EV's signature does not verify with its registered key. */
        BAD_SIGNATURE,
        /** The nonce is not greater than every nonce accepted before from this EV. */
        REPLAYED_NONCE,
        /** The slot is before the gate's current slot. */
        PAST_SLOT
    }

    /** Why the submission was refused. */
    private final Reason reason;

    /**
     * A rejection.
     *
     * @param reason  why
     * @param message what was refused, naming the EV and the value
     */
    public SubmissionRejectedException(Reason reason, String message) {
        super("rejected (" + reason + "): " + message);
        this.reason = reason;
    }

    /** {@return why the submission was rejected} */
    public Reason reason() {
        return reason;
    }
}
