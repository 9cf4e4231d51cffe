package org.v2g.node;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.VerificationResult;

/**
 * An EV as a light client: its key pair, its registration, signed preferences with fresh nonces, and
 * the check of a settlement's inclusion proof against block headers alone.
 *
 * <p>Not thread-safe: one EV, one wallet.
 */
public final class EvWallet {
    private final String evId;
    private final double capacityKwh;
    private final KeyPair keys;
    private long nonce;

    public EvWallet(String evId, double capacityKwh, KeyPair keys) {
        this.evId = evId;
        this.capacityKwh = capacityKwh;
        this.keys = keys;
    }

    /** A wallet with a new key pair. */
    public static EvWallet create(String evId, double capacityKwh) {
        return new EvWallet(evId, capacityKwh, Ed25519.generate());
    }

    public String evId() {
        return evId;
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    /** What the EV sends once to join: its id, raw public key and battery capacity. */
    public EvRegistration registration() {
        return new EvRegistration(evId, Ed25519.rawPublicKey(keys.getPublic()), capacityKwh);
    }

    /**
     * Continues numbering after {@code lastNonce}, the last nonce the node accepted from this EV (see
     * {@link AggregatorNode#lastNonce}): for a wallet restored from its keys after its device lost state.
     */
    public EvWallet resumeAfter(long lastNonce) {
        nonce = Math.max(nonce, lastNonce);
        return this;
    }

    /** Preferences for {@code slot}, signed, with a nonce never used before by this wallet. */
    public EvSubmission preferences(long slot, double beta, double uIdle, double energyKwh) {
        return EvSubmission.signed(evId, slot, beta, uIdle, energyKwh, ++nonce, keys.getPrivate());
    }

    /** Checks that a settlement of this EV is in the chain, with headers only (no blocks). */
    public VerificationResult check(SettlementProof proof, List<BlockHeader> headers, PublicKey sealerKey) {
        if (!proof.settlement().evId().equals(evId)) {
            throw new IllegalArgumentException("proof is for another EV: ev=" + proof.settlement().evId());
        }
        return proof.verify(headers, sealerKey);
    }
}
