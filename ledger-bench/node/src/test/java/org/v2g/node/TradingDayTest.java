package org.v2g.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.RevenueTerms;
import org.v2g.kernel.Solvers;
import org.v2g.ledger.Settlement;
import org.v2g.node.internal.DayFiles;
import org.v2g.node.internal.Tariff;

/** The default case-study day: its books balance and the paper's qualitative findings hold. */
class TradingDayTest {
    private static final double TOL = 1e-9;
    private static DayPlan plan;
    private static DayResult day;
    private static Baseline baseline;
    private static final List<double[]> SLOT_CHECKS = new ArrayList<>();
    private static double[] settledKwh;

    @BeforeAll
    static void runTheDefaultDay() {
        plan = DayPlan.caseStudy(2000, 42, Optional.empty());
        settledKwh = new double[plan.fleet().size()];
        day = TradingDay.withoutLedger(Solvers.byName("simd"), (slot, report) -> {
            Market m = slot.market();
            double keptService = 0;
            double paidToEvs = 0;
            double dischargedKwh = 0;
            Map<String, Integer> position = positions();
            for (Settlement s : report.settlements()) {
                settledKwh[position.get(s.evId())] += s.kwh();
                if (s.kwh() > 0) {
                    // The charging EV pays p_c·E0·x; the aggregator passes p_rt·E0·x on to the grid.
                    keptService += -s.cny() - m.pRt() * s.kwh();
                } else {
                    paidToEvs += s.cny();
                    dischargedKwh += -s.kwh();
                }
            }
            RevenueTerms t = report.result().terms();
            SLOT_CHECKS.add(new double[] {keptService, t.service(), paidToEvs, t.payments(),
                    m.wGrid() * dischargedKwh, t.grid(), t.revenue(), report.result().revenue()});
            assertTrue(report.isFinal() && !report.outvoted(), "slot " + slot.index());
        }).run(plan);
        baseline = Baseline.uncoordinated(plan);
    }

    private static Map<String, Integer> positions() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < plan.fleet().size(); i++) {
            m.put(plan.fleet().id(i), i);
        }
        return m;
    }

    @Test
    void everyEvsEnergyBooksBalance() {
        Fleet fleet = plan.fleet();
        for (int i = 0; i < fleet.size(); i++) {
            EvAccount e = day.evs().get(i);
            assertEquals(e.initialKwh() + settledKwh[i], e.finalKwh(), TOL, e.id());
            assertEquals(e.initialKwh() + e.chargedKwh() - e.dischargedKwh(), e.finalKwh(), TOL, e.id());
            assertTrue(e.finalKwh() >= 0 && e.finalKwh() <= fleet.capacity(i), e.id());
        }
    }

    @Test
    void moneyFlowsSumToTheAggregatorsRevenueTerms() {
        assertEquals(96, SLOT_CHECKS.size());
        for (int s = 0; s < SLOT_CHECKS.size(); s++) {
            double[] c = SLOT_CHECKS.get(s);
            String where = "slot " + s;
            assertEquals(c[1], c[0], TOL * Math.max(1, Math.abs(c[1])), where + " service kept");
            assertEquals(c[3], c[2], TOL * Math.max(1, Math.abs(c[3])), where + " payments to EVs");
            assertEquals(c[5], c[4], TOL * Math.max(1, Math.abs(c[5])), where + " grid pays");
            assertEquals(c[7], c[6], TOL * Math.max(1, Math.abs(c[7])), where + " revenue");
        }
    }

    @Test
    void theDischargePriceFollowsTheTariff() {
        DaySummary summary = DaySummary.of(plan, day, baseline);
        double valley = summary.meanPriceByLevel().get(Tariff.Level.VALLEY);
        double normal = summary.meanPriceByLevel().get(Tariff.Level.NORMAL);
        double peak = summary.meanPriceByLevel().get(Tariff.Level.PEAK);
        // The aggregator pays most for discharge (p_d* most negative) at the peak tariff.
        assertTrue(peak < normal && peak < valley, summary.toJson());
    }

    @Test
    void ownersPayLessThanUncoordinatedCharging() {
        assertTrue(day.ownersNetCost() < baseline.totalPaidCny(),
                "scheme " + day.ownersNetCost() + " vs baseline " + baseline.totalPaidCny());
    }

    @Test
    void auxiliaryRevenueIsLowestInTheValley() {
        DaySummary summary = DaySummary.of(plan, day, baseline);
        double valley = summary.meanAuxByLevel().get(Tariff.Level.VALLEY);
        assertTrue(valley < summary.meanAuxByLevel().get(Tariff.Level.NORMAL), summary.toJson());
        assertTrue(valley < summary.meanAuxByLevel().get(Tariff.Level.PEAK), summary.toJson());
    }

    @Test
    void onlyEvsPluggedInForTheWholeSlotTakePart() {
        Fleet fleet = Fleet.builder()
                .add("early", 40, 20, 0.16, -0.01, 0, 6.0, 7.25)
                .add("late", 40, 20, 0.16, -0.01, 0, 7.1, 9)
                .add("short", 40, 20, 0.16, -0.01, 0, 7.0, 7.2)
                .build();
        DayPlan p = DayPlan.withFleet(fleet, 1);
        DaySlot first = p.slots().get(0);
        assertTrue(p.present(0, first));
        assertFalse(p.present(1, first));
        assertFalse(p.present(2, first));
        assertTrue(p.present(1, p.slots().get(1)));
        assertFalse(p.present(0, p.slots().get(1)));
    }

    @Test
    void theSameSeedGivesTheSameDay() {
        DayPlan again = DayPlan.caseStudy(2000, 42, Optional.empty());
        for (int i = 0; i < plan.fleet().size(); i++) {
            assertEquals(plan.fleet().id(i), again.fleet().id(i));
            assertEquals(plan.fleet().energy(i), again.fleet().energy(i));
            assertEquals(plan.fleet().arrival(i), again.fleet().arrival(i));
        }
        for (int s = 0; s < plan.slots().size(); s++) {
            assertEquals(plan.slots().get(s).market(), again.slots().get(s).market());
        }
    }

    @Test
    void outputsReadBackToTheSameNumbers(@TempDir Path dir) throws IOException {
        DayFiles.write(dir, plan, day, baseline);
        List<String> slots = Files.readAllLines(dir.resolve(DayFiles.SLOTS_CSV));
        assertEquals(97, slots.size());
        List<String> header = List.of(slots.get(0).split(","));
        for (int s = 0; s < 96; s++) {
            String[] cells = slots.get(s + 1).split(",");
            SlotOutcome o = day.slots().get(s);
            assertEquals(o.result().price(), Double.parseDouble(cells[header.indexOf("p_d")]));
            assertEquals(o.result().revenue(), Double.parseDouble(cells[header.indexOf("revenue")]));
            assertEquals(o.slot().market().eLimit(), Double.parseDouble(cells[header.indexOf("e_limit")]));
        }
        assertEquals(2001, Files.readAllLines(dir.resolve(DayFiles.EVS_CSV)).size());
        String json = Files.readString(dir.resolve(DayFiles.SUMMARY_JSON));
        assertTrue(json.contains("\"aggregator_revenue_cny\": " + day.aggregatorRevenue()), json);
    }
}
