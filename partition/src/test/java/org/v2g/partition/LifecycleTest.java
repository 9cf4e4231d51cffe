package org.v2g.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.v2g.kernel.FastSolver;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.Market;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.SlotSolver;
import org.v2g.kernel.internal.SyntheticFleets;

/** Threads: one per worker for the pool's life, parked between slots, none left after close. */
class LifecycleTest {
    private static final Fleet FLEET = SyntheticFleets.paper(500, 3);
    private static final Market MARKET = Market.builder(0.66).eLimit(200).build();

    private static List<Thread> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).toList();
    }

    /** Waits until every thread of the pool is parked (not running); returns the threads. */
    private static List<Thread> awaitParked(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            List<Thread> ts = threads(prefix);
            boolean parked = ts.stream().allMatch(t -> t.getState() == Thread.State.WAITING);
            if (parked || System.nanoTime() > deadline) {
                for (Thread t : ts) {
                    assertEquals(Thread.State.WAITING, t.getState(), () -> t.getName() + " still running: "
                            + java.util.Arrays.toString(t.getStackTrace()));
                }
                return ts;
            }
            Thread.sleep(2);
        }
    }

    @Test
    void noThreadRunsAfterASlotAndNoneIsLeftAfterClose() throws InterruptedException {
        PoolConfig config = PoolConfig.builder(5).kernel("scalar").build();
        PartitionedSolver pool = PartitionedSolver.start(config);
        String prefix = pool.threadNamePrefix();
        try (pool) {
            assertEquals(5, threads(prefix).size());
            List<Thread> before = awaitParked(prefix);
            for (int slot = 0; slot < 10; slot++) {
                List<Fault> faults = slot % 2 == 0 ? List.of()
                        : List.of(new Fault(slot % 5, 0.5, Fault.Kind.values()[slot % 3]));
                pool.solve(PreparedSlot.of(FLEET, MARKET), faults, false);
                List<Thread> after = awaitParked(prefix);
                assertEquals(before.size(), after.size(), "no thread started per slot");
                assertTrue(after.containsAll(before), "the same threads serve every slot");
            }
        }
        assertEquals(List.of(), threads(prefix), "threads left after close");
        pool.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> pool.solve(FLEET, MARKET));
    }

    @Test
    void failedSlotLeavesNoThreadRunningAndCloseStopsAll() throws InterruptedException {
        PoolConfig config = PoolConfig.builder(2).kernel("scalar").stallDeadline(Duration.ofMillis(30)).build();
        PartitionedSolver pool = PartitionedSolver.start(config);
        String prefix = pool.threadNamePrefix();
        try (pool) {
            List<Fault> all = List.of(new Fault(0, 0.1, Fault.Kind.STALL), new Fault(1, 0.1, Fault.Kind.THROW));
            assertThrows(NoWorkerLeftException.class, () -> pool.solve(PreparedSlot.of(FLEET, MARKET), all, false));
            awaitParked(prefix);
        }
        assertEquals(List.of(), threads(prefix));
    }

    @Test
    void isASlotSolverWithTheSameDispatchAsItsTwin() {
        try (PartitionedSolver pool = PartitionedSolver.start(PoolConfig.builder(3).kernel("scalar").build())) {
            SlotSolver solver = pool;
            assertEquals("partitioned", solver.name());
            SlotResult expected = new FastSolver(Kernels.scalar()).solve(FLEET, MARKET, true);
            SlotResult actual = solver.solve(FLEET, MARKET, true);
            PoolAssertions.sameAnswer(expected, actual, "dispatch");
            assertEquals(expected.terms(), actual.terms());
            assertEquals(expected.charging(), actual.charging());
            assertEquals(expected.discharging(), actual.discharging());
            assertEquals(expected.idle(), actual.idle());
            assertTrue(solver.solve(FLEET, MARKET).dispatch().isEmpty());
        }
    }

    @Test
    void slotsFromSeveralThreadsAreSolvedOneAfterAnother() throws Exception {
        try (PartitionedSolver pool = PartitionedSolver.start(PoolConfig.builder(2).kernel("scalar").build());
                ExecutorService callers = Executors.newFixedThreadPool(3)) {
            Map<Integer, SlotResult> expected = new java.util.HashMap<>();
            List<Future<SlotResult>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Fleet f = SyntheticFleets.varied(200 + i, i);
                expected.put(i, new FastSolver(Kernels.scalar()).solve(f, MARKET));
                futures.add(callers.submit(() -> pool.solve(f, MARKET)));
            }
            for (int i = 0; i < 6; i++) {
                PoolAssertions.sameAnswer(expected.get(i), futures.get(i).get(), "caller " + i);
            }
        }
    }

    @Test
    void closeDuringASlotFailsItCleanly() throws Exception {
        PoolConfig config = PoolConfig.builder(1).kernel("scalar").stallDeadline(Duration.ofSeconds(30)).build();
        PartitionedSolver pool = PartitionedSolver.start(config);
        String prefix = pool.threadNamePrefix();
        try (ExecutorService caller = Executors.newSingleThreadExecutor()) {
            Future<PartitionedResult> f = caller.submit(() -> pool.solve(PreparedSlot.of(FLEET, MARKET),
                    List.of(new Fault(0, 0.5, Fault.Kind.STALL)), false));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!threads(prefix).isEmpty() && threads(prefix).get(0).getState() != Thread.State.TIMED_WAITING
                    && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(20);
            pool.close();
            java.util.concurrent.ExecutionException e =
                    assertThrows(java.util.concurrent.ExecutionException.class, f::get);
            assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
            assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().getMessage());
        }
        assertEquals(List.of(), threads(prefix));
    }
}
