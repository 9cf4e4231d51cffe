package org.v2g.replica;

import java.util.List;

import org.v2g.replica.ReplicaRecords.Event;

/**
 * What one of {@link SlotMachine}'s parts decided about a frame: whether the frame goes into the chain,
 * is ignored or is rejected, and the events it found. {@link SlotMachine} writes the chain: the frame
 * first (when recorded), then the events, in order; a rejection becomes a {@code REJECTED} event naming
 * the frame's slot and SCP.
 *
 * @param verdict what happens to the frame
 * @param events  events to record, in order
 */
record Outcome(Verdict verdict, List<Event> events) {
    /** What happens to the frame itself. */
    enum Verdict {
        /** The frame is appended to the chain. */
        RECORD,
        /** The frame changes nothing and is not recorded (a repeat, or a lie recorded by its events). */
        IGNORE,
        /** The frame is refused: a {@code REJECTED} event is recorded. */
        REJECT
    }

    static final Outcome RECORD = new Outcome(Verdict.RECORD, List.of());
    static final Outcome IGNORE = new Outcome(Verdict.IGNORE, List.of());
    static final Outcome REJECT = new Outcome(Verdict.REJECT, List.of());

    Outcome {
        events = List.copyOf(events);
    }

    /** The frame is not recorded; {@code events} are. */
    static Outcome ignoredWith(List<Event> events) {
        return new Outcome(Verdict.IGNORE, events);
    }
}
