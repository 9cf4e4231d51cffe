package org.v2g.ledger.internal;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvDeparture;
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
        final byte[] rawKey;
        long lastNonce = Long.MIN_VALUE;

        Ev(byte[] rawKey) {
            this.key = Ed25519.publicKey(rawKey);
            this.rawKey = rawKey.clone();
        }
    }

    /** Whether the check just before verified this very record with this EV's registered key. */
    private boolean verifiedBefore(LedgerRecord record, Ev registered) {
        Verified v = lastVerified.get();
        return v != null && v.record() == record && Arrays.equals(v.rawKey(), registered.rawKey);
    }

    /** A signature the check before an append verified, so that the append does not verify it again. */
    private record Verified(LedgerRecord record, byte[] rawKey) {
    }

    private final ConcurrentHashMap<String, Ev> evs = new ConcurrentHashMap<>();
    /** The last record a {@code check*} method verified: Ed25519 costs tens of µs, the plug-in checks first. */
    private final AtomicReference<Verified> lastVerified = new AtomicReference<>();
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
            } else if (type == RecordType.EV_DEPARTURE.id()) {
                gate.observe(EvDeparture.decode(buf, off));
            }
        });
        return gate;
    }

    /**
     * Learns one durable record while a caller replays a ledger itself (what {@link #recover} does in its
     * own pass): a registration's key, a submission's or departure's nonce; other records are ignored.
     * Nothing is appended.
     */
    public void observe(LedgerRecord record) {
        if (record instanceof EvRegistration r) {
            evs.putIfAbsent(r.evId(), new Ev(r.publicKey()));
        } else if (record instanceof EvSubmission s) {
            observeNonce(s.evId(), s.nonce());
        } else if (record instanceof EvDeparture d) {
            observeNonce(d.evId(), d.nonce());
        }
    }

    private void observeNonce(String evId, long nonce) {
        Ev ev = evs.get(evId);
        if (ev != null) {
            ev.lastNonce = Math.max(ev.lastNonce, nonce);
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
        try {
            Ed25519.publicKey(registration.publicKey()); // a key that does not parse is refused here
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
            return result[0] == LedgerProducer.RING_FULL ? null : new Ev(registration.publicKey());
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
        lastVerified.set(new Verified(submission, registration.publicKey()));
        if (submission.slot() < currentSlot.get()) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.PAST_SLOT,
                "slot is in the past (current slot " + currentSlot.get() + "): " + what);
        }
    }

    /**
     * Checks, without recording anything, that {@code departure} belongs with {@code submission}: the same
     * EV and slot, a later nonce, and a signature by the EV's registered key (or, on first contact, by the
     * key {@code registration} registers). So a plug-in whose departure is bad records nothing.
     *
     * @throws SubmissionRejectedException naming the EV, slot and nonce if any check fails
     */
    public void checkDeparture(EvRegistration registration, EvSubmission submission, EvDeparture departure) {
        String id = submission.evId();
        String what = "ev=" + departure.evId() + " slot=" + departure.slot() + " nonce=" + departure.nonce();
        if (!departure.evId().equals(id) || departure.slot() != submission.slot()) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.BAD_SIGNATURE,
                "departure is not for the preferences it comes with (ev=" + id + " slot=" + submission.slot()
                    + "): " + what);
        }
        if (departure.nonce() <= submission.nonce()) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.REPLAYED_NONCE,
                "nonce already used (must be greater than the preferences' " + submission.nonce() + "): " + what);
        }
        Ev registered = evs.get(id);
        PublicKey key;
        try {
            key = registered != null ? registered.key : Ed25519.publicKey(registration.publicKey());
        } catch (IllegalArgumentException e) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.BAD_SIGNATURE,
                "public key is not a valid Ed25519 key: ev=" + id);
        }
        if (!departure.verify(key)) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.BAD_SIGNATURE,
                "signature does not verify with the EV's key: " + what);
        }
        lastVerified.set(new Verified(departure, registered != null ? registered.rawKey : registration.publicKey()));
    }

    /**
     * Appends a departure that {@link #checkDeparture} passed, after its preferences: its nonce must be
     * greater than every nonce accepted from the EV.
     *
     * @return the producer sequence of the record, or {@link LedgerProducer#RING_FULL} (nonce not used)
     * @throws SubmissionRejectedException if the EV is not registered or the nonce was used
     */
    public long depart(LedgerProducer producer, EvDeparture departure) {
        return appendSigned(producer, departure, departure.evId(), departure.slot(), departure.nonce(), false,
            departure::verify);
    }

    /**
     * Checks a submission and appends it.
     *
     * @return the producer sequence of the record, or {@link LedgerProducer#RING_FULL} (nonce not used)
     * @throws SubmissionRejectedException naming the EV, slot and nonce if any check fails
     */
    public long submit(LedgerProducer producer, EvSubmission submission) {
        return appendSigned(producer, submission, submission.evId(), submission.slot(), submission.nonce(), true,
            submission::verify);
    }

    /**
     * The one path of a signed EV record into the ring: registered EV, signature (unless its check just
     * verified this very record), then atomically per EV a slot not past (if {@code slotMustBeOpen}) and a
     * fresh nonce, the append, and the nonce used up only if the append took.
     */
    private long appendSigned(LedgerProducer producer, LedgerRecord record, String id, long recordSlot, long nonce,
                              boolean slotMustBeOpen, Predicate<PublicKey> verifies) {
        String what = "ev=" + id + " slot=" + recordSlot + " nonce=" + nonce;
        Ev registered = evs.get(id);
        if (registered == null) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.UNKNOWN_EV,
                "EV is not registered: " + what);
        }
        if (!verifiedBefore(record, registered) && !verifies.test(registered.key)) {
            throw new SubmissionRejectedException(SubmissionRejectedException.Reason.BAD_SIGNATURE,
                "signature does not verify with the EV's registered key: " + what);
        }
        long[] result = {LedgerProducer.RING_FULL};
        evs.compute(id, (k, ev) -> {
            long slot = currentSlot.get();
            if (slotMustBeOpen && recordSlot < slot) {
                throw new SubmissionRejectedException(SubmissionRejectedException.Reason.PAST_SLOT,
                    "slot is in the past (current slot " + slot + "): " + what);
            }
            if (nonce <= ev.lastNonce) {
                throw new SubmissionRejectedException(SubmissionRejectedException.Reason.REPLAYED_NONCE,
                    "nonce already used (must be greater than " + ev.lastNonce + "): " + what);
            }
            result[0] = producer.tryAppend(record);
            if (result[0] != LedgerProducer.RING_FULL) {
                ev.lastNonce = nonce;
            }
            return ev;
        });
        return result[0];
    }
}
