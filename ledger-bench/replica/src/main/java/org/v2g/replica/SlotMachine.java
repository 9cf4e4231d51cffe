package org.v2g.replica;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.v2g.kernel.internal.CanonicalRevenue;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.SlotResult;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.EvUnplug;
import org.v2g.ledger.LedgerRecord;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.RecordVisitor;
import org.v2g.ledger.ScpVote;
import org.v2g.ledger.Settlement;
import org.v2g.node.internal.MarketRecords;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.SlotMarket;
import org.v2g.ledger.SlotSolution;
import org.v2g.node.internal.CanonicalSolution;
import org.v2g.partition.ChunkPolicy;
import org.v2g.replica.ReplicaRecords.Deadline;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaRecords.EventKind;
import org.v2g.replica.ReplicaRecords.SignedPartial;
import org.v2g.replica.ReplicaRecords.SlotOpen;

/**
 * The deterministic heart of a replica: applies log batches in log order and builds the chain.
 *
 * <p>Apply reads nothing but the batch, the state earlier batches left and the {@link ClusterConfig}:
 * no clock, no randomness, no hash-ordered iteration (EVs in a {@link TreeMap}, tallies in arrival
 * order), and every revenue and decision comes from {@link CanonicalRevenue}, whose value at a price is
 * the same bit for bit on every JVM and CPU. So replicas that applied the same entries hold
 * byte-identical blocks, and SCPs may solve with any kernel.
 *
 * <p>Rules, per frame (see docs/REPLICATION.md), each in the part whose one job it is; this class
 * decodes each frame, hands it to its part, and writes the part's {@code Outcome} to the chain and the
 * events:
 * <ul>
 *   <li>{@code EvRegistry}: EV registration kept if new (a second one with another key is rejected);
 *       EV submission checked against the registered key and the EV's last nonce, then the EV is
 *       plugged in with its energy and preferences; EV unplug: the EV leaves.</li>
 *   <li>Slot market then slot open (here): the open slot ({@code OpenSlot}) gets the plugged-in EVs as
 *       its fleet, and its grid is split into shares by SCP capacity ({@link ChunkPolicy#bounds}).</li>
 *   <li>{@code GridShares}: a signed partial is accepted if signed by the share's owner, if its revenue
 *       is the canonical value at its index, bit for bit, and if neither end of its share beats that by
 *       more than SPEC section 3's tolerance; a wrong one is recorded and its share moves to the next
 *       SCP. At a deadline, shares of SCPs still silent move to SCPs that answered.</li>
 *   <li>{@code Ballots}: a slot solution followed by its SCP vote, one vote per SCP and slot,
 *       signature and hash checked, and the solution must be the canonical record at its own index (a
 *       wrong revenue or count is rejected; a wrong index is out-voted). A second deadline without a
 *       quorum closes the slot unsettled.</li>
 *   <li>{@code SlotSettlement}: when a solution has {@code quorum} votes and every share has its
 *       partial result, the slot is final: the grid work's combined answer is compared with it
 *       (out-voted partials and votes are recorded), the solution, a finality record and every EV's
 *       settlement are added and the slot's block is sealed with the slot's declared time.</li>
 * </ul>
 *
 * <p>Thread-safety: every method synchronizes on the machine (apply on Raft's thread, readers elsewhere).
 */
final class SlotMachine {
    private final ClusterConfig config;
    private final Chain chain = new Chain();
    private final EvRegistry evs = new EvRegistry();
    private final List<Event> events = new ArrayList<>();
    private final Map<Long, SlotSolution> finals = new TreeMap<>();
    private SlotMarket market;
    private OpenSlot open;
    private long lastSlot = -1;
    private long applied;

    /**
     * A machine before the first log entry: no EV, no slot, an empty chain.
     *
     * @param config the cluster every replica is started with, part of apply's deterministic input
     */
    public SlotMachine(ClusterConfig config) {
        this.config = config;
    }

    /**
     * The cluster this machine applies entries for.
     *
     * @return the cluster this machine applies entries for
     */
    public ClusterConfig config() {
        return config;
    }

    /**
     * Applies one log entry's bytes. An entry that is not a batch is recorded as rejected and changes
     * nothing else: apply never throws on log content, since every replica must reach the same state.
     *
     * @param entry a Raft log entry's bytes, as committed
     * @return a one-line summary for the client that proposed the entry
     */
    public synchronized String apply(byte[] entry) {
        applied++;
        LogBatch batch;
        try {
            batch = LogBatch.decode(entry);
        } catch (IllegalArgumentException e) {
            reject(-1, -1);
            return "rejected: " + e.getMessage();
        }
        int before = events.size();
        SlotSolution lastSolution = null;
        evs.startEntry();
        for (Frame f : batch.frames()) {
            try {
                lastSolution = applyFrame(f, lastSolution);
            } catch (RuntimeException e) {
                // A field that does not decode or a value the model refuses: the same on every replica,
                // checked before the frame changed anything.
                reject(open == null ? -1 : open.slot, -1);
            }
        }
        StringBuilder out = new StringBuilder("applied height=" + chain.height());
        for (int i = before; i < events.size(); i++) {
            out.append(' ').append(events.get(i).kind()).append("(scp=").append(events.get(i).scp()).append(')');
        }
        return out.toString();
    }

    /** Hands one frame to the part whose job it is. */
    private SlotSolution applyFrame(Frame f, SlotSolution lastSolution) {
        switch (f.type()) {
            case ReplicaRecords.SLOT_OPEN -> openSlot(SlotOpen.decode(f.payload()), f);
            case ReplicaRecords.SIGNED_PARTIAL -> partial(SignedPartial.decode(f.payload()), f);
            case ReplicaRecords.DEADLINE -> deadline(Deadline.decode(f.payload()));
            default -> {
                RecordType type = RecordType.of(f.type());
                if (type == null) {
                    reject(-1, -1);
                    return null;
                }
                LedgerRecord r = f.ledgerRecord();
                switch (r) {
                    case EvRegistration reg -> record(evs.apply(reg), f, -1, -1);
                    case EvSubmission sub -> record(evs.apply(sub, lastSlot), f, -1, -1);
                    case EvDeparture d -> record(evs.apply(d, lastSlot), f, -1, -1);
                    case EvUnplug u -> record(evs.apply(u), f, -1, -1);
                    case SlotMarket m -> {
                        if (m.slot() <= lastSlot) {
                            reject(m.slot(), -1); // a market for a slot already opened: a retried entry
                        } else {
                            market = m;
                            chain.add(f);
                        }
                    }
                    case SlotSolution s -> {
                        return s; // the preimage of the vote that follows it
                    }
                    case ScpVote v -> vote(v, lastSolution, f);
                    default -> reject(-1, -1); // partial results, settlements: apply derives its own
                }
            }
        }
        tryFinish();
        return null;
    }

    /** Writes a part's outcome: the frame if recorded, then its events; a rejection names {@code slot} and {@code scp}. */
    private void record(Outcome outcome, Frame f, long slot, int scp) {
        switch (outcome.verdict()) {
            case RECORD -> chain.add(f);
            case REJECT -> reject(slot, scp);
            case IGNORE -> { }
        }
        outcome.events().forEach(this::event);
    }

    private void openSlot(SlotOpen o, Frame f) {
        if (o.slot() <= lastSlot || market == null || market.slot() != o.slot()) {
            reject(o.slot(), -1);
            return;
        }
        // Everything that can refuse the slot is built before any state changes.
        Market kernelMarket = MarketRecords.market(market);
        Fleet fleet = evs.pluggedIn(config.batteryA(), o.slot(), kernelMarket.e0());
        if (open != null) {
            close(EventKind.NO_QUORUM); // a new slot ends one that never reached its quorum
        }
        lastSlot = o.slot();
        market = null;
        chain.add(f);
        if (fleet == null) {
            event(new Event(o.slot(), -1, EventKind.EMPTY_SLOT, -1, -1, -1));
            chain.seal(o.timeMicros());
            return;
        }
        open = OpenSlot.open(o.slot(), o.timeMicros(), kernelMarket, fleet, config);
    }

    /** A partial result or vote for a slot already closed: it came after the quorum, and changes nothing. */
    private boolean late(long slot) {
        return slot <= lastSlot && (open == null || slot < open.slot);
    }

    private void partial(SignedPartial sp, Frame f) {
        long slot = sp.partial().slot();
        int scp = sp.partial().workerId();
        if (late(slot)) {
            return;
        }
        if (open == null || slot != open.slot) {
            reject(slot, scp);
            return;
        }
        record(open.shares.apply(sp, open.canonical, config), f, slot, scp);
    }

    private void vote(ScpVote v, SlotSolution solution, Frame f) {
        if (late(v.slot())) {
            return;
        }
        if (open == null || v.slot() != open.slot) {
            reject(v.slot(), v.scpId());
            return;
        }
        record(open.ballots.apply(v, solution, open.canonical, config), f, v.slot(), v.scpId());
    }

    private void deadline(Deadline d) {
        if (open == null || d.slot() != open.slot) {
            return; // the slot finished before its deadline entry was applied
        }
        int passed = open.ballots.passDeadline();
        chain.add(new Deadline(d.slot()));
        if (passed > 1 && open.ballots.winner(config.quorum()).isEmpty()) {
            close(EventKind.NO_QUORUM);
            return;
        }
        // SCPs that delivered, by id: they take the silent SCPs' shares in turn.
        open.shares.reassignSilent(open.slot).forEach(this::event);
    }

    private void tryFinish() {
        if (open == null) {
            return;
        }
        Optional<SlotSolution> winner = open.ballots.winner(config.quorum());
        if (winner.isEmpty()) {
            if (open.ballots.size() == config.members().size()) {
                close(EventKind.NO_QUORUM);
            }
            return;
        }
        if (!open.shares.complete()) {
            return; // the grid work is not complete yet
        }
        // Everything that could refuse a value is computed first: the frames below then cannot fail.
        SlotSettlement.Closing closing = SlotSettlement.apply(open, winner.get(), config.quorum());
        closing.events().forEach(this::event);
        chain.add(Frame.of(closing.solution()));
        chain.add(closing.finality());
        for (Settlement st : closing.settlements()) {
            evs.settle(st);
            chain.add(Frame.of(st));
        }
        finals.put(open.slot, closing.solution());
        chain.seal(open.timeMicros);
        open = null;
    }

    private void close(EventKind why) {
        event(new Event(open.slot, -1, why, -1, -1, -1));
        chain.seal(open.timeMicros);
        open = null;
    }

    private void reject(long slot, int scp) {
        event(new Event(Math.max(slot, -1), scp, EventKind.REJECTED, -1, -1, -1));
    }

    private void event(Event e) {
        events.add(e);
        chain.add(e);
    }

    /**
     * The solution an SCP votes for: the canonical form of a solver's result as a ledger record.
     *
     * @param slot   the slot solved
     * @param fleet  the slot's fleet, in apply's order
     * @param market the slot's market
     * @param found  what the SCP's solver found
     * @return the {@link CanonicalSolution} record of {@code found}
     */
    public static SlotSolution solution(long slot, Fleet fleet, Market market, SlotResult found) {
        return CanonicalSolution.record(slot, CanonicalSolution.of(fleet, market, found));
    }

    // ---- snapshot state (SlotMachineSnapshot writes and reads it) ----

    /** The complete state apply reads, as immutable values. */
    synchronized SlotMachineState exportState() {
        return new SlotMachineState(applied, lastSlot, market, evs.export(), events, List.copyOf(finals.values()),
                open == null ? null : open.export(), chain.blocks(), chain.pending());
    }

    /**
     * Replaces this machine's state by {@code s} (a snapshot's): afterwards it applies entries exactly as
     * the machine the state was exported from. Nothing changes if the chain in {@code s} does not hold.
     *
     * @throws IllegalArgumentException naming what does not hold
     */
    synchronized void importState(SlotMachineState s) {
        OpenSlot restoredOpen = s.open() == null ? null : OpenSlot.restore(s.open());
        chain.restore(s.blocks(), s.pending()); // checks the chain first: the only step that can refuse
        evs.restore(s.evs());
        events.clear();
        events.addAll(s.events());
        finals.clear();
        s.finals().forEach(f -> finals.put(f.slot(), f));
        market = s.market();
        open = restoredOpen;
        lastSlot = s.lastSlot();
        applied = s.applied();
    }

    // ---- readers ----

    /** One consistent read of the state (under the machine's lock). */
    synchronized ReplicaStatus status() {
        return new ReplicaStatus(height(), records(), lastSlot(), hasOpenSlot(), finals(), events(), headHash());
    }

    /**
     * The open slot as an SCP sees it (a copy), if any.
     *
     * @return the open slot as an SCP sees it (a copy), if any
     */
    public synchronized Optional<SlotWork> work() {
        return open == null ? Optional.empty() : Optional.of(open.work());
    }

    /**
     * The last slot opened, -1 before the first.
     *
     * @return the last slot opened, -1 before the first
     */
    public synchronized long lastSlot() {
        return lastSlot;
    }

    /**
     * Whether a slot is being solved.
     *
     * @return whether a slot is being solved
     */
    public synchronized boolean hasOpenSlot() {
        return open != null;
    }

    /**
     * Whether an EV is plugged in.
     *
     * @param evId an EV id
     * @return whether this EV is plugged in
     */
    public synchronized boolean isPlugged(String evId) {
        return evs.isPlugged(evId);
    }

    /**
     * Whether an EV is registered.
     *
     * @param evId an EV id
     * @return whether this EV is registered
     */
    public synchronized boolean isRegistered(String evId) {
        return evs.isRegistered(evId);
    }

    /**
     * The market the chain recorded for a slot, looked for from the newest block back.
     *
     * @param slot a slot
     * @return its {@code SlotMarket}, if the chain holds one
     */
    public synchronized Optional<SlotMarket> recordedMarket(long slot) {
        Optional<SlotMarket> found = marketIn(chain.pending(), slot);
        for (int h = chain.height() - 1; found.isEmpty() && h >= 0; h--) {
            found = marketIn(chain.frames(h), slot);
        }
        return found;
    }

    private static Optional<SlotMarket> marketIn(List<Frame> frames, long slot) {
        for (Frame f : frames) {
            if (f.type() == RecordType.SLOT_MARKET.id() && f.ledgerRecord() instanceof SlotMarket m && m.slot() == slot) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * Every registered EV as a snapshot holds it (id, capacity, key, …), by increasing id.
     *
     * @return the registered EVs
     */
    public synchronized List<SlotMachineState.EvState> registeredEvs() {
        return evs.export();
    }

    /**
     * The final solution of each slot that reached its quorum, by slot.
     *
     * @return the final solution of each slot that reached its quorum, by slot
     */
    public synchronized Map<Long, SlotSolution> finals() {
        return Map.copyOf(finals);
    }

    /**
     * Every event recorded so far, in log order.
     *
     * @return every event recorded so far, in log order
     */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /**
     * Log entries applied.
     *
     * @return log entries applied
     */
    public synchronized long applied() {
        return applied;
    }

    /**
     * The sealed blocks' headers, oldest first.
     *
     * @return the sealed blocks' headers, oldest first
     */
    public synchronized List<BlockHeader> headers() {
        return chain.headers();
    }

    /**
     * The number of sealed blocks.
     *
     * @return the number of sealed blocks
     */
    public synchronized int height() {
        return chain.height();
    }

    /**
     * The records in sealed blocks.
     *
     * @return the records in sealed blocks
     */
    public synchronized long records() {
        return chain.records();
    }

    /**
     * The chain head: the last header's hash.
     *
     * @return the chain head: the last header's hash
     */
    public synchronized byte[] headHash() {
        return chain.headHash();
    }

    /**
     * Visits every record of the sealed blocks, in chain order.
     *
     * @param visitor called once per record
     */
    public synchronized void forEachRecord(RecordVisitor visitor) {
        chain.forEachRecord(visitor);
    }

    /**
     * A settlement's proof.
     *
     * @param evId an EV id
     * @param slot a slot
     * @return the proof of that EV's settlement in that slot against its block's header, if it settled
     */
    public synchronized Optional<SettlementProof> proof(String evId, long slot) {
        return chain.proof(evId, slot);
    }

    /**
     * One sealed block's frames.
     *
     * @param height a block height, 0 for the first
     * @return the frames of block {@code height}
     */
    public synchronized List<Frame> block(int height) {
        return chain.frames(height);
    }
}
