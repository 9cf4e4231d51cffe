package org.v2g.ledger;

import java.util.HashSet;
import java.util.Set;

/**
 * The slot structure of a node's records, followed record by record (see {@link SlotClose}): every
 * {@link SlotMarket} opens an attempt at its slot, which its {@link SlotClose} ends; the slot's partial
 * results, solutions, votes and settlements lie inside it; a slot ends (final or without a quorum) at
 * most once and slots end in increasing order; a final attempt settles each EV once and names how many.
 * A trailing open attempt is allowed: its node is running, or stopped and will abort it on restart.
 *
 * <p>Records before the first market are outside any slot (a ledger written by a load generator holds
 * bare settlements and no markets); from the first market on, every slot record must be inside its
 * attempt.
 *
 * <p>Not thread-safe: one reader follows one ledger.
 */
final class SlotAttempts {
    private boolean slotsSeen;
    private long open = -1;
    private long lastEnded = -1;
    private final Set<String> settled = new HashSet<>();
    private long settledCount;
    private long closes;

    /** Follows {@code r}; returns what is wrong with it here, or {@code null}. */
    String onRecord(LedgerRecord r) {
        return switch (r) {
            case SlotMarket m -> openAttempt(m.slot());
            case PartialResult p -> inside("partial result", p.slot());
            case SlotSolution s -> inside("solution", s.slot());
            case ScpVote v -> inside("vote", v.slot());
            case Settlement s -> settle(s);
            case SlotClose c -> close(c);
            default -> null;
        };
    }

    /** The slot whose attempt is open, or -1. */
    long openSlot() {
        return open;
    }

    /**
     * Whether a {@link Settlement} can change or break the structure: only from the first market on
     * (before it, a settlement is outside any slot and {@link #onRecord} ignores it), so a reader may skip
     * decoding settlements until this is true.
     */
    boolean followsSettlements() {
        return slotsSeen;
    }

    /** Whether any {@link SlotClose} was seen: the ledger uses the slot structure. */
    boolean usesCloses() {
        return closes > 0;
    }

    private String openAttempt(long slot) {
        slotsSeen = true;
        if (open >= 0) {
            return "slot " + slot + " opened while the attempt at slot " + open + " is not closed";
        }
        if (slot <= lastEnded) {
            return "slot " + slot + " opened again after slot " + lastEnded + " ended";
        }
        open = slot;
        settled.clear();
        settledCount = 0;
        return null;
    }

    private String inside(String what, long slot) {
        if (slotsSeen && open != slot) {
            return what + " of slot " + slot + " outside its attempt (open: " + (open < 0 ? "none" : open) + ")";
        }
        return null;
    }

    private String settle(Settlement s) {
        if (!slotsSeen) {
            return null;
        }
        if (open != s.slot()) {
            // the message is built only when it is needed, not for every settlement
            return inside("settlement of ev=" + s.evId(), s.slot());
        }
        if (!settled.add(s.evId())) {
            return "ev=" + s.evId() + " settled twice in slot " + s.slot();
        }
        settledCount++;
        return null;
    }

    private String close(SlotClose c) {
        closes++;
        if (open != c.slot()) {
            return "close of slot " + c.slot() + " without its attempt (open: " + (open < 0 ? "none" : open) + ")";
        }
        long expected = switch (c.outcome()) {
            case FINAL -> c.evs();
            case NO_QUORUM -> 0;
            case ABORTED -> settledCount;
        };
        if (settledCount != expected) {
            return "slot " + c.slot() + " closed " + c.outcome() + " with " + settledCount + " settlements, expected "
                + expected;
        }
        if (c.endsSlot()) {
            lastEnded = c.slot();
        }
        open = -1;
        return null;
    }
}
