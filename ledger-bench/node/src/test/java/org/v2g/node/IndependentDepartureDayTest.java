package org.v2g.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.Solvers;
import org.v2g.ledger.Settlement;
import org.v2g.node.internal.ElaadStatistics;

/**
 * The day with departure targets against an independent implementation, slot by slot and EV by EV. The
 * twin here is written from SPEC sections 1, 4 and 8 alone and shares no code with the library's
 * follower, floors or settlement: it finds each branch's best amount by golden-section search of the
 * concave utility (not the closed forms), counts each EV's remaining slots from its arrival and
 * departure hours (not {@code DayPlan}), and keeps its own energies. Given the price the node published
 * in each slot, every present EV's amount must match the node's settlement, and every energy must match
 * the node's at the end of the day. Fleets: cars drawn from the ElaadNL statistics in
 * {@code ../shared/data/elaad} (the project's generated fleets are not used) with random targets.
 */
class IndependentDepartureDayTest {
    /** Amounts from a numeric search agree with the closed forms to well within this (normalised x). */
    private static final double X_TOLERANCE = 1e-6;
    /** A decision whose two best utilities are this close is a tie only exact arithmetic can settle. */
    private static final double TIE = 1e-9;

    static LongStream seeds() {
        return LongStream.rangeClosed(101, 106);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everySettlementAndEveryEnergyMatchesTheTwin(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        DayPlan drawn = DayPlan.caseStudy(60 + rnd.nextInt(60), seed, Optional.of(ElaadStatistics.read(elaad())));
        DayPlan plan = new DayPlan(withTargets(drawn.fleet(), rnd), drawn.slots());
        Fleet fleet = plan.fleet();
        List<List<Settlement>> settled = new ArrayList<>();
        List<Double> prices = new ArrayList<>();
        DayResult day = TradingDay.withoutLedger(Solvers.byName("simd"), (slot, report) -> {
            settled.add(report.settlements());
            prices.add(report.result().price());
        }).run(plan);
        assertEquals(plan.slots().size(), settled.size());

        double[] energy = fleet.energies();
        int compared = 0;
        int ties = 0;
        for (int s = 0; s < plan.slots().size(); s++) {
            DaySlot slot = plan.slots().get(s);
            Market m = slot.market();
            Map<String, Settlement> byEv = new HashMap<>();
            for (Settlement x : settled.get(s)) {
                byEv.put(x.evId(), x);
            }
            int present = 0;
            for (int i = 0; i < fleet.size(); i++) {
                if (!takesPart(fleet, i, slot)) {
                    continue;
                }
                present++;
                String what = "seed " + seed + " slot " + s + " ev=" + fleet.id(i);
                Settlement node = byEv.get(fleet.id(i));
                assertTrue(node != null, what + ": the node did not settle an EV that takes part");
                double floor = fleet.hasTarget(i)
                        ? Math.max(0, fleet.target(i) - (slotsLeft(fleet, i, plan.slots(), s) - 1) * m.e0()) : 0;
                Choice twin = Choice.of(fleet.capacity(i), energy[i], fleet.beta(i), fleet.a(i), fleet.uIdle(i),
                        floor, m, prices.get(s));
                if (twin.margin < TIE) {
                    ties++; // the twin cannot tell; follow the node so the energies stay comparable
                    energy[i] = Math.max(0, Math.min(fleet.capacity(i), energy[i] + node.kwh()));
                    continue;
                }
                assertEquals(twin.x, node.x(), X_TOLERANCE, what + " floor " + floor + " energy " + energy[i]);
                energy[i] = Math.max(0, Math.min(fleet.capacity(i), energy[i] + m.e0() * twin.x));
                compared++;
            }
            assertEquals(present, byEv.size(), "seed " + seed + " slot " + s + ": EVs settled");
        }
        for (int i = 0; i < fleet.size(); i++) {
            assertEquals(energy[i], day.evs().get(i).finalKwh(), 1e-5 * Math.max(1, energy[i]),
                    "seed " + seed + " ev=" + fleet.id(i) + ": energy at departure");
        }
        assertTrue(compared > 20 * ties, "seed " + seed + ": compared " + compared + ", ties " + ties);
    }

    /** SPEC section 4: the EV takes part in a slot it is plugged in for the whole of. */
    private static boolean takesPart(Fleet fleet, int i, DaySlot slot) {
        return fleet.arrival(i) <= slot.startH() && fleet.departure(i) >= slot.startH() + 0.25;
    }

    /** SPEC section 8's {@code n}: the slots from {@code s} on, counting it, that the EV takes part in. */
    private static int slotsLeft(Fleet fleet, int i, List<DaySlot> slots, int s) {
        int n = 0;
        for (int t = s; t < slots.size(); t++) {
            n += takesPart(fleet, i, slots.get(t)) ? 1 : 0;
        }
        return n;
    }

    /** The follower's choice by SPEC sections 1 and 8, found numerically; {@code margin}: to the runner-up. */
    private record Choice(double x, double margin) {
        static Choice of(double c, double e, double beta, double a, double uIdle, double floor, Market m, double pd) {
            double w = beta / Math.max(e / c, m.socFloor());
            double pc = m.pC();
            double hi = Math.min(1, (c - e) / m.e0());
            double lo = -Math.min(1, Math.max(0, e - Math.max(floor, m.socMin() * c)) / m.e0());
            java.util.function.DoubleUnaryOperator uc = x -> w * Math.log(1 + x) / Math.log(2) - pc * x;
            java.util.function.DoubleUnaryOperator ud = x -> w * (Math.log(2 + x) / Math.log(2) - 1) - a * x + pd * x;
            if (floor > e) { // must charge: the charging utility's best on [need, hi], no alternative
                double need = Math.min(hi, (floor - e) / m.e0());
                return new Choice(argmax(uc, need, hi), Double.POSITIVE_INFINITY);
            }
            double bestX = 0;
            double best = uIdle;
            double second = Double.NEGATIVE_INFINITY;
            if (hi > 0) {
                double xc = argmax(uc, 0, hi);
                if (xc > 1e-12) {
                    double u = uc.applyAsDouble(xc);
                    if (u > best) {
                        second = best;
                        best = u;
                        bestX = xc;
                    } else {
                        second = Math.max(second, u);
                    }
                }
            }
            if (lo < 0 && a - pd > 0) {
                double xd = argmax(ud, lo, 0);
                if (xd < -1e-12) {
                    double u = ud.applyAsDouble(xd);
                    if (u > best) {
                        second = best;
                        best = u;
                        bestX = xd;
                    } else {
                        second = Math.max(second, u);
                    }
                }
            }
            // A branch whose best point is within the search's resolution of 0 is a near-tie with idle too.
            double margin = bestX != 0 && Math.abs(bestX) < 1e-7 ? 0 : best - second;
            return new Choice(bestX, margin);
        }

        /** Golden-section search for the maximum of a concave function on {@code [lo, hi]}. */
        private static double argmax(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
            double g = (Math.sqrt(5) - 1) / 2;
            double l = lo;
            double h = hi;
            for (int k = 0; k < 200 && h - l > 1e-13; k++) {
                double m1 = h - g * (h - l);
                double m2 = l + g * (h - l);
                if (f.applyAsDouble(m1) < f.applyAsDouble(m2)) {
                    l = m1;
                } else {
                    h = m2;
                }
            }
            double mid = (l + h) / 2;
            // The ends are candidates too: a concave function's maximum on an interval may sit at an end.
            double best = mid;
            for (double x : new double[] {lo, hi}) {
                if (f.applyAsDouble(x) >= f.applyAsDouble(best)) {
                    best = x;
                }
            }
            return best;
        }
    }

    /** Half of the EVs get a target anywhere in {@code [0, C]}, a quarter an SOC target, the rest none. */
    private static Fleet withTargets(Fleet f, SplittableRandom rnd) {
        int n = f.size();
        double[] target = new double[n];
        double soc = rnd.nextDouble(0.5, 1.0);
        double[] arrival = new double[n];
        double[] departure = new double[n];
        String[] ids = new String[n];
        double[] capacity = new double[n];
        double[] beta = new double[n];
        double[] a = new double[n];
        double[] uIdle = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = f.id(i);
            capacity[i] = f.capacity(i);
            beta[i] = f.beta(i);
            a[i] = f.a(i);
            uIdle[i] = f.uIdle(i);
            arrival[i] = f.arrival(i);
            departure[i] = f.departure(i);
            int kind = rnd.nextInt(4);
            target[i] = kind < 2 ? rnd.nextDouble(0, capacity[i]) : kind == 2 ? soc * capacity[i] : Double.NaN;
        }
        return Fleet.of(ids, capacity, f.energies(), beta, a, uIdle, arrival, departure, target, null);
    }

    /** {@code ../shared/data/elaad} beside the repository, found from the working directory up. */
    private static Path elaad() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("data").resolve("elaad");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("../shared/data/elaad (ElaadNL statistics, beside the repository) is needed by"
                + " this test and was not found from " + Path.of("").toAbsolutePath());
    }
}
