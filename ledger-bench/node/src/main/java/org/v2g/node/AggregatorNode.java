package org.v2g.node;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.v2g.kernel.DepartureFloors;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.Market;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.SlotSolver;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.EvPlugIn;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.EvUnplug;
import org.v2g.ledger.LedgerProducer;
import org.v2g.ledger.LedgerRecord;
import org.v2g.ledger.PartialResult;
import org.v2g.partition.PartitionedResult;
import org.v2g.partition.PartitionedSolver;
import org.v2g.partition.WorkerReport;
import org.v2g.ledger.ScpVote;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.SlotClose;
import org.v2g.ledger.SlotLedger;
import org.v2g.ledger.SlotMarket;
import org.v2g.ledger.SlotSolution;
import org.v2g.ledger.internal.SubmissionGate;
import org.v2g.node.internal.CanonicalSolution;
import org.v2g.node.internal.EvSession;
import org.v2g.node.internal.MarketRecords;
import org.v2g.node.internal.QuorumTally;
import org.v2g.node.internal.SettlementRule;

/**
 * An aggregator node: the smart-contract cycle of the paper's section III.C for node software.
 *
 * <ol>
 *   <li>{@link #plugIn}: an EV registers (once) and sends signed preferences; the node checks the
 *       signature, the nonce and the slot before anything is recorded;</li>
 *   <li>the node keeps each plugged-in EV's follower parameters and energy;</li>
 *   <li>{@link #runSlot} takes the slot's oracle data and records it;</li>
 *   <li>the node's solver (one thread or the SCP worker pool) proposes the slot's solution;</li>
 *   <li>every SCP recomputes the optimum itself and signs a vote for what it found, in the canonical
 *       form of {@link CanonicalSolution} (so SCPs with different kernels agree); a solution is
 *       final only with a quorum of matching votes, and a proposal that loses to a different solution
 *       with the quorum is out-voted; the solution and the votes are recorded, then every EV is
 *       settled (wallet balance, energy) and each settlement recorded;</li>
 *   <li>energies advance (SPEC section 4), and EV light clients sync {@link #headers()} and check
 *       {@link #proof} of their settlements.</li>
 * </ol>
 *
 * <p>Usage:
 * <pre>{@code
 * try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(dir, sealerKeys));
 *      AggregatorNode node = AggregatorNode.builder(Solvers.byName("simd"))
 *              .ledger(ledger).scps(scps).quorum(3).build()) {    // on an existing ledger: continues its chain
 *     EvWallet ev = EvWallet.create("ev042", 60);
 *     node.plugIn(ev.registration(), ev.preferences(node.lastSlot() + 1, 0.16, 0, 31.5));
 *     SlotReport r = node.runSlot(node.lastSlot() + 1, Market.builder(1.12).eLimit(10).build());
 *     SettlementProof proof = node.proof("ev042", r.slot()).orElseThrow();
 *     Settlement paid = ev.check(proof, r.slot(), node.headers(), ledger.sealerKey()); // throws if not proven
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one thread drives a node (the solver may use many).
 */
public final class AggregatorNode implements AutoCloseable {
    private final SlotSolver proposer;
    private final Optional<SlotLedger> ledger;
    private final LedgerProducer producer;
    private final SubmissionGate gate;
    private final List<Scp> scps;
    private final int quorum;
    private final double defaultA;
    private final Map<String, EvSession> evs;
    private long lastSlot;
    /** A slot whose records were partly appended and never closed (the ledger failed), or -1. */
    private long unclosedAttempt;
    private boolean closed;

    /**
     * The node open on each ledger, and the producer a closed node left for the next: one ledger holds one
     * node's chain (a second live node would write the same slots again), and nodes that come and go on
     * one ledger reuse one producer instead of exhausting the ledger's.
     */
    private static final Map<SlotLedger, LedgerSeat> SEATS = new WeakHashMap<>();

    private static final class LedgerSeat {
        boolean taken;
        LedgerProducer spare;
    }

    /** What one SCP found and signed, or how it failed. */
    private record Ballot(SlotResult result, ScpVote vote, RuntimeException failure) {
    }

    private AggregatorNode(Builder b) {
        this.proposer = b.proposer;
        this.ledger = Optional.ofNullable(b.ledger);
        this.scps = List.copyOf(b.scps);
        this.quorum = b.quorum > 0 ? b.quorum : QuorumTally.defaultQuorum(scps.size());
        this.defaultA = b.defaultA;
        if (quorum > scps.size()) {
            throw new InvalidInputException("quorum", "node", quorum, "cannot exceed the " + scps.size() + " SCPs");
        }
        if (b.ledger == null) {
            this.evs = new LinkedHashMap<>();
            this.lastSlot = -1;
            this.unclosedAttempt = -1;
            this.gate = new SubmissionGate(0);
            this.producer = new NoLedger();
        } else {
            this.producer = takeSeat(b.ledger);
            try {
                // A node on an existing ledger continues its chain: the state the ledger holds, nothing else.
                this.gate = new SubmissionGate(0);
                NodeRecovery recovered = NodeRecovery.replay(b.ledger, gate, ended -> { }); // one pass
                this.evs = recovered.evs;
                this.lastSlot = recovered.lastSlot;
                this.unclosedAttempt = recovered.openAttempt;
                gate.openSlot(lastSlot + 1);
                closeUnfinishedAttempt();
            } catch (RuntimeException e) {
                leaveSeat(b.ledger, producer);
                throw e;
            }
        }
    }

    private static LedgerProducer takeSeat(SlotLedger ledger) {
        synchronized (SEATS) {
            LedgerSeat seat = SEATS.computeIfAbsent(ledger, l -> new LedgerSeat());
            if (seat.taken) {
                throw new IllegalStateException("a node is already open on this ledger: close it first (one ledger"
                        + " holds one node's chain)");
            }
            LedgerProducer p = seat.spare != null ? seat.spare : ledger.newProducer();
            seat.spare = null;
            seat.taken = true;
            return p;
        }
    }

    private static void leaveSeat(SlotLedger ledger, LedgerProducer producer) {
        synchronized (SEATS) {
            LedgerSeat seat = SEATS.get(ledger);
            if (seat != null) {
                seat.taken = false;
                seat.spare = producer;
            }
        }
    }

    /**
     * A node whose slots are proposed by {@code proposer}. With a {@linkplain Builder#ledger ledger} that
     * already holds records, the node recovers from it (EVs, keys, nonces, energies, balances, the last
     * slot) and continues its chain; an attempt at a slot left unfinished by a stopped node is closed as
     * aborted, and that slot may be run again.
     *
     * @param proposer the solver whose answer the node proposes each slot
     * @return a builder; name the SCPs ({@link Builder#scps}) before {@link Builder#build}
     * @throws InvalidInputException if {@code proposer} is null
     */
    public static Builder builder(SlotSolver proposer) {
        if (proposer == null) {
            throw new InvalidInputException("proposer", "node", null, "must be a solver");
        }
        return new Builder(proposer);
    }

    /**
     * An EV plugs in: registers on first contact, then sends signed preferences (β, U_idle, energy).
     * Everything is checked before anything is recorded or changed: a rejected plug-in records nothing.
     *
     * @param registration the EV's id, raw Ed25519 public key and capacity (recorded on first contact)
     * @param preferences  the EV's signed β, U_idle and stored energy for the next slot
     * @param a            the battery's degradation coefficient, set by the aggregator per battery model
     * @throws InvalidInputException if a value is out of range (SPEC section 6), or the registration
     *                               names another key or capacity than the EV registered with
     * @throws org.v2g.ledger.SubmissionRejectedException on a bad signature, a reused nonce or a past slot
     */
    public void plugIn(EvRegistration registration, EvSubmission preferences, double a) {
        plugIn(registration, preferences, null, a);
    }

    /**
     * An EV plugs in with a departure target (SPEC section 8): as {@link #plugIn(EvRegistration,
     * EvSubmission, double)}, and in every slot up to its last the EV gets the floor
     * {@link DepartureFloors#floor}{@code (T, lastSlot − slot + 1, E0)}, so that full power in its remaining
     * slots still reaches {@code T}. The departure is signed by the EV (see {@link EvWallet#departure}) and
     * recorded after the preferences, so every SCP and a restarted node derive the same floors.
     *
     * @param registration the EV's registration (checked against the registered key on later plug-ins)
     * @param preferences  its signed preferences for the next slot
     * @param departure    the EV's signed target and last slot for these preferences, or null for none
     * @param a            the battery's degradation coefficient, set by the aggregator per battery model
     * @throws InvalidInputException naming {@code target_kwh} outside {@code [0, C_i]} or {@code last_slot}
     *                               before the next slot, with the EV and value
     * @throws org.v2g.ledger.SubmissionRejectedException if the departure is not signed by the EV, is for
     *                               other preferences, or reuses a nonce
     */
    public void plugIn(EvRegistration registration, EvSubmission preferences, EvDeparture departure, double a) {
        checkOpen();
        if (registration == null || preferences == null) {
            throw new InvalidInputException(registration == null ? "registration" : "preferences", "node", null,
                    "must be given");
        }
        String id = registration.evId();
        if (!id.equals(preferences.evId())) {
            throw new InvalidInputException("id", "ev=" + id, preferences.evId(), "of the preferences must match the registration");
        }
        EvSession known = evs.get(id);
        if (known != null && !known.hasKey(registration.publicKey())) {
            throw new InvalidInputException("public_key", "ev=" + id, "(32 bytes)", "differs from the registered key");
        }
        if (known != null && Double.compare(known.capacity(), registration.capacityKwh()) != 0) {
            throw new InvalidInputException("capacity_kwh", "ev=" + id, registration.capacityKwh(),
                    "differs from the registered capacity " + known.capacity());
        }
        // Validated as a one-EV fleet: the same rules, names and messages as every other entry point.
        Fleet.Builder one = Fleet.builder();
        if (departure == null) {
            one.add(id, registration.capacityKwh(), preferences.plugInEnergyKwh(), preferences.beta(), a,
                    preferences.uIdle());
        } else {
            // A target needs a departure; the node's is the signed last slot, so any schedule checks it.
            one.add(id, registration.capacityKwh(), preferences.plugInEnergyKwh(), preferences.beta(), a,
                    preferences.uIdle(), 0, 24).target(departure.targetKwh());
            if (departure.lastSlot() <= lastSlot) {
                throw new InvalidInputException("last_slot", "ev=" + id, departure.lastSlot(),
                        "must be after the last ended slot " + lastSlot);
            }
        }
        one.build();
        if (known == null) {
            gate.checkFirstContact(registration, preferences);
        }
        if (departure != null) {
            gate.checkDeparture(registration, preferences, departure);
        }
        if (known == null) {
            while (gate.register(producer, registration) == LedgerProducer.RING_FULL) {
                Thread.onSpinWait();
            }
            known = new EvSession(id, registration.capacityKwh(), registration.publicKey());
            evs.put(id, known);
        }
        while (gate.submit(producer, preferences) == LedgerProducer.RING_FULL) {
            Thread.onSpinWait();
        }
        while (departure != null && gate.depart(producer, departure) == LedgerProducer.RING_FULL) {
            Thread.onSpinWait();
        }
        append(new EvPlugIn(id, lastSlot + 1, a));
        known.plugIn(preferences, a, departure);
    }

    /**
     * {@link #plugIn(EvRegistration, EvSubmission, double)} with the node's default {@code a}.
     *
     * @param registration the EV's id, raw Ed25519 public key and capacity
     * @param preferences  the EV's signed β, U_idle and stored energy for the next slot
     */
    public void plugIn(EvRegistration registration, EvSubmission preferences) {
        plugIn(registration, preferences, defaultA);
    }

    /**
     * The EV leaves; it takes part in no further slot until it plugs in again. Recorded.
     *
     * @param evId the EV
     * @throws InvalidInputException naming {@code id} when the node does not know the EV
     */
    public void unplug(String evId) {
        checkOpen();
        EvSession ev = ev(evId);
        if (ev.isPlugged()) {
            append(new EvUnplug(evId, lastSlot + 1));
            ev.unplug();
        }
    }

    /**
     * Runs one slot: solves, collects the SCPs' votes and, with a quorum, settles every plugged-in EV;
     * then records the slot's market, partial results, solutions, votes, settlements and its
     * {@link SlotClose}, and only then changes any EV. Without a quorum nothing is settled and no EV
     * changes. An SCP that fails abstains.
     *
     * <p>Nothing is half-applied: if the solver fails, or too many SCPs fail to reach the quorum, nothing
     * is recorded or changed and the slot may be run again ({@link SlotFailedException}); if the ledger
     * fails while the slot is recorded, no EV changes, and the partly recorded attempt is closed as
     * aborted before the next slot (or at {@link #close()}, or when a node reopens the ledger).
     *
     * @param slot   strictly greater than the last slot that ended
     * @param market the slot's oracle data
     * @return what the node did with the slot: the proposal, the final solution, the votes, the settlements
     * @throws InvalidInputException if {@code slot} or {@code market} is not acceptable
     * @throws SlotFailedException   if the slot could not be solved or voted on; nothing changed
     */
    public SlotReport runSlot(long slot, Market market) {
        checkOpen();
        if (market == null) {
            throw new InvalidInputException("market", "slot=" + slot, null, "must be given");
        }
        if (slot <= lastSlot) {
            throw new InvalidInputException("slot", "node", slot, "must be greater than the last slot " + lastSlot);
        }
        closeUnfinishedAttempt();
        List<EvSession> present = evs.values().stream().filter(EvSession::isPlugged).toList();
        Fleet fleet = withDepartureFloors(fleetOf(present), present, slot, market);

        // Solve and vote first: nothing is recorded or changed until the slot's outcome is known.
        List<PartialResult> partials = new ArrayList<>();
        SlotResult proposal;
        try {
            proposal = propose(slot, fleet, market, partials);
        } catch (RuntimeException e) {
            throw new SlotFailedException(slot, "the proposer (" + proposer.name() + ") failed", e);
        }
        SlotSolution proposed = solution(slot, proposal);
        List<Ballot> ballots = scps.parallelStream().map(scp -> ballot(scp, slot, fleet, market)).toList();
        QuorumTally<Ballot> tally = new QuorumTally<>();
        List<ScpVote> counted = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (int i = 0; i < ballots.size(); i++) {
            Ballot b = ballots.get(i);
            if (b.failure() != null) {
                firstFailure = firstFailure == null ? b.failure() : firstFailure;
                continue; // a failed SCP abstains
            }
            if (!b.vote().verify(scps.get(i).keys().getPublic())) {
                continue; // a vote that does not verify is not counted
            }
            tally.add(b.vote().solutionHash(), b);
            counted.add(b.vote());
        }
        Optional<List<Ballot>> winning = tally.winner(quorum);
        int answered = (int) ballots.stream().filter(b -> b.failure() == null).count();
        if (winning.isEmpty() && answered < quorum) {
            throw new SlotFailedException(slot, (scps.size() - answered) + " of " + scps.size()
                    + " SCPs failed, so no solution can reach the quorum of " + quorum, firstFailure);
        }

        List<String> ids = present.stream().map(EvSession::id).toList();
        SlotMarket marketRecord = MarketRecords.record(slot, market);
        boolean isFinal = winning.isPresent();
        boolean outvoted = isFinal && !Arrays.equals(winning.get().get(0).vote().solutionHash(), proposed.hash());
        SlotResult result = outvoted ? winning.get().get(0).result() : proposal;
        SlotSolution ended = outvoted ? solution(slot, result) : proposed;
        List<Settlement> settlements = isFinal ? settlements(slot, market, present, result) : List.of();
        SlotClose close = isFinal ? SlotClose.settled(ended, present.size())
                : SlotClose.noQuorum(proposed, present.size());

        // Record the attempt, then apply it; a ledger failure in between leaves every EV as it was.
        unclosedAttempt = slot;
        append(marketRecord);
        partials.forEach(this::append);
        append(proposed);
        counted.forEach(this::append);
        if (outvoted) {
            append(ended); // the winning solution's preimage, beside its votes
        }
        settlements.forEach(this::append);
        append(close);
        unclosedAttempt = -1;

        for (int j = 0; j < settlements.size(); j++) {
            present.get(j).settle(settlements.get(j));
        }
        lastSlot = slot;
        gate.openSlot(slot + 1); // from now on, preferences for this slot come too late
        EndedSlot record = new EndedSlot(marketRecord, close, ended, settlements);
        return new SlotReport(slot, ids, proposal, result, counted.size(),
                winning.map(List::size).orElse(0), isFinal, outvoted, settlements, record);
    }

    /** One SCP recomputes the slot and signs a vote for what it found; a failure is its abstention. */
    private Ballot ballot(Scp scp, long slot, Fleet fleet, Market market) {
        try {
            SlotResult own = CanonicalSolution.recompute(scp.recompute(), fleet, market);
            return new Ballot(own, ScpVote.signed(solution(slot, own), scp.id(), scp.keys().getPrivate()), null);
        } catch (RuntimeException e) {
            return new Ballot(null, null, e);
        }
    }

    /** Closes, as aborted, an attempt whose records were partly appended by this node or a stopped one. */
    private void closeUnfinishedAttempt() {
        if (unclosedAttempt >= 0) {
            append(SlotClose.aborted(unclosedAttempt));
            unclosedAttempt = -1;
        }
    }

    /**
     * The proposer's solution, in the canonical form every SCP signs ({@link CanonicalSolution}). A
     * worker pool also reports each SCP worker's partial result, recorded as the span of its accepted
     * sub-ranges with its best index and its kernel's own revenue (a worker that took work from others
     * may have holes in its span; the ranges themselves are in the pool's metrics).
     */
    private SlotResult propose(long slot, Fleet fleet, Market market, List<PartialResult> partials) {
        if (!(proposer instanceof PartitionedSolver pool)) {
            return CanonicalSolution.recompute(proposer, fleet, market);
        }
        PartitionedResult r = pool.solveWithMetrics(fleet, market, true);
        for (WorkerReport w : r.metrics().workers()) {
            if (w.bestK() >= 0) {
                int k0 = w.ranges().get(0).k0();
                int k1 = w.ranges().get(w.ranges().size() - 1).k1();
                partials.add(new PartialResult(slot, w.id(), k0, k1, w.bestK(), w.bestRevenue()));
            }
        }
        return CanonicalSolution.of(fleet, market, r.result());
    }

    /** Every present EV's settlement at the final solution (SPEC section 4), in fleet order. */
    private static List<Settlement> settlements(long slot, Market m, List<EvSession> present, SlotResult result) {
        double[] x = result.dispatch().orElseThrow().amounts();
        List<Settlement> out = new ArrayList<>(present.size());
        for (int j = 0; j < x.length; j++) {
            out.add(SettlementRule.settle(present.get(j).id(), slot, x[j], m, result.price()));
        }
        return out;
    }

    /** The record of a canonical result: what is hashed, voted on and kept. */
    private static SlotSolution solution(long slot, SlotResult canonical) {
        return CanonicalSolution.record(slot, canonical);
    }

    private Fleet fleetOf(List<EvSession> present) {
        Fleet.Builder b = Fleet.builder();
        for (EvSession e : present) {
            e.addTo(b, e.a());
        }
        return b.build();
    }

    /**
     * SPEC section 8: each present EV with a target gets this slot's floor; a slot without targets is the
     * fleet unchanged (bit for bit the day without targets). An EV past its stated last slot counts 1.
     */
    private static Fleet withDepartureFloors(Fleet fleet, List<EvSession> present, long slot, Market market) {
        if (present.stream().noneMatch(EvSession::hasTarget)) {
            return fleet;
        }
        double[] floors = new double[present.size()];
        for (int j = 0; j < floors.length; j++) {
            EvSession e = present.get(j);
            if (e.hasTarget()) {
                floors[j] = e.floorAt(slot, market.e0());
            }
        }
        return fleet.withFloors(floors);
    }

    private void append(LedgerRecord record) {
        producer.append(record);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("node is closed");
        }
    }

    /**
     * The EV's wallet balance.
     *
     * @param evId a known EV
     * @return CNY received minus paid
     * @throws InvalidInputException naming {@code id} when the node does not know the EV
     */
    public double balance(String evId) {
        return ev(evId).balance();
    }

    /**
     * The EV's stored energy.
     *
     * @param evId a known EV
     * @return kWh, after the last settled slot
     * @throws InvalidInputException naming {@code id} when the node does not know the EV
     */
    public double energy(String evId) {
        return ev(evId).energy();
    }

    /**
     * Whether the EV takes part in the next slot.
     *
     * @param evId a known EV
     * @return true while it is plugged in
     * @throws InvalidInputException naming {@code id} when the node does not know the EV
     */
    public boolean isPluggedIn(String evId) {
        return ev(evId).isPlugged();
    }

    /**
     * Whether the node knows the EV (it registered here, in this process or before a restart).
     *
     * @param evId any id
     * @return true when the EV registered
     */
    public boolean isRegistered(String evId) {
        return evs.containsKey(evId);
    }

    /**
     * The last nonce the node accepted from the EV: a restored wallet continues after it.
     *
     * @param evId a known EV
     * @return the nonce, 0 if none
     * @throws InvalidInputException naming {@code id} when the node does not know the EV
     */
    public long lastNonce(String evId) {
        return Math.max(0, gate.lastNonce(ev(evId).id()));
    }

    /** {@return the last slot that ended (final or without a quorum), -1 before the first} */
    public long lastSlot() {
        return lastSlot;
    }

    /** {@return the slots that ended, read back from the ledger (empty without one): what a restarted day resumes from} */
    public List<EndedSlot> endedSlots() {
        List<EndedSlot> out = new ArrayList<>();
        ledger.ifPresent(l -> {
            flush();
            NodeRecovery.replay(l, out::add);
        });
        return out;
    }

    /** {@return the SCP public keys by id, for checking votes} */
    public Map<Integer, PublicKey> scpKeys() {
        Map<Integer, PublicKey> keys = new LinkedHashMap<>();
        scps.forEach(s -> keys.put(s.id(), s.keys().getPublic()));
        return keys;
    }

    /** {@return the matching votes a solution needs to be final} */
    public int quorum() {
        return quorum;
    }

    /** Seals and syncs everything recorded so far (no-op without a ledger). */
    public void flush() {
        ledger.ifPresent(SlotLedger::flush);
    }

    /** {@return the headers of the durable blocks, for light clients; empty without a ledger} */
    public List<BlockHeader> headers() {
        return ledger.map(SlotLedger::headers).orElse(List.of());
    }

    /**
     * The inclusion proof of an EV's settlement in a slot, once durable (flushes first).
     *
     * @param evId the EV
     * @param slot the slot
     * @return the proof; empty without a ledger or when the EV was not settled in that slot
     */
    public Optional<SettlementProof> proof(String evId, long slot) {
        flush();
        return ledger.flatMap(l -> l.proof(evId, slot));
    }

    /**
     * Closes an attempt left unfinished by a ledger failure and flushes. The ledger stays open (its
     * owner closes it) and another node may open on it; this one refuses further calls.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ledger.isPresent()) {
            try {
                closeUnfinishedAttempt();
                flush();
            } finally {
                leaveSeat(ledger.get(), producer);
            }
        }
    }

    private EvSession ev(String evId) {
        EvSession ev = evs.get(evId);
        if (ev == null) {
            throw new InvalidInputException("id", "ev=" + evId, evId, "is not a known EV");
        }
        return ev;
    }

    /** Configures a node. */
    public static final class Builder {
        private final SlotSolver proposer;
        private SlotLedger ledger;
        private List<Scp> scps = List.of();
        private int quorum;
        private double defaultA = Fleet.DEFAULT_A;

        private Builder(SlotSolver proposer) {
            this.proposer = proposer;
        }

        /**
         * Where records go; without one the node runs the same cycle and keeps no records. A ledger that
         * holds a node's records is continued (see {@link AggregatorNode#builder}); one ledger holds one
         * node's chain.
         *
         * @param l the ledger, owned (and closed) by the caller
         * @return this builder
         * @throws InvalidInputException if {@code l} is null
         */
        public Builder ledger(SlotLedger l) {
            if (l == null) {
                throw new InvalidInputException("ledger", "node", null, "must be given (leave it out for no ledger)");
            }
            this.ledger = l;
            return this;
        }

        /**
         * The voting SCPs.
         *
         * @param s at least one SCP ({@link AggregatorNode#scps} makes them)
         * @return this builder
         * @throws InvalidInputException if {@code s} is null or empty
         */
        public Builder scps(List<Scp> s) {
            if (s == null || s.isEmpty()) {
                throw new InvalidInputException("scps", "node", s == null ? null : "[]", "must name at least one voting SCP");
            }
            this.scps = List.copyOf(s);
            return this;
        }

        /**
         * Matching votes a solution needs; default 2f+1 of 3f+1.
         *
         * @param q 1 to the number of SCPs
         * @return this builder
         * @throws InvalidInputException if {@code q < 1}
         */
        public Builder quorum(int q) {
            if (q < 1) {
                throw new InvalidInputException("quorum", "node", q, "must be >= 1");
            }
            this.quorum = q;
            return this;
        }

        /**
         * The degradation coefficient of EVs that plug in without one (SPEC section 1).
         *
         * @param a finite, {@code ≤ 0}; default {@link Fleet#DEFAULT_A}
         * @return this builder
         * @throws InvalidInputException if {@code a} is not finite or above 0
         */
        public Builder defaultA(double a) {
            if (!Double.isFinite(a) || a > 0) {
                throw new InvalidInputException("a", "node", a, "must be finite and <= 0");
            }
            this.defaultA = a;
            return this;
        }

        /**
         * The node; on a ledger with records, recovered from them.
         *
         * @return the node
         * @throws InvalidInputException if no SCP was named
         */
        public AggregatorNode build() {
            if (scps.isEmpty()) {
                throw new InvalidInputException("scps", "node", "[]", "must name at least one voting SCP");
            }
            return new AggregatorNode(this);
        }
    }

    /**
     * SCPs with fresh keys that all recompute with {@code solver}, capacities as given.
     *
     * @param solver     the solver every SCP recomputes the slot with
     * @param capacities one relative capacity per SCP; SCP {@code i} gets id {@code i}
     * @return the SCPs, ids {@code 0..n-1}
     */
    public static List<Scp> scps(SlotSolver solver, double... capacities) {
        List<Scp> out = new ArrayList<>(capacities.length);
        for (int i = 0; i < capacities.length; i++) {
            out.add(new Scp(i, capacities[i], Ed25519.generate(), solver));
        }
        return out;
    }
}
