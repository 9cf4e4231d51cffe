package org.v2g.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.EvPlugIn;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.EvUnplug;
import org.v2g.ledger.LedgerRecord;
import org.v2g.ledger.LedgerView;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SlotClose;
import org.v2g.ledger.SlotMarket;
import org.v2g.ledger.SlotSolution;
import org.v2g.ledger.internal.SubmissionGate;
import org.v2g.node.internal.EvSession;
import org.v2g.node.internal.SettlementRule;

/**
 * A node's state read back from its ledger, so that a restarted node continues the chain it wrote: the
 * EVs (registration, last plug-in, energy and balance after every final slot), the last slot that ended,
 * and a trailing attempt that never closed (the node stopped in the middle of a slot).
 *
 * <p>The replay applies the records exactly as the live node applied them: a plug-in takes the
 * preferences of the submission before it, a final {@link SlotClose} applies its attempt's settlements
 * with {@link SettlementRule}, an aborted attempt is skipped. So the energies and balances are the live
 * node's, bit for bit.
 *
 * <p>Not thread-safe: built once, by one thread.
 */
final class NodeRecovery {
    final Map<String, EvSession> evs = new LinkedHashMap<>();
    /** The last slot that ended (final or without a quorum), or -1. */
    long lastSlot = -1;
    /** The slot of a trailing attempt that has no close, or -1. */
    long openAttempt = -1;

    private final Map<String, EvSubmission> offered = new HashMap<>();
    private final Map<String, EvDeparture> offeredDeparture = new HashMap<>();
    private final Consumer<EndedSlot> onEnded;
    private SlotMarket market;
    private final List<SlotSolution> solutions = new ArrayList<>();
    private final List<Settlement> settlements = new ArrayList<>();

    private NodeRecovery(Consumer<EndedSlot> onEnded) {
        this.onEnded = onEnded;
    }

    /** Replays every durable record of {@code ledger}; {@code onEnded} sees each slot as it ends. */
    static NodeRecovery replay(LedgerView ledger, Consumer<EndedSlot> onEnded) {
        return replay(ledger, new SubmissionGate(0), onEnded);
    }

    /** {@link #replay(LedgerView, Consumer)}, teaching {@code gate} the keys and nonces in the same pass. */
    static NodeRecovery replay(LedgerView ledger, SubmissionGate gate, Consumer<EndedSlot> onEnded) {
        NodeRecovery r = new NodeRecovery(onEnded);
        ledger.forEachRecord((seq, type, buf, off, len) -> {
            if (RecordType.of(type) != null) {
                LedgerRecord record = LedgerRecord.decode(type, buf, off, len);
                gate.observe(record);
                r.apply(record);
            }
        });
        r.openAttempt = r.market == null ? -1 : r.market.slot();
        return r;
    }

    private void apply(LedgerRecord record) {
        switch (record) {
            case EvRegistration reg -> evs.putIfAbsent(reg.evId(),
                    new EvSession(reg.evId(), reg.capacityKwh(), reg.publicKey()));
            case EvSubmission sub -> {
                offered.put(sub.evId(), sub);
                offeredDeparture.remove(sub.evId());
            }
            case EvDeparture d -> offeredDeparture.put(d.evId(), d);
            case EvPlugIn p -> {
                EvSubmission sub = offered.remove(p.evId());
                EvDeparture departure = offeredDeparture.remove(p.evId());
                EvSession ev = evs.get(p.evId());
                if (sub != null && ev != null) {
                    ev.plugIn(sub, p.a(), departure);
                }
            }
            case EvUnplug u -> {
                EvSession ev = evs.get(u.evId());
                if (ev != null) {
                    ev.unplug();
                }
            }
            case SlotMarket m -> {
                market = m;
                solutions.clear();
                settlements.clear();
            }
            case SlotSolution s -> solutions.add(s);
            case Settlement s -> {
                if (market != null) {
                    settlements.add(s);
                }
            }
            case SlotClose c -> close(c);
            default -> {
            }
        }
    }

    private void close(SlotClose c) {
        if (market != null && c.endsSlot()) {
            SlotSolution solution = solutions.stream()
                    .filter(s -> Arrays.equals(s.hash(), c.solutionHash()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("slot " + c.slot()
                            + " closed with a solution that is not in its attempt"));
            List<Settlement> settled = c.outcome() == SlotClose.Outcome.FINAL ? List.copyOf(settlements) : List.of();
            for (Settlement s : settled) {
                EvSession ev = evs.get(s.evId());
                if (ev == null) {
                    throw new IllegalStateException("slot " + c.slot() + " settles ev=" + s.evId()
                            + ", which the ledger never registered");
                }
                ev.settle(s);
            }
            lastSlot = c.slot();
            onEnded.accept(new EndedSlot(market, c, solution, settled));
        }
        market = null;
        solutions.clear();
        settlements.clear();
    }
}
