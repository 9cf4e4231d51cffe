package org.v2g.replica;

import org.v2g.node.internal.MarketRecords;
import org.v2g.node.internal.SeededKeys;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.v2g.kernel.Fleet;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.EvUnplug;
import org.v2g.ledger.SlotMarket;
import org.v2g.node.DayPlan;
import org.v2g.node.DaySlot;
import org.v2g.replica.ReplicaRecords.SlotOpen;

/**
 * The inputs of a trading day as log batches: for each slot, the EVs that arrive (registration and
 * signed preferences), those that leave, the slot's market and the slot's opening with its declared
 * time. Whichever node leads the Raft group turns the next slot into one batch; since the batch is
 * built from the plan and the replica's state only, a new leader carries on where the old one stopped.
 *
 * <p>More slots than the plan has repeat the day: slot {@code s} is slot {@code s % n} of day {@code s / n}
 * (declared time one day later each time round); each day every EV still plugged in is unplugged at the
 * first slot and plugs in again at its usual arrival, with nonce {@code day + 1}. An EV with a departure
 * target (SPEC section 8) also signs its {@code EvDeparture} (target, last slot of that day) right after its
 * preferences, with nonces {@code 2·day + 1} and {@code 2·day + 2}.
 *
 * <p>The EVs' keys are derived from the day's seed ({@link SeededKeys}): in this simulated day the
 * leader speaks for the EVs' devices, which sign their own preferences in a deployment.
 *
 * <p>Thread-safety: immutable.
 */
public final class DayFeed {
    /** The case study's day: 1 January 2026, slots from 07:00 UTC. */
    public static final Instant DAY = Instant.parse("2026-01-01T00:00:00Z");
    /** The longest feed, in repeated days. */
    public static final int MAX_DAYS = 366;

    private final DayPlan plan;
    private final long seed;
    private final int slots;
    private final int[] firstSlot;
    /** The last slot of the day each EV takes part in, -1 if none. */
    private final int[] lastSlot;

    /**
     * A feed of {@code plan}'s slots.
     *
     * @param plan  the day
     * @param seed  the seed of the EVs' keys
     * @param slots how many slots to run, from the first; more than the plan has repeat the day
     * @throws IllegalArgumentException if {@code slots} is below 1 or more than the feed can repeat
     */
    public DayFeed(DayPlan plan, long seed, int slots) {
        if (slots < 1 || slots > MAX_DAYS * plan.slots().size()) {
            throw new IllegalArgumentException("slots must be 1.." + MAX_DAYS * plan.slots().size() + ": value="
                    + slots);
        }
        this.plan = plan;
        this.seed = seed;
        this.slots = slots;
        firstSlot = plan.firstSlots();
        lastSlot = plan.lastSlots();
    }

    /**
     * This feed with departure targets (SPEC section 8): every EV without its own target wants
     * {@code soc·C} at departure, signed in an {@code EvDeparture} beside its preferences.
     *
     * @param soc the target state of charge, within {@code [0, 1]}
     * @return the feed with targets
     */
    public DayFeed withTargetSoc(double soc) {
        return new DayFeed(new DayPlan(plan.fleet().withTargetSocWhereMissing(soc), plan.slots()), seed, slots);
    }

    /**
     * The case study with {@code evs} EVs from {@code seed}, first {@code slots} slots.
     *
     * @param evs   EVs to generate
     * @param seed  the seed of the fleet, the load and the EVs' keys
     * @param slots how many slots to run
     * @return the feed
     */
    public static DayFeed caseStudy(int evs, long seed, int slots) {
        return new DayFeed(DayPlan.caseStudy(evs, seed, java.util.Optional.empty()), seed, slots);
    }

    /** {@return how many slots the feed runs} */
    public int slots() {
        return slots;
    }

    /** {@return the day the slots come from} */
    public DayPlan plan() {
        return plan;
    }

    /**
     * The declared start of slot {@code s}.
     *
     * @param s the slot, from 0
     * @return microseconds since the epoch
     */
    public long timeMicros(int s) {
        int n = plan.slots().size();
        double hours = plan.slots().get(s % n).startH() + 24.0 * (s / n);
        return DAY.toEpochMilli() * 1000 + Math.round(hours * 3_600_000_000.0);
    }

    /**
     * What tells this feed apart from the day a replica already holds, if anything: the market recorded
     * for its last slot, and each registered EV's presence, capacity and key in this feed's fleet. A
     * node continues a day only from the feed that began it (the same {@code --evs} and {@code --seed});
     * a feed of more or fewer slots of the same day agrees. Departure targets are not compared.
     *
     * @param state the replica's state
     * @return a sentence naming the first difference found, or empty when the feed agrees with it
     */
    Optional<String> differsFrom(SlotMachine state) {
        long last = state.lastSlot();
        if (last >= 0) {
            SlotMarket ours = MarketRecords.record(last, plan.slots().get((int) (last % plan.slots().size())).market());
            Optional<SlotMarket> recorded = state.recordedMarket(last);
            if (recorded.isPresent() && !recorded.get().equals(ours)) {
                return Optional.of("the market of slot " + last + " differs: recorded " + recorded.get() + ", this day "
                        + ours);
            }
        }
        Fleet fleet = plan.fleet();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < fleet.size(); i++) {
            index.put(fleet.id(i), i);
        }
        for (SlotMachineState.EvState ev : state.registeredEvs()) {
            Integer i = index.get(ev.id());
            if (i == null) {
                return Optional.of("EV " + ev.id() + " is registered but not in this day's fleet of " + fleet.size());
            }
            if (ev.capacity() != fleet.capacity(i)) {
                return Optional.of("EV " + ev.id() + " is registered with capacity " + ev.capacity() + " kWh, "
                        + fleet.capacity(i) + " kWh in this day");
            }
            if (!Arrays.equals(ev.publicKey(), Ed25519.rawPublicKey(SeededKeys.derive(seed, ev.id()).getPublic()))) {
                return Optional.of("EV " + ev.id() + " is registered with another key than this day's");
            }
        }
        return Optional.empty();
    }

    /**
     * The batch that opens slot {@code s}, given what the replica already holds.
     *
     * @param s     the slot, from 0
     * @param state the replica's state (which EVs it knows and which are plugged in)
     * @return the log batch: plug-ins, unplugs and the slot's market
     */
    public LogBatch openBatch(int s, SlotMachine state) {
        int n = plan.slots().size();
        int inDay = s % n;
        int day = s / n;
        DaySlot slot = plan.slots().get(inDay);
        Fleet fleet = plan.fleet();
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < fleet.size(); i++) {
            String id = fleet.id(i);
            boolean plugged = state.isPlugged(id);
            boolean leaves = plugged && (fleet.departure(i) < slot.endH() || (inDay == 0 && day > 0));
            if (leaves) {
                frames.add(Frame.of(new EvUnplug(id, s)));
            }
            if (firstSlot[i] == inDay && (!plugged || leaves)) {
                KeyPair keys = SeededKeys.derive(seed, id);
                if (!state.isRegistered(id)) {
                    frames.add(Frame.of(new EvRegistration(id, Ed25519.rawPublicKey(keys.getPublic()),
                            fleet.capacity(i))));
                }
                // One plug-in per EV and day: nonce day + 1, so a retried batch is refused rather than replayed;
                // an EV with a target signs two records a day, nonces 2·day + 1 and 2·day + 2.
                boolean target = fleet.hasTarget(i) && lastSlot[i] >= inDay;
                long nonce = target ? 2L * day + 1 : day + 1;
                frames.add(Frame.of(EvSubmission.signed(id, s, fleet.beta(i), fleet.uIdle(i), fleet.energy(i),
                        nonce, keys.getPrivate())));
                if (target) {
                    frames.add(Frame.of(EvDeparture.signed(id, s, fleet.target(i), (long) day * n + lastSlot[i],
                            nonce + 1, keys.getPrivate())));
                }
            }
        }
        frames.add(Frame.of(MarketRecords.record(s, slot.market())));
        frames.add(Frame.of(new SlotOpen(s, timeMicros(s))));
        return new LogBatch(frames);
    }
}
