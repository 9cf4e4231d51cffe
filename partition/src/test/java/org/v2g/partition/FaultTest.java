package org.v2g.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.v2g.kernel.FastSolver;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.Market;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.internal.SyntheticFleets;

/** Faults: the slot completes with the same answer, or fails clearly when nobody is left. */
class FaultTest {
    // Big enough (3,000 EVs x 3,361 prices) that every worker gets to its fault threshold before the
    // others have stolen its share, even on a loaded machine; the healthy workers are slowed down too.
    private static final Fleet FLEET = SyntheticFleets.varied(3000, 7);
    private static final Market MARKET = Market.builder(1.12).eLimit(600).build();
    private static final PreparedSlot SLOT = PreparedSlot.of(FLEET, MARKET);
    private static final SlotResult EXPECTED = new FastSolver(Kernels.scalar()).solve(FLEET, MARKET);

    private static PoolConfig.Builder pool(int workers) {
        return PoolConfig.builder(workers).kernel("scalar").stallDeadline(Duration.ofMillis(200));
    }

    @ParameterizedTest
    @EnumSource(Fault.Kind.class)
    void oneWorkerFailsMidSlot(Fault.Kind kind) {
        try (PartitionedSolver p = PartitionedSolver.start(pool(4).capacities(1, 2, 3, 4).slowdown(0, 3).slowdown(1, 3)
                .slowdown(3, 3).build())) {
            PartitionedResult r = p.solve(SLOT, List.of(new Fault(2, 0.5, kind)), false);
            PoolAssertions.sameAnswer(EXPECTED, r.result(), kind.toString());
            PoolAssertions.ledgerConsistent(r.metrics(), SLOT, Kernels.scalar(), kind.toString());
            WorkerReport failed = r.metrics().workers().get(2);
            WorkerStatus expected = switch (kind) {
                case THROW -> WorkerStatus.FAILED;
                case STALL -> WorkerStatus.STALLED;
                case LEAVE -> WorkerStatus.LEFT;
            };
            assertEquals(expected, failed.status());
            assertTrue(failed.failure().contains("2@0.5:" + kind.label()), failed.failure());
            assertTrue(failed.acceptedPoints() < failed.idealPoints(), "a failed worker delivers less than its share");
            assertTrue(failed.evaluated() >= (long) Math.ceil(0.5 * 0.3 * SLOT.grid().size()) - 1,
                    "it failed after about half of its share: evaluated=" + failed.evaluated());
        }
    }

    @Test
    void failingBeforeAnyWorkLeavesEverythingToTheOthers() {
        List<Fault> faults = List.of(new Fault(0, 0, Fault.Kind.THROW), new Fault(1, 0, Fault.Kind.LEAVE),
                new Fault(2, 0, Fault.Kind.STALL));
        try (PartitionedSolver p = PartitionedSolver.start(pool(4).build())) {
            PartitionedResult r = p.solve(SLOT, faults, false);
            PoolAssertions.sameAnswer(EXPECTED, r.result(), "faults at 0");
            PoolAssertions.ledgerConsistent(r.metrics(), SLOT, Kernels.scalar(), "faults at 0");
            assertEquals(SLOT.grid().size(), r.metrics().workers().get(3).acceptedPoints());
        }
    }

    @Test
    void aStalledWorkerComingBackLateIsRefused() throws InterruptedException {
        try (PartitionedSolver p = PartitionedSolver.start(pool(3).slowdown(0, 3).slowdown(2, 3).build())) {
            PartitionedResult r = p.solve(SLOT, List.of(new Fault(1, 0.3, Fault.Kind.STALL)), false);
            assertEquals(WorkerStatus.STALLED, r.metrics().workers().get(1).status());
            PoolAssertions.sameAnswer(EXPECTED, r.result(), "stall");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (p.lateReportsRejected() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, p.lateReportsRejected(), "the stalled worker's late report");
            // the finished result is a value: nothing the late worker did can reach it
            PoolAssertions.ledgerConsistent(r.metrics(), SLOT, Kernels.scalar(), "after the late report");
            PoolAssertions.sameAnswer(EXPECTED, p.solve(SLOT, List.of(), false).result(), "next slot");
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.Kind.class)
    void noWorkerLeftIsAClearErrorAndThePoolStaysUsable(Fault.Kind kind) {
        try (PartitionedSolver p = PartitionedSolver.start(pool(3).build())) {
            List<Fault> all = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                all.add(new Fault(w, 0.2, kind));
            }
            NoWorkerLeftException e = assertThrows(NoWorkerLeftException.class, () -> p.solve(SLOT, all, false));
            String m = e.getMessage();
            assertTrue(m.contains("no worker left"), m);
            for (int w = 0; w < 3; w++) {
                assertTrue(m.contains("worker " + w + " "), m);
                assertTrue(m.contains(w + "@0.2:" + kind.label()), m);
            }
            assertEquals(1, e.epoch());
            for (int slot = 0; slot < 2; slot++) {
                PartitionedResult r = p.solve(SLOT, List.of(), false);
                PoolAssertions.sameAnswer(EXPECTED, r.result(), "after the failed slot");
                PoolAssertions.ledgerConsistent(r.metrics(), SLOT, Kernels.scalar(), "after the failed slot");
            }
        }
    }

    @Test
    void aWorkerSlowerThanDeclaredDoesNotHoldTheSlotBack() {
        // worker 0 declares 8x the capacity of worker 1 but runs 8x slower than it
        PoolConfig config = pool(2).capacities(8, 1).slowdown(0, 8).build();
        try (PartitionedSolver p = PartitionedSolver.start(config)) {
            PartitionedResult r = p.solve(SLOT, List.of(), false);
            PoolAssertions.sameAnswer(EXPECTED, r.result(), "mis-declared");
            WorkerReport slow = r.metrics().workers().get(0);
            WorkerReport fast = r.metrics().workers().get(1);
            // on a quiet machine the fast worker ends with about 8/9 of the grid; the bounds leave
            // room for a loaded one
            assertTrue(fast.acceptedPoints() > 2 * fast.idealPoints(),
                    "the fast worker took over much of the slow one's share: " + r.metrics().toJson());
            assertTrue(slow.acceptedPoints() < slow.idealPoints(), r.metrics().toJson());
        }
    }

    @Test
    void configuredFaultsApplyToEverySlot() {
        PoolConfig config = pool(3).slowdown(1, 3).slowdown(2, 3).fail(new Fault(0, 0.5, Fault.Kind.THROW)).build();
        try (PartitionedSolver p = PartitionedSolver.start(config)) {
            for (int slot = 0; slot < 3; slot++) {
                PartitionedResult r = p.solveWithMetrics(FLEET, MARKET, false);
                PoolAssertions.sameAnswer(EXPECTED, r.result(), "slot " + slot);
                assertEquals(WorkerStatus.FAILED, r.metrics().workers().get(0).status());
                assertEquals(slot + 1, r.metrics().epoch());
            }
        }
    }
}
