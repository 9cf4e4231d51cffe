package org.v2g.jmh;

import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.PriceGrid;
import org.v2g.kernel.internal.SyntheticFleets;

/**
 * The fleets, markets and grid slices the benchmarks time, in one place so that each benchmark's unit
 * test rebuilds exactly the workload the benchmark measured.
 *
 * <ul>
 *   <li>{@code paper}: every EV has the paper's {@code a = −0.01}, so the SIMD kernel takes its
 *       common-{@code a} path (one reciprocal per price, a multiplication per EV);</li>
 *   <li>{@code varied}: per-EV {@code a}, so the kernel divides per EV and reads one more array.</li>
 * </ul>
 *
 * <p>The market is the Shenzhen peak slot ({@code p_rt = 1.12}: 3,361 prices from −3.36 to 0 at
 * {@code ε = 0.001}) with an auxiliary demand proportional to the fleet, so that the argmax lies inside
 * the grid and the penalty term is active on both sides of it.
 *
 * <p>Thread-safe: stateless.
 */
public final class Workloads {
    /** The Shenzhen peak tariff, CNY/kWh. */
    public static final double P_RT = 1.12;
    /** Auxiliary discharge asked for per EV of the fleet, kWh. */
    public static final double E_LIMIT_PER_EV = 0.5;
    /** One seed for every benchmark: the same fleet on every JVM and in every test. */
    public static final long SEED = 20_260_611L;
    /** JVM flags every benchmark fork needs: the Vector API and JMH's use of {@code sun.misc.Unsafe}. */
    static final String ADD_VECTOR = "--add-modules=jdk.incubator.vector";
    static final String ALLOW_UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    private Workloads() {
    }

    /** {@code paper} or {@code varied}, {@code n} EVs. */
    public static Fleet fleet(String kind, int n) {
        return switch (kind) {
            case "paper" -> SyntheticFleets.paper(n, SEED);
            case "varied" -> SyntheticFleets.varied(n, SEED);
            default -> throw new IllegalArgumentException("fleet must be paper or varied: value=" + kind);
        };
    }

    /**
     * The fleet with SPEC section 8's floors for the {@code floors} parameter: {@code none}, the fleet
     * as it is (no floor column); {@code 0}, every third-and-a-bit EV (30 %, by index) with a floor 1 kWh
     * below its energy, which cuts its discharge and forces nobody; {@code 30}, the same 30 % with a
     * floor 2 kWh above their energy (at most the capacity), so they must charge whatever the price.
     */
    public static Fleet withFloors(Fleet fleet, String floors) {
        if (floors.equals("none")) {
            return fleet;
        }
        boolean forced = switch (floors) {
            case "0" -> false;
            case "30" -> true;
            default -> throw new IllegalArgumentException("floors must be none, 0 or 30: value=" + floors);
        };
        double[] f = new double[fleet.size()];
        for (int i = 0; i < f.length; i++) {
            if ((i * 7) % 10 < 3) { // 30 %, spread over the lanes
                double e = fleet.energy(i);
                f[i] = forced ? Math.min(fleet.capacity(i), e + 2) : Math.max(0, e - 1);
            }
        }
        return fleet.withFloors(f);
    }

    /** The peak-slot market for a fleet of {@code n} EVs. */
    public static Market market(int n) {
        return Market.builder(P_RT).eLimit(E_LIMIT_PER_EV * n).build();
    }

    /**
     * The first index of a slice of {@code prices} grid points centred in the grid. With the
     * benchmark fleets, about 90% of the EVs discharge there, as over most of the grid (the share
     * falls only in the last tenth, towards {@code p_d = 0}, where the argmax lies), so a slice times
     * the same mix of branch outcomes as a whole-grid scan does.
     */
    public static int centredSlice(PriceGrid grid, int prices) {
        if (prices < 1 || prices > grid.size()) {
            throw new IllegalArgumentException("prices must be within [1, " + grid.size() + "]: value=" + prices);
        }
        return (grid.size() - prices) / 2;
    }
}
