package org.v2g.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.v2g.kernel.Dispatch;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.RevenueTerms;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.Solvers;
import org.v2g.kernel.internal.SyntheticFleets;

class AnswerJsonTest {

    @Test
    void everyFieldReadsBackToTheSameValue() {
        Fleet fleet = SyntheticFleets.paper(30, 3);
        SlotResult r = Solvers.byName("reference").solve(fleet, Market.builder(1.12).eLimit(40).build(), false);
        Map<String, Object> json = TestJson.object(AnswerJson.format(r, fleet, 1));
        assertEquals(List.of("solver", "p_d", "k", "revenue", "service_revenue", "grid_revenue", "ev_payments",
                "penalty", "charging", "discharging", "idle", "evs", "solve_ms", "solve_ns", "lanes"),
                List.copyOf(json.keySet()));
        assertEquals("reference", json.get("solver"));
        assertEquals(r.price(), json.get("p_d"));
        assertEquals((long) r.k(), json.get("k"));
        assertEquals(r.revenue(), json.get("revenue"));
        assertEquals(r.terms().service(), json.get("service_revenue"));
        assertEquals(r.terms().grid(), json.get("grid_revenue"));
        assertEquals(r.terms().payments(), json.get("ev_payments"));
        assertEquals(r.terms().penalty(), json.get("penalty"));
        assertEquals((long) r.charging(), json.get("charging"));
        assertEquals((long) r.discharging(), json.get("discharging"));
        assertEquals((long) r.idle(), json.get("idle"));
        assertEquals(30L, json.get("evs"));
        assertEquals(r.nanos(), json.get("solve_ns"));
        assertEquals(r.nanos() / 1e6, json.get("solve_ms"));
        assertEquals(1L, json.get("lanes"));
    }

    @Test
    void awkwardDoublesAreNotRounded() {
        double[] values = {0.1 + 0.2, -1.0 / 3, Double.MIN_VALUE, 1e300, -0.0, 123456789.123456789, 4.35};
        for (double v : values) {
            SlotResult r = new SlotResult("exact", -1, v, v, new RevenueTerms(v, v, v, v), 0, 0, 0,
                    Optional.empty(), 0);
            Map<String, Object> json = TestJson.object(AnswerJson.format(r, Fleet.empty(), 1));
            for (String key : List.of("p_d", "revenue", "service_revenue", "grid_revenue", "ev_payments", "penalty")) {
                assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits((Double) json.get(key)), key + "=" + v);
            }
        }
    }

    @Test
    void kIsAbsentOffTheGrid() {
        SlotResult r = new SlotResult("exact", -1, -0.5, 1, new RevenueTerms(1, 0, 0, 0), 1, 0, 0,
                Optional.empty(), 1_500_000);
        Map<String, Object> json = TestJson.object(AnswerJson.format(r, Fleet.builder().add("a", 40, 10).build(), 1));
        assertFalse(json.containsKey("k"));
        assertEquals(1.5, json.get("solve_ms"));
    }

    @Test
    void dispatchListsEveryEvInFleetOrder() {
        Fleet fleet = Fleet.builder().add("c\"1", 40, 0).add("d2", 64, 64).add("i3", 40, 40).build();
        SlotResult r = new SlotResult("reference", 5, -0.5, 1, new RevenueTerms(1, 1, 1, 0), 1, 1, 1,
                Optional.of(Dispatch.of(new double[] {0.75, -1.0, 0.0})), 10);
        Map<String, Object> json = TestJson.object(AnswerJson.format(r, fleet, 1));
        assertEquals(List.of(
                Map.of("id", "c\"1", "decision", "charge", "x", 0.75),
                Map.of("id", "d2", "decision", "discharge", "x", -1.0),
                Map.of("id", "i3", "decision", "idle", "x", 0.0)), json.get("dispatch"));
    }

    @Test
    void emptyFleetDispatchIsAnEmptyArray() {
        SlotResult r = Solvers.byName("scalar").solve(Fleet.empty(), Market.builder(0.66).build(), true);
        String text = AnswerJson.format(r, Fleet.empty(), 1);
        assertEquals(List.of(), TestJson.object(text).get("dispatch"));
        assertTrue(text.endsWith("}\n"));
    }

    @Test
    void nonFiniteResultIsABug() {
        SlotResult r = new SlotResult("x", 0, Double.NaN, 0, new RevenueTerms(0, 0, 0, 0), 0, 0, 0,
                Optional.empty(), 0);
        assertThrows(IllegalStateException.class, () -> AnswerJson.format(r, Fleet.empty(), 1));
    }
}
