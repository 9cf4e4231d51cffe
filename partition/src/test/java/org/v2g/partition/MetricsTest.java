package org.v2g.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.Market;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.internal.SyntheticFleets;

/** The per-slot metrics and their JSON form. */
class MetricsTest {

    @Test
    void jsonHoldsEveryFieldInShortestRoundTripForm() {
        WorkerReport w = new WorkerReport(1, 2.5, 1.0, WorkerStatus.FAILED, "boom \"x\"\n",
                List.of(new Range(0, 10), new Range(20, 25)), 7, 0.1 + 0.2, 15, 20, 2, 1234, 7.5);
        WorkerReport none = new WorkerReport(0, 1, 1, WorkerStatus.LEFT, "", List.of(), -1, null, 0, 0, 0, 0, 2.5);
        SlotMetrics m = new SlotMetrics(3, 10, 1000, 900, 1000.0 / 900 - 1, 10, 20, List.of(none, w));
        assertEquals(10, m.wastedPoints());
        assertEquals(0.75, m.maxShareDeviation()); // worker 1: 15 accepted against 7.5
        assertEquals("{\"epoch\":3,\"grid_points\":10,\"makespan_ns\":1000,\"ideal_ns\":900,\"imbalance\":"
                + (1000.0 / 900 - 1) + ",\"max_share_deviation\":" + (7.5 / 10) + ",\"accepted_points\":10,\"evaluated\":20,\"workers\":["
                + "{\"id\":0,\"capacity\":1.0,\"slowdown\":1.0,\"status\":\"left\",\"failure\":\"\",\"ranges\":[],"
                + "\"best_k\":null,\"best_revenue\":null,\"accepted_points\":0,\"evaluated\":0,\"chunks\":0,"
                + "\"busy_ns\":0,\"ideal_points\":2.5},"
                + "{\"id\":1,\"capacity\":2.5,\"slowdown\":1.0,\"status\":\"failed\",\"failure\":\"boom \\\"x\\\"\\n\","
                + "\"ranges\":[[0,10],[20,25]],\"best_k\":7,\"best_revenue\":0.30000000000000004,"
                + "\"accepted_points\":15,\"evaluated\":20,\"chunks\":2,\"busy_ns\":1234,\"ideal_points\":7.5}]}",
                m.toJson());
    }

    /**
     * A healthy slot of three workers: the accepted ranges tile the grid, each worker's share and partial
     * result are reported, and the ideal and the imbalance are exactly what their definitions give from
     * the workers' own figures (SlotMetrics' javadoc).
     */
    @Test
    void aSlotReportsPerWorkerWorkAndTheIdeal() {
        PreparedSlot slot = PreparedSlot.of(SyntheticFleets.paper(2000, 5), Market.builder(1.12).build());
        PoolConfig config = PoolConfig.builder(3).capacities(1, 2, 1).kernel("scalar").build();
        try (PartitionedSolver pool = PartitionedSolver.start(config)) {
            PartitionedResult r = pool.solve(slot, List.of(), false);
            SlotMetrics m = r.metrics();
            int grid = 3361;
            assertEquals(1, m.epoch());
            assertEquals(grid, m.gridPoints());
            assertEquals(grid, m.acceptedPoints(), m.toJson());
            assertTrue(m.evaluated() >= m.acceptedPoints(), m.toJson());
            assertEquals(List.of(grid * 0.25, grid * 0.5, grid * 0.25),
                    m.workers().stream().map(WorkerReport::idealPoints).toList());

            List<Range> ranges = new ArrayList<>();
            long accepted = 0;
            double rate = 0;
            GridPoint best = null;
            for (WorkerReport w : m.workers()) {
                assertEquals(WorkerStatus.COMPLETED, w.status(), m.toJson());
                assertEquals(w.chunks(), w.ranges().size(), m.toJson());
                assertEquals(w.acceptedPoints(), w.ranges().stream().mapToLong(Range::size).sum(), m.toJson());
                assertTrue(w.evaluated() >= w.acceptedPoints(), m.toJson());
                assertTrue(w.evaluated() == 0 || w.busyNanos() > 0, m.toJson());
                ranges.addAll(w.ranges());
                accepted += w.acceptedPoints();
                if (w.evaluated() > 0 && w.busyNanos() > 0) {
                    rate += (double) w.evaluated() / w.busyNanos();
                }
                if (w.bestK() >= 0) {
                    GridPoint partial = new GridPoint(w.bestK(), w.bestRevenue());
                    best = best == null ? partial : GridPoint.better(best, partial);
                }
            }
            assertEquals(grid, accepted, m.toJson());
            ranges.sort(Comparator.comparingInt(Range::k0));
            int next = 0;
            for (Range range : ranges) {
                assertEquals(next, range.k0(), "the accepted ranges tile the grid: " + ranges);
                next = range.k1();
            }
            assertEquals(grid, next, "the accepted ranges tile the grid: " + ranges);
            // the best of the partial results is the slot's answer
            assertEquals(r.result().k(), best.k(), m.toJson());
            assertEquals(r.result().revenue(), best.revenue(), m.toJson());
            // ideal = G / sum of the speeds shown; imbalance = makespan / ideal - 1
            assertTrue(m.makespanNanos() > 0, m.toJson());
            assertEquals((long) (grid / rate), m.idealNanos(), m.toJson());
            assertEquals((double) m.makespanNanos() / m.idealNanos() - 1, m.imbalance(), m.toJson());
        }
    }
}
