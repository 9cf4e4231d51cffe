package org.v2g.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.ReferenceSolver;
import org.v2g.kernel.SlotResult;

/**
 * Each {@link SlotBenchmark} method returns what {@code ReferenceSolver} answers for the same slot: the
 * same price, revenue, and numbers of charging, discharging and idle EVs.
 */
class SlotBenchmarkTest {

    static Stream<Arguments> workloads() {
        return Oracle.params(SlotBenchmark.class);
    }

    @ParameterizedTest(name = "n={0} fleet={1}")
    @MethodSource("workloads")
    void solversAnswerAsTheReference(int n, String fleet) {
        SlotBenchmark b = new SlotBenchmark();
        b.n = n;
        b.fleet = fleet;
        b.prepareWorkload();
        assertEquals(3361, b.market.grid().size(), "the peak grid p_rt = 1.12 has 3,361 prices");
        SlotResult ref = new ReferenceSolver().solve(b.evs, b.market);
        for (SlotResult got : new SlotResult[] {b.simd(), b.scalar()}) {
            String what = got.solver();
            assertEquals(ref.k(), got.k(), what + ": argmax index");
            assertEquals(ref.price(), got.price(), 0, what + ": argmax price");
            Oracle.assertRevenue(ref.revenue(), got.revenue(), what);
            assertEquals(ref.charging(), got.charging(), what + ": charging EVs");
            assertEquals(ref.discharging(), got.discharging(), what + ": discharging EVs");
            assertEquals(ref.idle(), got.idle(), what + ": idle EVs");
        }
        PreparedSlot prepared = b.prepare();
        GridPoint best = Kernels.scalar().best(prepared, 0, prepared.grid().size());
        Oracle.assertSameArgmax(ref, 0, best, prepared.grid(), "prepare");
    }
}
