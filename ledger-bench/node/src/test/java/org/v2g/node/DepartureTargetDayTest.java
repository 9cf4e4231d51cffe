package org.v2g.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.kernel.DepartureFloors;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Solvers;

/**
 * SPEC section 8 over random days, one machine: every EV whose target is reachable when it arrives leaves
 * with at least its target, and every other EV with a target charges at full power in every slot it is
 * present. Days: the case study's campus and tariff with a random fleet size, random energies at arrival,
 * per-EV targets for some EVs (any level, reachable or not), a random target SOC for some of the rest,
 * and some EVs without a target.
 */
class DepartureTargetDayTest {
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 16);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void reachableTargetsAreMetAndTheOthersChargeAtFullPowerInEverySlot(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        DayPlan paper = DayPlan.caseStudy(20 + rnd.nextInt(100), seed, Optional.empty());
        DayPlan plan = new DayPlan(randomTargets(paper.fleet(), rnd, seed % 2 == 0), paper.slots());
        DayResult day = TradingDay.withoutLedger(Solvers.byName("simd"), SlotListener.NONE).run(plan);
        Fleet fleet = plan.fleet();
        double e0 = plan.slots().get(0).market().e0();
        assertTrue(plan.slots().stream().allMatch(s -> s.market().e0() == e0), "seed " + seed + ": one E0 a day");
        List<EvAccount> accounts = day.evs();
        int reachable = 0;
        int outOfReach = 0;
        for (int i = 0; i < fleet.size(); i++) {
            EvAccount a = accounts.get(i);
            if (!fleet.hasTarget(i) || a.slotsPresent() == 0) {
                continue;
            }
            String what = "seed " + seed + " ev=" + a.id() + " target " + fleet.target(i) + " arrives with "
                    + fleet.energy(i) + " for " + a.slotsPresent() + " slots";
            if (fleet.energy(i) + a.slotsPresent() * e0 >= fleet.target(i)) {
                assertTrue(DepartureFloors.met(a.finalKwh(), fleet.target(i)), what + ": left with " + a.finalKwh());
                reachable++;
            } else {
                assertEquals(a.slotsPresent(), a.slotsCharging(), what + ": must charge in every slot");
                assertEquals(a.slotsPresent() * e0, a.chargedKwh(), 1e-9 * a.slotsPresent() * e0,
                        what + ": must charge at full power");
                assertEquals(0.0, a.dischargedKwh(), what);
                outOfReach++;
            }
        }
        assertTrue(reachable > 0, "seed " + seed + ": no EV with a reachable target");
        if (seed % 2 == 0) {
            assertTrue(outOfReach > 0, "seed " + seed + ": the even seeds put some targets out of reach");
        }
    }

    /**
     * A third of the EVs get their own target anywhere in {@code [0, C]} (on even seeds some empty ones want
     * a full battery within two hours, out of reach), a third a day-wide SOC target, the rest none.
     */
    private static Fleet randomTargets(Fleet paper, SplittableRandom rnd, boolean drained) {
        int n = paper.size();
        String[] ids = new String[n];
        double[] capacity = new double[n];
        double[] energy = new double[n];
        double[] beta = new double[n];
        double[] a = new double[n];
        double[] uIdle = new double[n];
        double[] arrival = new double[n];
        double[] departure = new double[n];
        double[] target = new double[n];
        double soc = rnd.nextDouble(0.3, 1.0);
        for (int i = 0; i < n; i++) {
            ids[i] = paper.id(i);
            capacity[i] = paper.capacity(i);
            energy[i] = rnd.nextDouble(0, capacity[i]);
            beta[i] = paper.beta(i);
            a[i] = paper.a(i);
            uIdle[i] = paper.uIdle(i);
            arrival[i] = paper.arrival(i);
            departure[i] = paper.departure(i);
            target[i] = switch (i % 3) {
                case 0 -> rnd.nextDouble(0, capacity[i]);
                case 1 -> soc * capacity[i];
                default -> Double.NaN;
            };
            if (i % 3 == 0 && i % 2 == 0 && drained) {
                // Empty, wants a full battery, stays two hours: 8 slots cannot fill it.
                energy[i] = 0;
                target[i] = capacity[i];
                departure[i] = Math.min(departure[i], arrival[i] + 2);
            }
        }
        return Fleet.of(ids, capacity, energy, beta, a, uIdle, arrival, departure, target, null);
    }
}
