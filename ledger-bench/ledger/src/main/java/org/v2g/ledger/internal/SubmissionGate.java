package org.v2g.ledger.internal;

import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.LedgerProducer;
import org.v2g.ledger.LedgerRecord;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.SlotLedger;
import org.v2g.ledger.SubmissionRejectedException;

/**
 * The front door for what EVs send: checks each registration and submission and appends it only if it
 * passes, so nothing bad reaches the ring. A submission is accepted only if its EV is registered, its
 * Ed25519 signature verifies with the registered key, its slot is not before {@link #currentSlot()}, and
 * its nonce is greater than every nonce accepted before from that EV (so a replay is caught with one
 * number per EV of memory).
 *
 * <p>The check of the nonce and the append happen atomically per EV; a rejected submission, or one that
 * found the ring full, changes nothing.
 *
 * <p>Usage:
 * <pre>{@code
 * SubmissionGate gate = SubmissionGate.recover(ledger, 0);     // or new SubmissionGate(0)
 * gate.register(producer, new EvRegistration("ev042", rawKey, 60));
 * gate.openSlot(31);
 * long seq = gate.submit(producer, signedSubmission);        // or RING_FULL; throws if rejected
 * }</pre>
 *
 * <p>Thread-safety: thread-safe; producers are still one per thread.
 */
public final class SubmissionGate {
    private static final class Ev {
        final PublicKey key;
        long lastNonce = Long.MIN_VALUE;

        Ev(PublicKey key) {
            this.key = key;
        }
    }

    private final ConcurrentHashMap<String, Ev> evs = new ConcurrentHashMap<>();
    private final AtomicLong currentSlot;

    /** A gate with no EVs whose first open slot is {@code firstSlot}. */
    public SubmissionGate(long firstSlot) {
        Checks.nonNegative("slot", "gate", firstSlot);
        this.currentSlot = new AtomicLong(firstSlot);
    }

    /**
     * A gate that knows the registrations and last nonces recorded in {@code ledger}'s durable records,
     * for restarting after a crash.
     */
    public static SubmissionGate recover(SlotLedger ledger, long currentSlot) {
        SubmissionGate gate = new SubmissionGate(currentSlot);
        ledger.forEachRecord((seq, type, buf, off, len) -> {
            if (type == RecordType.EV_REGISTRATION.id()) {
                gate.observe(EvRegistration.decode(buf, off));
            } else if (type == RecordType.EV_SUBMISSION.id()) {
                gate.observe(EvSubmission.decode(buf, off));
            }
        });
        return gate;
    }

    /**
     * Learns one durable record while a caller replays a ledger itself (what {@link #recover} does in its
     * own pass): a registration's key, a submission's nonce; other records are ignored. Nothing is appended.
     */
    public void observe(LedgerRecord record) {
        if (record instanceof EvRegistration r) {
            evs.putIfAbsent(r.evId(), new Ev(Ed25519.publicKey(r.publicKey())));
        } else if (record instanceof EvSubmission s) {
            Ev ev = evs.get(s.evId());
            if (ev != null) {
                ev.lastNonce = Math.max(ev.lastNonce, s.nonce());
            }
        }
    }

    /** The last nonce accepted from {@code evId}, or {@link Long#MIN_VALUE} if none (or not registered). */
    public long lastNonce(String evId) {
        Ev ev = evs.get(evId);
        return ev == null ? Long.MIN_VALUE : ev.lastNonce;
    }

    /** The earliest slot a submission may be for. */
    public long currentSlot() {
        return currentSlot.get();
    }

    /**
     * Moves the current slot forward.
     *
     * @throws InvalidInputException if {@code slot} is before the current slot (nothing changes)
     */
    public void openSlot(long slot) {
        long before = currentSlot.getAndAccumulate(slot, Math::max);
        if (slot < before) {
            throw new InvalidInputException("slot", "gate current_slot=" + before, slot, "must not go back");
        }
    }

    /**
     * Registers an EV and appends its registration.
     *
     * @return the producer sequence of the record, or {@link LedgerProducer#RING_FULL} (nothing registered)
     * @throws SubmissionRejectedException if the EV id is taken or the key is not a valid Ed25519 key
     */
    public long register(LedgerProducer producer, EvRegistration registration) {
        PublicKey key;
        try {
            key = Ed25519.publicKey(registration.publicKey());
        } catch (IllegalArgumentException e) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.BAD_SIGNATURE,
                "public key is not a valid Ed25519 key: ev=" + registration.evId());
        }
        long[] result = {LedgerProducer.RING_FULL};
        evs.compute(registration.evId(), (id, existing) -> {
            if (existing != null) {
                throw new SubmissionRejectedException(SubmissionRejectedException.Reason.DUPLICATE_EV,
                    "EV is already registered: ev=" + id);
            }
            result[0] = producer.tryAppend(registration);
            return result[0] == LedgerProducer.RING_FULL ? null : new Ev(key);
        });
        return result[0];
    }

    /**
     * Checks, without recording anything, that {@code registration} would be accepted and that
     * {@code submission}, signed with the key it registers, would be accepted after it: so that a first
     * contact whose submission is bad leaves no registration behind.
     *
     * @throws SubmissionRejectedException as {@link #register} and {@link #submit} would
     */
    public void checkFirstContact(EvRegistration registration, EvSubmission submission) {
        String id = registration.evId();
        String what = "ev=" + id + " slot=" + submission.slot() + " nonce=" + submission.nonce();
        if (evs.containsKey(id)) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.DUPLICATE_EV,
                "EV is already registered: ev=" + id);
        }
        PublicKey key;
        try {
            key = Ed25519.publicKey(registration.publicKey());
        } catch (IllegalArgumentException e) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.BAD_SIGNATURE,
                "public key is not a valid Ed25519 key: ev=" + id);
        }
        if (!submission.evId().equals(id) || !submission.verify(key)) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.BAD_SIGNATURE,
                "signature does not verify with the key being registered: " + what);
        }
        if (submission.slot() < currentSlot.get()) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.PAST_SLOT,
                "slot is in the past (current slot " + currentSlot.get() + "): " + what);
        }
    }

    /**
     * Checks a submission and appends it.
     *
     * @return the producer sequence of the record, or {@link LedgerProducer#RING_FULL} (nonce not used)
     * @throws SubmissionRejectedException naming the EV, slot and nonce if any check fails
     */
    public long submit(LedgerProducer producer, EvSubmission submission) {
        String id = submission.evId();
        String what = "ev=" + id + " slot=" + submission.slot() + " nonce=" + submission.nonce();
        Ev registered = evs.get(id);
        if (registered == null) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.UNKNOWN_EV,
                "EV is not registered: " + what);
        }
        if (!submission.verify(registered.key)) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.BAD_SIGNATURE,
                "signature does not verify with the EV's registered key: " + what);
        }
        long[] result = {LedgerProducer.RING_FULL};
        evs.compute(id, (k, ev) -> {
            long slot = currentSlot.get();
            if (submission.slot() < slot) {
                throw new SubmissionRejectedException(SubmissionRejectedException.Reason.PAST_SLOT,
                    "slot is in the past (current slot " + slot + "): " + what);
            }
            if (submission.nonce() <= ev.lastNonce) {
                throw new SubmissionRejectedException(SubmissionRejectedException.Reason.REPLAYED_NONCE,
                    "nonce already used (must be greater than " + ev.lastNonce + "): " + what);
            }
            result[0] = producer.tryAppend(submission);
            if (result[0] != LedgerProducer.RING_FULL) {
                ev.lastNonce = submission.nonce();
            }
            return ev;
        });
        return result[0];
    }
}
