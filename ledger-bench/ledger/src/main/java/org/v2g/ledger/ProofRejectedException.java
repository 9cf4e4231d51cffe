package org.v2g.ledger;

/**
 * A settlement proof did not prove what its holder expected: the header chain, a header signature or
 * the Merkle path failed, or the proven settlement is for another EV, slot or amount. Checked on
 * purpose: a light client cannot take a failed proof for a payment by ignoring a return value.
 */
public final class ProofRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient VerificationResult result;

    ProofRejectedException(VerificationResult result) {
        super(result.message());
        this.result = result;
    }

    /** {@return what failed: the check, the block height and a sentence for a person} */
    public VerificationResult result() {
        return result;
    }

    /** {@return the check that failed} */
    public VerificationResult.Check check() {
        return result.check();
    }
}
