package org.v2g.node;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.internal.EvIds;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.ProofRejectedException;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SettlementProof;

/**
 * An EV as a light client: its key pair, its registration, signed preferences with fresh nonces, and
 * the check of a settlement's inclusion proof against block headers alone.
 *
 * <p>Usage:
 * <pre>{@code
 * EvWallet ev = EvWallet.create("car-7", 40);
 * node.plugIn(ev.registration(), ev.preferences(0, 0.16, 0, 26.2));
 * try {
 *     Settlement paid = ev.check(node.proof("car-7", 0).orElseThrow(), 0, node.headers(), sealerKey);
 * } catch (ProofRejectedException e) {
 *     // slot 0 is not proven: dispute it
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one EV, one wallet.
 */
public final class EvWallet {
    private final String evId;
    private final double capacityKwh;
    private final KeyPair keys;
    private long nonce;

    /**
     * A wallet with the given key pair.
     *
     * @param evId        the EV's id (1..32 printable ASCII characters, no spaces)
     * @param capacityKwh the battery capacity {@code C_i}, kWh
     * @param keys        the EV's Ed25519 key pair; the private half signs its preferences
     * @throws InvalidInputException for an id that is null, blank or not an EV id of the ledger (1..32
     *                               printable ASCII characters, no spaces), a capacity that is not a
     *                               finite number {@code > 0}, or keys that are not an Ed25519 pair
     */
    public EvWallet(String evId, double capacityKwh, KeyPair keys) {
        String item = "ev=" + evId;
        if (evId == null || evId.isBlank()) {
            throw new InvalidInputException("ev_id", item, evId == null ? null : "\"" + evId + "\"",
                "must not be null or blank");
        }
        try {
            EvIds.check(evId);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("ev_id", item, evId, "is not an EV id (" + e.getMessage() + ")");
        }
        if (!Double.isFinite(capacityKwh) || !(capacityKwh > 0)) {
            throw new InvalidInputException("capacity_kwh", item, capacityKwh, "must be a finite number > 0");
        }
        if (keys == null || keys.getPublic() == null || keys.getPrivate() == null) {
            throw new InvalidInputException("keys", item, keys == null ? null : "(incomplete pair)",
                "must be an Ed25519 key pair");
        }
        try {
            Ed25519.rawPublicKey(keys.getPublic());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("keys", item, keys.getPublic().getAlgorithm(),
                "must be an Ed25519 key pair");
        }
        this.evId = evId;
        this.capacityKwh = capacityKwh;
        this.keys = keys;
    }

    /**
     * A wallet with a new key pair; checked as {@link #EvWallet(String, double, KeyPair)}.
     *
     * @param evId        the EV's id
     * @param capacityKwh the battery capacity {@code C_i}, kWh
     * @return the wallet
     */
    public static EvWallet create(String evId, double capacityKwh) {
        return new EvWallet(evId, capacityKwh, Ed25519.generate());
    }

    /** {@return the EV's id} */
    public String evId() {
        return evId;
    }

    /** {@return the EV's Ed25519 public key, as registered with the node} */
    public PublicKey publicKey() {
        return keys.getPublic();
    }

    /** {@return what the EV sends once to join: its id, raw public key and battery capacity} */
    public EvRegistration registration() {
        return new EvRegistration(evId, Ed25519.rawPublicKey(keys.getPublic()), capacityKwh);
    }

    /**
     * Continues numbering after {@code lastNonce}, the last nonce the node accepted from this EV (see
     * {@link AggregatorNode#lastNonce}): for a wallet restored from its keys after its device lost state.
     *
     * @param lastNonce the last nonce the node accepted
     * @return this wallet
     */
    public EvWallet resumeAfter(long lastNonce) {
        nonce = Math.max(nonce, lastNonce);
        return this;
    }

    /**
     * Preferences for {@code slot}, signed, with a nonce never used before by this wallet.
     *
     * @param slot      the slot they are for (the next one the node runs, or later)
     * @param beta      preference {@code β_i}, {@code > 0}
     * @param uIdle     idle utility {@code U_idle,i}
     * @param energyKwh stored energy at plug-in {@code E_i}, kWh, in {@code [0, C_i]}
     * @return the signed submission to hand the node
     */
    public EvSubmission preferences(long slot, double beta, double uIdle, double energyKwh) {
        return EvSubmission.signed(evId, slot, beta, uIdle, energyKwh, ++nonce, keys.getPrivate());
    }

    /**
     * The departure half of the preferences for {@code slot} (SPEC section 8), signed, with a nonce never
     * used before by this wallet: sign it after {@link #preferences} for the same slot.
     *
     * @param slot      the slot of the preferences it belongs to
     * @param targetKwh energy wanted at departure, kWh, within {@code [0, capacity]}
     * @param lastSlot  the last slot the EV takes part in (whole slots before its departure)
     * @return the signed departure
     */
    public EvDeparture departure(long slot, double targetKwh, long lastSlot) {
        return EvDeparture.signed(evId, slot, targetKwh, lastSlot, ++nonce, keys.getPrivate());
    }

    /**
     * This EV's settlement in {@code slot}, proven with headers only (no blocks): the header chain signed
     * with {@code sealerKey}, the Merkle path, and that the proof is this EV's in this slot. Take the
     * amounts from the returned settlement.
     *
     * @param proof     the node's inclusion proof ({@link AggregatorNode#proof})
     * @param slot      the slot the EV expects to have been settled in
     * @param headers   the chain of block headers, as the node or any replica hands them out
     * @param sealerKey the sealing SCP's public key, known to the EV beforehand
     * @return the proven settlement
     * @throws ProofRejectedException when any of it fails (another EV's or another slot's proof too)
     */
    public Settlement check(SettlementProof proof, long slot, List<BlockHeader> headers, PublicKey sealerKey)
        throws ProofRejectedException {
        return Objects.requireNonNull(proof, "proof").verify(evId, slot, headers, sealerKey);
    }

    /**
     * As {@link #check(SettlementProof, long, List, PublicKey)} for {@code expected}'s slot, and that the
     * proven amounts are exactly those of {@code expected} (what the node reported, say).
     *
     * @param proof     the node's inclusion proof
     * @param expected  the settlement the EV was told of
     * @param headers   the chain of block headers
     * @param sealerKey the sealing SCP's public key
     * @return the proven settlement, equal to {@code expected}
     * @throws InvalidInputException  when {@code expected} is another EV's settlement
     * @throws ProofRejectedException when the proof fails or proves other amounts
     */
    public Settlement check(SettlementProof proof, Settlement expected, List<BlockHeader> headers, PublicKey sealerKey)
        throws ProofRejectedException {
        Objects.requireNonNull(expected, "expected");
        if (!expected.evId().equals(evId)) {
            throw new InvalidInputException("ev_id", "ev=" + evId, expected.evId(),
                "of the expected settlement must be this wallet's EV");
        }
        return Objects.requireNonNull(proof, "proof").verify(expected, headers, sealerKey);
    }
}
