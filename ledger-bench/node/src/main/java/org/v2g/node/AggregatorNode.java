package org.v2g.node;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.Market;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.SlotSolver;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.LedgerProducer;
import org.v2g.ledger.LedgerRecord;
import org.v2g.ledger.PartialResult;
import org.v2g.partition.PartitionedResult;
import org.v2g.partition.PartitionedSolver;
import org.v2g.partition.WorkerReport;
import org.v2g.ledger.ScpVote;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.SlotLedger;
import org.v2g.ledger.SlotMarket;
import org.v2g.ledger.SlotSolution;
import org.v2g.ledger.SubmissionGate;

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
 * try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(dir, sealerKeys))) {
 *     AggregatorNode node = AggregatorNode.builder(Solvers.byName("simd"))
 *             .ledger(ledger).scps(scps).quorum(3).build();
 *     EvWallet ev = EvWallet.create("ev042", 60);
 *     node.plugIn(ev.registration(), ev.preferences(0, 0.16, 0, 31.5));
 *     SlotReport r = node.runSlot(0, Market.builder(1.12).eLimit(10).build());
 *     SettlementProof proof = node.proof("ev042", 0).orElseThrow();
 *     ev.check(proof, node.headers(), ledger.sealerKey());
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one thread drives a node (the solver may use many).
 */
public final class AggregatorNode {
    private final SlotSolver proposer;
    private final Optional<SlotLedger> ledger;
    private final LedgerProducer producer;
    private final SubmissionGate gate;
    private final List<Scp> scps;
    private final int quorum;
    private final double defaultA;
    private final Map<String, Ev> evs = new LinkedHashMap<>();
    private long lastSlot = -1;

    /** What one SCP found and signed. */
    private record Ballot(SlotResult result, ScpVote vote) {
    }

    /** One EV as the node knows it. */
    private static final class Ev {
        final String id;
        final double capacity;
        final byte[] publicKey;
        double energy;
        double beta;
        double a;
        double uIdle;
        double balance;
        boolean plugged;

        Ev(String id, double capacity, byte[] publicKey) {
            this.id = id;
            this.capacity = capacity;
            this.publicKey = publicKey;
        }
    }

    private AggregatorNode(Builder b) {
        this.proposer = b.proposer;
        this.ledger = Optional.ofNullable(b.ledger);
        this.producer = b.ledger == null ? new NoLedger() : b.ledger.newProducer();
        this.gate = new SubmissionGate(0);
        this.scps = List.copyOf(b.scps);
        this.quorum = b.quorum > 0 ? b.quorum : defaultQuorum(scps.size());
        this.defaultA = b.defaultA;
        if (quorum > scps.size()) {
            throw new IllegalArgumentException("quorum cannot exceed the SCPs: quorum=" + quorum + " scps=" + scps.size());
        }
    }

    /** 2f+1 of 3f+1 SCPs: the smallest majority that survives f liars. */
    static int defaultQuorum(int scps) {
        int f = (scps - 1) / 3;
        return Math.max(1, 2 * f + 1);
    }

    public static Builder builder(SlotSolver proposer) {
        return new Builder(proposer);
    }

    /**
     * An EV plugs in: registers on first contact, then sends signed preferences (β, U_idle, energy).
     * Everything is checked before anything is recorded or changed.
     *
     * @param a the battery's degradation coefficient, set by the aggregator per battery model
     * @throws InvalidInputException if a value is out of range (SPEC section 6)
     * @throws org.v2g.ledger.SubmissionRejectedException on a bad signature, a reused nonce or a past slot
     */
    public void plugIn(EvRegistration registration, EvSubmission preferences, double a) {
        String id = registration.evId();
        if (!id.equals(preferences.evId())) {
            throw new InvalidInputException("id", "ev=" + id, preferences.evId(), "of the preferences must match the registration");
        }
        Ev known = evs.get(id);
        if (known != null && !Arrays.equals(known.publicKey, registration.publicKey())) {
            throw new InvalidInputException("public_key", "ev=" + id, "(32 bytes)", "differs from the registered key");
        }
        double capacity = known != null ? known.capacity : registration.capacityKwh();
        // Validated as a one-EV fleet: the same rules, names and messages as every other entry point.
        Fleet.builder().add(id, capacity, preferences.plugInEnergyKwh(), preferences.beta(), a, preferences.uIdle()).build();
        if (known == null) {
            while (gate.register(producer, registration) == LedgerProducer.RING_FULL) {
                Thread.onSpinWait();
            }
            known = new Ev(id, capacity, registration.publicKey().clone());
            evs.put(id, known);
        }
        while (gate.submit(producer, preferences) == LedgerProducer.RING_FULL) {
            Thread.onSpinWait();
        }
        known.energy = preferences.plugInEnergyKwh();
        known.beta = preferences.beta();
        known.uIdle = preferences.uIdle();
        known.a = a;
        known.plugged = true;
    }

    /** {@link #plugIn(EvRegistration, EvSubmission, double)} with the node's default {@code a}. */
    public void plugIn(EvRegistration registration, EvSubmission preferences) {
        plugIn(registration, preferences, defaultA);
    }

    /** The EV leaves; it takes part in no further slot until it plugs in again. */
    public void unplug(String evId) {
        Ev ev = evs.get(evId);
        if (ev == null) {
            throw new InvalidInputException("id", "ev=" + evId, evId, "is not a known EV");
        }
        ev.plugged = false;
    }

    /**
     * Runs one slot: records the oracle data, solves, collects the SCPs' votes and, with a quorum,
     * settles every plugged-in EV. Without a quorum nothing is settled and no EV changes.
     *
     * @param slot strictly greater than the previous slot
     */
    public SlotReport runSlot(long slot, Market market) {
        if (slot <= lastSlot) {
            throw new InvalidInputException("slot", "node", slot, "must be greater than the last slot " + lastSlot);
        }
        gate.openSlot(slot + 1); // from now on, preferences for this slot come too late
        List<Ev> present = evs.values().stream().filter(e -> e.plugged).toList();
        Fleet fleet = fleetOf(present);
        append(new SlotMarket(slot, market.pRt(), market.wService(), market.wGrid(), market.pDelay(), market.eLimit(),
                market.delta(), market.pdMin(), market.pdMax(), market.epsilon(), market.e0(), market.socFloor(),
                market.socMin()));
        lastSlot = slot;

        SlotResult proposal = propose(slot, fleet, market);
        SlotSolution proposed = solution(slot, proposal);
        append(proposed);

        // Each SCP recomputes and votes for what it found; votes are tallied by solution hash.
        Map<String, List<ScpVote>> tally = new LinkedHashMap<>();
        Map<String, SlotResult> byHash = new LinkedHashMap<>();
        String proposedHash = HexFormat.of().formatHex(proposed.hash());
        byHash.put(proposedHash, proposal);
        int votes = 0;
        // The SCPs are separate machines: they recompute and sign side by side; votes arrive in SCP order.
        List<Ballot> ballots = scps.parallelStream().map(scp -> {
            SlotResult own = CanonicalSolution.recompute(scp.recompute(), fleet, market);
            return new Ballot(own, ScpVote.signed(solution(slot, own), scp.id(), scp.keys().getPrivate()));
        }).toList();
        for (int i = 0; i < ballots.size(); i++) {
            SlotResult own = ballots.get(i).result();
            ScpVote vote = ballots.get(i).vote();
            if (!vote.verify(scps.get(i).keys().getPublic())) {
                continue; // a vote that does not verify is not counted
            }
            votes++;
            String hash = HexFormat.of().formatHex(vote.solutionHash());
            tally.computeIfAbsent(hash, h -> new ArrayList<>()).add(vote);
            byHash.putIfAbsent(hash, own);
            append(vote);
        }
        String winner = null;
        for (var e : tally.entrySet()) {
            if (e.getValue().size() >= quorum) {
                winner = e.getKey();
                break;
            }
        }
        List<String> ids = present.stream().map(e -> e.id).toList();
        if (winner == null) {
            return new SlotReport(slot, ids, proposal, proposal, votes, 0, false, false, List.of());
        }
        SlotResult result = byHash.get(winner);
        boolean outvoted = !winner.equals(proposedHash);
        if (outvoted) {
            append(solution(slot, result)); // the winning solution's preimage, beside its votes
        }
        List<Settlement> settlements = settle(slot, market, present, result);
        return new SlotReport(slot, ids, proposal, result, votes, tally.get(winner).size(), true, outvoted, settlements);
    }

    /**
     * The proposer's solution, in the canonical form every SCP signs ({@link CanonicalSolution}). A
     * worker pool also reports each SCP worker's partial result, recorded as the span of its accepted
     * sub-ranges with its best index and its kernel's own revenue (a worker that took work from others
     * may have holes in its span; the ranges themselves are in the pool's metrics).
     */
    private SlotResult propose(long slot, Fleet fleet, Market market) {
        if (!(proposer instanceof PartitionedSolver pool)) {
            return CanonicalSolution.recompute(proposer, fleet, market);
        }
        PartitionedResult r = pool.solveWithMetrics(fleet, market, true);
        for (WorkerReport w : r.metrics().workers()) {
            if (w.bestK() >= 0) {
                int k0 = w.ranges().get(0).k0();
                int k1 = w.ranges().get(w.ranges().size() - 1).k1();
                append(new PartialResult(slot, w.id(), k0, k1, w.bestK(), w.bestRevenue()));
            }
        }
        return CanonicalSolution.of(fleet, market, r.result());
    }

    /** SPEC section 4: energies advance, money moves, each settlement is recorded. */
    private List<Settlement> settle(long slot, Market m, List<Ev> present, SlotResult result) {
        double[] x = result.dispatch().orElseThrow().amounts();
        List<Settlement> out = new ArrayList<>(present.size());
        for (int j = 0; j < x.length; j++) {
            Ev ev = present.get(j);
            double kwh = m.e0() * x[j];
            double cny;
            if (x[j] > 0) {
                cny = -m.pC() * kwh;             // a charging EV pays p_c·E0·x
            } else if (x[j] < 0) {
                cny = -result.price() * -kwh;    // a discharging EV is paid (−p_d*)·E0·|x|
            } else {
                cny = m.pDelay();                // an idle EV is paid p_delay
            }
            ev.energy = Math.max(0, Math.min(ev.capacity, ev.energy + kwh));
            ev.balance += cny;
            Settlement s = new Settlement(ev.id, slot, x[j], kwh, cny);
            append(s);
            out.add(s);
        }
        return out;
    }

    /** The record of a canonical result: what is hashed, voted on and kept. */
    private static SlotSolution solution(long slot, SlotResult canonical) {
        return CanonicalSolution.record(slot, canonical);
    }

    private Fleet fleetOf(List<Ev> present) {
        Fleet.Builder b = Fleet.builder();
        for (Ev e : present) {
            b.add(e.id, e.capacity, e.energy, e.beta, e.a, e.uIdle);
        }
        return b.build();
    }

    private void append(LedgerRecord record) {
        producer.append(record);
    }

    /** The EV's wallet balance, CNY (money received minus paid). */
    public double balance(String evId) {
        return ev(evId).balance;
    }

    /** The EV's stored energy, kWh. */
    public double energy(String evId) {
        return ev(evId).energy;
    }

    public boolean isPluggedIn(String evId) {
        return ev(evId).plugged;
    }

    /** SCP public keys by id, for checking votes. */
    public Map<Integer, PublicKey> scpKeys() {
        Map<Integer, PublicKey> keys = new LinkedHashMap<>();
        scps.forEach(s -> keys.put(s.id(), s.keys().getPublic()));
        return keys;
    }

    public int quorum() {
        return quorum;
    }

    /** Seals and syncs everything recorded so far (no-op without a ledger). */
    public void flush() {
        ledger.ifPresent(SlotLedger::flush);
    }

    /** Headers of the durable blocks, for light clients; empty without a ledger. */
    public List<BlockHeader> headers() {
        return ledger.map(SlotLedger::headers).orElse(List.of());
    }

    /** The inclusion proof of an EV's settlement in a slot, once durable. */
    public Optional<SettlementProof> proof(String evId, long slot) {
        flush();
        return ledger.flatMap(l -> l.proof(evId, slot));
    }

    private Ev ev(String evId) {
        Ev ev = evs.get(evId);
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

        /** Where records go; without one the node runs the same cycle and keeps no records. */
        public Builder ledger(SlotLedger l) {
            this.ledger = l;
            return this;
        }

        /** The voting SCPs. */
        public Builder scps(List<Scp> s) {
            this.scps = List.copyOf(s);
            return this;
        }

        /** Matching votes a solution needs; default 2f+1 of 3f+1. */
        public Builder quorum(int q) {
            this.quorum = q;
            return this;
        }

        /** The degradation coefficient of EVs that plug in without one. */
        public Builder defaultA(double a) {
            this.defaultA = a;
            return this;
        }

        public AggregatorNode build() {
            if (scps.isEmpty()) {
                throw new IllegalArgumentException("a node needs at least one voting SCP");
            }
            return new AggregatorNode(this);
        }
    }

    /** SCPs with fresh keys that all recompute with {@code solver}, capacities as given. */
    public static List<Scp> scps(SlotSolver solver, double... capacities) {
        List<Scp> out = new ArrayList<>(capacities.length);
        for (int i = 0; i < capacities.length; i++) {
            out.add(new Scp(i, capacities[i], Ed25519.generate(), solver));
        }
        return out;
    }
}
