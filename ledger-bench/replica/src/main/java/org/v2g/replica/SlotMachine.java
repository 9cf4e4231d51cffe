package org.v2g.replica;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.v2g.kernel.internal.CanonicalRevenue;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.Market;
import org.v2g.kernel.SlotResult;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.EvUnplug;
import org.v2g.ledger.LedgerRecord;
import org.v2g.ledger.PartialResult;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.RecordVisitor;
import org.v2g.ledger.ScpVote;
import org.v2g.ledger.Settlement;
import org.v2g.node.internal.MarketRecords;
import org.v2g.node.internal.QuorumTally;
import org.v2g.node.internal.SettlementRule;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.SlotMarket;
import org.v2g.ledger.SlotSolution;
import org.v2g.node.internal.CanonicalSolution;
import org.v2g.partition.ChunkPolicy;
import org.v2g.replica.ReplicaRecords.Deadline;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaRecords.EventKind;
import org.v2g.replica.ReplicaRecords.Finality;
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
 * <p>Rules, per frame (see docs/REPLICATION.md):
 * <ul>
 *   <li>EV registration: kept if new (a second one with another key is rejected); EV submission:
 *       checked against the registered key and the EV's last nonce, then the EV is plugged in with
 *       its energy and preferences; EV unplug: the EV leaves.</li>
 *   <li>Slot market then slot open: the open slot's fleet is the plugged-in EVs, its grid is split
 *       into shares by SCP capacity ({@link ChunkPolicy#bounds}).</li>
 *   <li>Signed partial: accepted if signed by the share's owner, if its revenue is the canonical value
 *       at its index, bit for bit, and if neither end of its share beats that by more than SPEC
 *       section 3's tolerance; a wrong one is recorded and its share moves to the next SCP.</li>
 *   <li>Slot solution followed by its SCP vote: one vote per SCP and slot, signature and hash checked,
 *       and the solution must be the canonical record at its own index (a wrong revenue or count is
 *       rejected; a wrong index is out-voted).</li>
 *   <li>Deadline: shares of SCPs still silent move to SCPs that answered; a second deadline without a
 *       quorum closes the slot unsettled.</li>
 *   <li>When a solution has {@code quorum} votes and every share has its partial result, the slot is
 *       final: the grid work's combined answer is compared with it (out-voted partials and votes are
 *       recorded), the solution, a finality record and every EV's settlement are added and the slot's
 *       block is sealed with the slot's declared time.</li>
 * </ul>
 *
 * <p>Thread-safety: every method synchronizes on the machine (apply on Raft's thread, readers elsewhere).
 */
public final class SlotMachine {
    private final ClusterConfig config;
    private final Chain chain = new Chain();
    private final TreeMap<String, Ev> evs = new TreeMap<>();
    private final List<Event> events = new ArrayList<>();
    private final Map<Long, SlotSolution> finals = new TreeMap<>();
    private SlotMarket market;
    private Open open;
    private long lastSlot = -1;
    private long applied;

    /** One EV as apply knows it. */
    private static final class Ev {
        final byte[] publicKey;
        final double capacity;
        long nonce;
        boolean plugged;
        double energy;
        double beta;
        double uIdle;

        Ev(byte[] publicKey, double capacity) {
            this.publicKey = publicKey;
            this.capacity = capacity;
        }
    }

    /** A grid share: range, current owner and accepted result. */
    private static final class Share {
        final int k0;
        final int k1;
        int owner;
        PartialResult result;

        Share(int k0, int k1, int owner) {
            this.k0 = k0;
            this.k1 = k1;
            this.owner = owner;
        }
    }

    /** The slot being solved. */
    private static final class Open {
        final long slot;
        final long timeMicros;
        final Market market;
        final Fleet fleet;
        final List<String> evIds;
        final CanonicalRevenue canonical;
        final List<Share> shares = new ArrayList<>();
        final Map<Integer, SlotSolution> ballots = new LinkedHashMap<>();
        final TreeSet<Integer> faulty = new TreeSet<>();
        int deadlines;

        Open(long slot, long timeMicros, Market market, Fleet fleet, List<String> evIds) {
            this.slot = slot;
            this.timeMicros = timeMicros;
            this.market = market;
            this.fleet = fleet;
            this.evIds = evIds;
            this.canonical = CanonicalRevenue.of(fleet, market);
        }
    }

    public SlotMachine(ClusterConfig config) {
        this.config = config;
    }

    public ClusterConfig config() {
        return config;
    }

    /**
     * Applies one log entry's bytes. An entry that is not a batch is recorded as rejected and changes
     * nothing else: apply never throws on log content, since every replica must reach the same state.
     *
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
                    case EvRegistration reg -> register(reg, f);
                    case EvSubmission sub -> submit(sub, f);
                    case EvUnplug u -> unplug(u, f);
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

    private void register(EvRegistration reg, Frame f) {
        Ev known = evs.get(reg.evId());
        if (known != null) {
            if (!Arrays.equals(known.publicKey, reg.publicKey())) {
                reject(-1, -1);
            }
            return; // a repeated registration is a no-op
        }
        evs.put(reg.evId(), new Ev(reg.publicKey(), reg.capacityKwh()));
        chain.add(f);
    }

    private void submit(EvSubmission sub, Frame f) {
        Ev ev = evs.get(sub.evId());
        if (ev == null || sub.nonce() <= ev.nonce || sub.slot() <= lastSlot
                || !sub.verify(Ed25519.publicKey(ev.publicKey))) {
            reject(-1, -1);
            return;
        }
        ev.nonce = sub.nonce();
        ev.plugged = true;
        ev.energy = Math.min(ev.capacity, sub.plugInEnergyKwh());
        ev.beta = sub.beta();
        ev.uIdle = sub.uIdle();
        chain.add(f);
    }

    private void unplug(EvUnplug u, Frame f) {
        Ev ev = evs.get(u.evId());
        if (ev == null || !ev.plugged) {
            reject(-1, -1);
            return;
        }
        ev.plugged = false;
        chain.add(f);
    }

    private void openSlot(SlotOpen o, Frame f) {
        if (o.slot() <= lastSlot || market == null || market.slot() != o.slot()) {
            reject(o.slot(), -1);
            return;
        }
        // Everything that can refuse the slot is built before any state changes.
        Fleet.Builder b = Fleet.builder();
        List<String> ids = new ArrayList<>();
        for (var e : evs.entrySet()) {
            Ev ev = e.getValue();
            if (ev.plugged) {
                b.add(e.getKey(), ev.capacity, ev.energy, ev.beta, config.batteryA(), ev.uIdle);
                ids.add(e.getKey());
            }
        }
        SlotMarket m = market;
        Market kernelMarket = MarketRecords.market(m);
        Fleet fleet = ids.isEmpty() ? null : b.build();
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
        open = new Open(o.slot(), o.timeMicros(), kernelMarket, fleet, List.copyOf(ids));
        int[] bounds = ChunkPolicy.bounds(open.canonical.grid().size(), config.capacities());
        List<Member> members = config.members();
        for (int i = 0; i < members.size(); i++) {
            if (bounds[i + 1] > bounds[i]) {
                open.shares.add(new Share(bounds[i], bounds[i + 1], members.get(i).id()));
            }
        }
    }

    /** A partial result or vote for a slot already closed: it came after the quorum, and changes nothing. */
    private boolean late(long slot) {
        return slot <= lastSlot && (open == null || slot < open.slot);
    }

    private void partial(SignedPartial sp, Frame f) {
        PartialResult p = sp.partial();
        int scp = p.workerId();
        if (late(p.slot())) {
            return;
        }
        if (open == null || p.slot() != open.slot || !config.isMember(scp) || !sp.verify(config.key(scp))) {
            reject(p.slot(), scp);
            return;
        }
        Share share = null;
        for (Share s : open.shares) {
            if (s.k0 == p.k0() && s.k1 == p.k1() && s.owner == scp) {
                share = s;
            }
        }
        if (share == null) {
            reject(p.slot(), scp);
            return;
        }
        if (share.result != null) {
            return; // a retried submission of a share already done: idempotent
        }
        if (!partialHolds(p, share)) {
            open.faulty.add(scp);
            int next = nextHelper(scp);
            event(new Event(open.slot, scp, EventKind.WRONG_PARTIAL, share.k0, share.k1, next));
            if (next >= 0) {
                share.owner = next;
            }
            return;
        }
        share.result = p;
        chain.add(f);
    }

    /**
     * The spot check: the claimed index lies in the share, the claimed revenue is the canonical value
     * there, bit for bit, and neither end of the share is canonically better by more than SPEC section
     * 3's tolerance. An SCP's kernel rounding never fails it (the SCP reports the canonical value); a
     * wrong revenue, an index outside the share, or a best index beaten at a checked point does.
     */
    private boolean partialHolds(PartialResult p, Share share) {
        if (p.bestK() < share.k0 || p.bestK() >= share.k1) {
            return false;
        }
        double actual = open.canonical.revenue(p.bestK());
        if (Double.doubleToLongBits(actual) != Double.doubleToLongBits(p.revenue())) {
            return false;
        }
        double tolerance = CanonicalRevenue.tolerance(actual);
        for (int k : new int[] {share.k0, share.k1 - 1}) {
            if (open.canonical.revenue(k) - actual > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** The first member after {@code scp} (by id, wrapping) not caught lying in this slot; -1 if none. */
    private int nextHelper(int scp) {
        List<Integer> ids = config.ids();
        int at = ids.indexOf(scp);
        for (int step = 1; step < ids.size(); step++) {
            int candidate = ids.get((at + step) % ids.size());
            if (!open.faulty.contains(candidate)) {
                return candidate;
            }
        }
        return -1;
    }

    private void vote(ScpVote v, SlotSolution solution, Frame f) {
        int scp = v.scpId();
        if (late(v.slot())) {
            return;
        }
        if (open == null || v.slot() != open.slot || solution == null || solution.slot() != v.slot()
                || !Arrays.equals(solution.hash(), v.solutionHash()) || !config.isMember(scp)
                || !v.verify(config.key(scp)) || !isCanonical(solution)) {
            reject(v.slot(), scp);
            return;
        }
        SlotSolution earlier = open.ballots.get(scp);
        if (earlier != null) {
            if (!earlier.equals(solution)) {
                reject(v.slot(), scp); // a second, different vote: the first one stands
            }
            return;
        }
        open.ballots.put(scp, solution);
        chain.add(f);
    }

    /** The solution is the canonical record at its own grid index: price, revenue and counts bit for bit. */
    private boolean isCanonical(SlotSolution s) {
        if (s.k() < 0 || s.k() >= open.canonical.grid().size()) {
            return false;
        }
        return CanonicalSolution.record(s.slot(), open.canonical.at(s.k(), "vote", false)).equals(s);
    }

    private void deadline(Deadline d) {
        if (open == null || d.slot() != open.slot) {
            return; // the slot finished before its deadline entry was applied
        }
        open.deadlines++;
        if (open.deadlines > 1 && winner().isEmpty()) {
            chain.add(new Deadline(d.slot()));
            close(EventKind.NO_QUORUM);
            return;
        }
        chain.add(new Deadline(d.slot()));
        // SCPs that delivered, by id: they take the silent SCPs' shares in turn.
        TreeSet<Integer> answered = new TreeSet<>();
        for (Share s : open.shares) {
            if (s.result != null && !open.faulty.contains(s.result.workerId())) {
                answered.add(s.result.workerId());
            }
        }
        if (answered.isEmpty()) {
            return;
        }
        List<Integer> helpers = List.copyOf(answered);
        int turn = 0;
        for (Share s : open.shares) {
            if (s.result == null && !answered.contains(s.owner)) {
                int next = helpers.get(turn++ % helpers.size());
                event(new Event(open.slot, s.owner, EventKind.SILENT_REASSIGNED, s.k0, s.k1, next));
                s.owner = next;
            }
        }
    }

    /** The solution with a quorum of votes, the first to reach it in log order. */
    private Optional<SlotSolution> winner() {
        QuorumTally<SlotSolution> tally = new QuorumTally<>();
        open.ballots.values().forEach(s -> tally.add(s.hash(), s));
        return tally.winner(config.quorum()).map(votes -> votes.get(0));
    }

    private void tryFinish() {
        if (open == null) {
            return;
        }
        Optional<SlotSolution> winner = winner();
        if (winner.isEmpty()) {
            if (open.ballots.size() == config.members().size()) {
                close(EventKind.NO_QUORUM);
            }
            return;
        }
        for (Share s : open.shares) {
            if (s.result == null) {
                return; // the grid work is not complete yet
            }
        }
        finish(winner.get());
    }

    private void finish(SlotSolution won) {
        // Everything that could refuse a value is computed first: the frames below then cannot fail.
        byte[] wonHash = won.hash();
        GridPoint combined = GridPoint.NONE;
        for (Share s : open.shares) {
            combined = GridPoint.better(combined, new GridPoint(s.result.bestK(), s.result.revenue()));
        }
        SlotSolution proposal = CanonicalSolution.record(open.slot, open.canonical.at(combined.k(), "partials", false));
        List<Settlement> settlements = settlements(won);
        if (!Arrays.equals(proposal.hash(), wonHash)) {
            event(new Event(open.slot, -1, EventKind.PROPOSAL_OUTVOTED, combined.k(), won.k(), -1));
            GridPoint truth = new GridPoint(won.k(), won.revenue());
            for (Share s : open.shares) {
                GridPoint claimed = new GridPoint(s.result.bestK(), s.result.revenue());
                boolean holdsOptimum = s.k0 <= won.k() && won.k() < s.k1;
                if ((holdsOptimum && !claimed.equals(truth)) || claimed.beats(truth)) {
                    event(new Event(open.slot, s.result.workerId(), EventKind.PARTIAL_OUTVOTED, s.k0, s.k1, -1));
                }
            }
        }
        int votes = 0;
        for (var b : open.ballots.entrySet()) {
            if (Arrays.equals(b.getValue().hash(), wonHash)) {
                votes++;
            } else {
                event(new Event(open.slot, b.getKey(), EventKind.VOTE_OUTVOTED, -1, -1, -1));
            }
        }
        chain.add(Frame.of(won));
        chain.add(new Finality(open.slot, votes, config.quorum(), wonHash));
        for (Settlement st : settlements) {
            Ev ev = evs.get(st.evId());
            ev.energy = SettlementRule.nextEnergy(ev.energy, st, ev.capacity);
            chain.add(Frame.of(st));
        }
        finals.put(open.slot, won);
        chain.seal(open.timeMicros);
        open = null;
    }

    /** SPEC section 4 with the one-machine node's rule ({@link SettlementRule}): each EV's settlement. */
    private List<Settlement> settlements(SlotSolution won) {
        Market m = open.market;
        double[] x = open.canonical.at(won.k(), "final", true).dispatch().orElseThrow().amounts();
        List<Settlement> out = new ArrayList<>(x.length);
        for (int j = 0; j < x.length; j++) {
            out.add(SettlementRule.settle(open.evIds.get(j), open.slot, x[j], m, won.price()));
        }
        return out;
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

    /** The solution an SCP votes for: the canonical form of a solver's result as a ledger record. */
    public static SlotSolution solution(long slot, Fleet fleet, Market market, SlotResult found) {
        return CanonicalSolution.record(slot, CanonicalSolution.of(fleet, market, found));
    }

    // ---- snapshot state (SlotMachineSnapshot writes and reads it) ----

    /** The complete state apply reads, as immutable values. */
    synchronized SlotMachineState exportState() {
        List<SlotMachineState.EvState> evStates = new ArrayList<>(evs.size());
        evs.forEach((id, ev) -> evStates.add(new SlotMachineState.EvState(id, ev.publicKey, ev.capacity, ev.nonce,
                ev.plugged, ev.energy, ev.beta, ev.uIdle)));
        SlotMachineState.OpenState openState = null;
        if (open != null) {
            List<SlotMachineState.ShareState> shares = open.shares.stream()
                    .map(s -> new SlotMachineState.ShareState(s.k0, s.k1, s.owner, s.result)).toList();
            List<SlotMachineState.Ballot> ballots = new ArrayList<>();
            open.ballots.forEach((scp, solution) -> ballots.add(new SlotMachineState.Ballot(scp, solution)));
            openState = new SlotMachineState.OpenState(open.slot, open.timeMicros, open.market, open.fleet, shares,
                    ballots, List.copyOf(open.faulty), open.deadlines);
        }
        return new SlotMachineState(applied, lastSlot, market, evStates, events, List.copyOf(finals.values()),
                openState, chain.blocks(), chain.pending());
    }

    /**
     * Replaces this machine's state by {@code s} (a snapshot's): afterwards it applies entries exactly as
     * the machine the state was exported from. Nothing changes if the chain in {@code s} does not hold.
     *
     * @throws IllegalArgumentException naming what does not hold
     */
    synchronized void importState(SlotMachineState s) {
        Open restoredOpen = null;
        if (s.open() != null) {
            SlotMachineState.OpenState o = s.open();
            List<String> ids = new ArrayList<>(o.fleet().size());
            for (int i = 0; i < o.fleet().size(); i++) {
                ids.add(o.fleet().id(i));
            }
            restoredOpen = new Open(o.slot(), o.timeMicros(), o.market(), o.fleet(), List.copyOf(ids));
            for (SlotMachineState.ShareState sh : o.shares()) {
                Share share = new Share(sh.k0(), sh.k1(), sh.owner());
                share.result = sh.result();
                restoredOpen.shares.add(share);
            }
            for (SlotMachineState.Ballot b : o.ballots()) {
                restoredOpen.ballots.put(b.scp(), b.solution());
            }
            restoredOpen.faulty.addAll(o.faulty());
            restoredOpen.deadlines = o.deadlines();
        }
        chain.restore(s.blocks(), s.pending()); // checks the chain first: the only step that can refuse
        evs.clear();
        for (SlotMachineState.EvState e : s.evs()) {
            Ev ev = new Ev(e.publicKey(), e.capacity());
            ev.nonce = e.nonce();
            ev.plugged = e.plugged();
            ev.energy = e.energy();
            ev.beta = e.beta();
            ev.uIdle = e.uIdle();
            evs.put(e.id(), ev);
        }
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

    /** The open slot, if any. */
    public synchronized Optional<SlotWork> work() {
        if (open == null) {
            return Optional.empty();
        }
        List<SlotWork.Share> shares = open.shares.stream()
                .map(s -> new SlotWork.Share(s.k0, s.k1, s.owner, s.result != null)).toList();
        return Optional.of(new SlotWork(open.slot, open.fleet, open.market, shares, open.ballots.keySet()));
    }

    /** The last slot opened, -1 before the first. */
    public synchronized long lastSlot() {
        return lastSlot;
    }

    /** Whether a slot is being solved. */
    public synchronized boolean hasOpenSlot() {
        return open != null;
    }

    /** Whether this EV is plugged in. */
    public synchronized boolean isPlugged(String evId) {
        Ev ev = evs.get(evId);
        return ev != null && ev.plugged;
    }

    /** Whether this EV is registered. */
    public synchronized boolean isRegistered(String evId) {
        return evs.containsKey(evId);
    }

    /** The final solution of each slot that reached its quorum. */
    public synchronized Map<Long, SlotSolution> finals() {
        return Map.copyOf(finals);
    }

    /** Every event recorded so far, in log order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Log entries applied. */
    public synchronized long applied() {
        return applied;
    }

    public synchronized List<BlockHeader> headers() {
        return chain.headers();
    }

    public synchronized int height() {
        return chain.height();
    }

    public synchronized long records() {
        return chain.records();
    }

    /** The chain head: the last header's hash. */
    public synchronized byte[] headHash() {
        return chain.headHash();
    }

    public synchronized void forEachRecord(RecordVisitor visitor) {
        chain.forEachRecord(visitor);
    }

    public synchronized Optional<SettlementProof> proof(String evId, long slot) {
        return chain.proof(evId, slot);
    }

    /** The frames of block {@code height}. */
    public synchronized List<Frame> block(int height) {
        return chain.frames(height);
    }
}
