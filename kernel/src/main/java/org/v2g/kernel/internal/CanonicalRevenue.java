package org.v2g.kernel.internal;

import org.v2g.kernel.Fleet;
import org.v2g.kernel.Follower;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.Market;
import org.v2g.kernel.PriceGrid;
import org.v2g.kernel.ReferenceSolver;
import org.v2g.kernel.RevenueTerms;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.Solvers;

/**
 * The one evaluation of a slot that every machine reproduces bit for bit: what SCPs vote on and what
 * a replicated ledger checks partial results against.
 *
 * <p>The fast solvers differ from each other in the last bits of {@code R} (summation order, vector
 * width, {@code Math.log} against {@code StrictMath.log}), so their own revenues cannot be compared
 * bit for bit. This class re-evaluates a chosen price the way {@link ReferenceSolver} does, SPEC
 * sections 1–2 (and section 8's floors) written literally, but with {@link StrictMath} for every logarithm (the same bits on
 * every JVM and CPU), the EVs in fleet order and the sums plain left to right ({@link Follower}'s
 * formulas, {@link RevenueTerms}'s revenue). The arithmetic left is {@code + − × ÷}, {@code min},
 * {@code max} and {@code abs}, which Java fixes exactly; so the value depends only on the fleet, the
 * market and the price.
 *
 * <p>Usage: an SCP solves with any solver, then turns its answer into what it signs:
 * <pre>{@code
 * SlotResult found = Solvers.byName("simd").solve(fleet, market, true);
 * SlotResult signed = CanonicalRevenue.of(fleet, market).canonical(found);
 * }</pre>
 *
 * <p>{@link #canonical} keeps the solver's grid index {@code k}, except for near-ties: if a grid point
 * within {@value #REACH} steps of {@code k} is canonically better (or equal and larger) by at most
 * SPEC section 3's tolerance, it takes that point instead, so two kernels that split a near-tie by
 * rounding still agree. It never moves by more than the tolerance: a solver's wrong answer stays
 * wrong. For the exact solver ({@code k = −1}) the price's bits are kept as found and only the
 * revenue and decisions are re-evaluated (docs/ARCHITECTURE.md, "What is voted on").
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class CanonicalRevenue {
    /** Grid steps on each side of a solver's index that are examined for a near-tie. */
    static final int REACH = 4;
    /** SPEC section 3's relative tolerance. */
    static final double TOLERANCE = 1e-9;
    static final double LN2 = StrictMath.log(2);

    private final Market market;
    private final PriceGrid grid;
    private final int n;
    private final double[] w;
    private final double[] a;
    private final double[] lo;
    /** The best answer that does not depend on {@code p_d}: idle, or charging if strictly better. */
    private final double[] altAmount;
    private final double[] altUtility;

    private CanonicalRevenue(Fleet fleet, Market market) {
        this.market = market;
        this.grid = market.grid();
        this.n = fleet.size();
        this.w = new double[n];
        this.a = new double[n];
        this.lo = new double[n];
        this.altAmount = new double[n];
        this.altUtility = new double[n];
        double e0 = market.e0();
        double pC = market.pC();
        for (int i = 0; i < n; i++) {
            double capacity = fleet.capacity(i);
            double energy = fleet.energy(i);
            double wi = fleet.beta(i) / Math.max(energy / capacity, market.socFloor());
            double hi = Math.min(1, (capacity - energy) / e0);
            w[i] = wi;
            a[i] = fleet.a(i);
            double floor = fleet.floor(i);
            lo[i] = -Math.min(1, Math.max(0, energy - Math.max(floor, market.socMin() * capacity)) / e0);
            double amount = 0;
            double utility = fleet.uIdle(i);
            if (floor > energy) {
                // SPEC section 8: below its floor it must charge (lo is 0, so it never discharges).
                double need = Math.min(hi, (floor - energy) / e0);
                amount = Math.min(hi, Math.max(need, wi / (pC * LN2) - 1));
                utility = wi * log2(1 + amount) - pC * amount;
            } else if (hi > 0) {
                double xC = Math.min(wi / (pC * LN2) - 1, hi);
                if (xC > 0) {
                    double uC = wi * log2(1 + xC) - pC * xC;
                    if (uC > utility) {
                        amount = xC;
                        utility = uC;
                    }
                }
            }
            altAmount[i] = amount;
            altUtility[i] = utility;
        }
    }

    /** Prepares the canonical evaluation of a slot (one pass over the fleet). */
    public static CanonicalRevenue of(Fleet fleet, Market market) {
        return new CanonicalRevenue(fleet, market);
    }

    /** The slot's grid. */
    public PriceGrid grid() {
        return grid;
    }

    /** The canonical {@code R(p_k)}. */
    public double revenue(int k) {
        checkIndex(k, "k");
        return revenueAt(grid.price(k));
    }

    /** The canonical {@code R(p)} at any price. */
    public double revenueAt(double price) {
        return revenueOf(amounts(price), price);
    }

    /** The canonical result at grid index {@code k} exactly, with every EV's decision there. */
    public SlotResult at(int k, String solver, boolean withDispatch) {
        checkIndex(k, "k");
        return result(k, grid.price(k), solver, withDispatch);
    }

    /**
     * The best point of {@code [k0, k1)} near index {@code k}: {@code k} itself or, for a near-tie, a
     * neighbour within {@value #REACH} steps and inside the range that is canonically better (higher
     * revenue, or equal at a larger index) by at most the tolerance. Revenues are canonical.
     */
    public GridPoint bestNear(int k, int k0, int k1) {
        grid.checkRange(k0, k1);
        if (k < k0 || k >= k1) {
            throw new InvalidInputException("k", "grid range [" + k0 + ", " + k1 + ")", k, "must lie in the range");
        }
        GridPoint anchor = new GridPoint(k, revenue(k));
        double tolerance = tolerance(anchor.revenue());
        GridPoint best = anchor;
        for (int j = Math.max(k0, k - REACH); j < Math.min(k1, k + REACH + 1); j++) {
            if (j == k) {
                continue;
            }
            GridPoint here = new GridPoint(j, revenue(j));
            if (here.revenue() - anchor.revenue() <= tolerance) {
                best = GridPoint.better(here, best);
            }
        }
        return best;
    }

    /**
     * What an honest SCP signs for the answer {@code found} of any solver of this slot: the grid index
     * (near-ties resolved by {@link #bestNear} over the whole grid) or, for a price off the grid
     * ({@code k = −1}), the price's own bits; the price from the index as SPEC section 3 says; revenue,
     * counts, terms and decisions from this evaluation. The solver's name and time are kept; the
     * dispatch is included when {@code found} has one.
     *
     * @throws InvalidInputException if {@code found}'s index is outside the grid, or its off-grid price
     *                               is not a finite price of {@code [p_dmin, p_dmax]}
     */
    public SlotResult canonical(SlotResult found) {
        boolean withDispatch = found.dispatch().isPresent();
        SlotResult out;
        if (found.k() < 0) {
            double p = found.price();
            if (found.k() != -1 || !(p >= market.pdMin() && p <= market.pdMax())) {
                throw new InvalidInputException("price", "solver=" + found.solver() + " k=" + found.k(), p,
                        "must be a grid index or a price in [p_d_min, p_d_max]");
            }
            out = result(-1, p, found.solver(), withDispatch);
        } else {
            checkIndex(found.k(), "k");
            int k = bestNear(found.k(), 0, grid.size()).k();
            out = result(k, grid.price(k), found.solver(), withDispatch);
        }
        return out.withNanos(found.nanos());
    }

    /** SPEC section 3's tolerance around a revenue: {@code 1e−9·max(1, |R|)}. */
    public static double tolerance(double revenue) {
        return TOLERANCE * Math.max(1, Math.abs(revenue));
    }

    private SlotResult result(int k, double price, String solver, boolean withDispatch) {
        double[] x = amounts(price);
        return SlotResult.fromAmounts(solver, k, price, revenueOf(x, price), x, market, withDispatch);
    }

    private double[] amounts(double price) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amount(i, price);
        }
        return x;
    }

    /** The sums in fleet order, plain left to right, then SPEC section 2's terms. */
    private double revenueOf(double[] x, double price) {
        double charge = 0;
        double discharge = 0;
        int idle = 0;
        for (double xi : x) {
            if (xi > 0) {
                charge += xi;
            } else if (xi < 0) {
                discharge += -xi;
            } else {
                idle++;
            }
        }
        return RevenueTerms.of(market, price, charge, discharge, idle).revenue();
    }

    /** EV {@code i}'s signed amount at {@code price}: SPEC section 1, discharge replacing only if strictly better. */
    private double amount(int i, double price) {
        double q = a[i] - price;
        if (lo[i] < 0 && q > 0) {
            double xD = Math.max(w[i] / (q * LN2) - 2, lo[i]);
            if (xD < 0) {
                double uD = w[i] * (log2(2 + xD) - 1) - a[i] * xD + price * xD;
                if (uD > altUtility[i]) {
                    return xD;
                }
            }
        }
        return altAmount[i];
    }

    private void checkIndex(int k, String field) {
        if (k < 0 || k >= grid.size()) {
            throw new InvalidInputException(field, "grid of " + grid.size() + " points", k, "must be in [0, "
                    + grid.lastIndex() + "]");
        }
    }

    static double log2(double v) {
        return StrictMath.log(v) / LN2;
    }
}
