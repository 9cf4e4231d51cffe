// The kernel of commit 67d1e11 (4 prices per pass, compare+blend min, vectors passed to sumLanes), renamed for the A/B.
package org.v2g.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code R(p_k)} with {@code jdk.incubator.vector}, EVs across the lanes. Loaded reflectively by
 * {@link Kernels} so that a JVM without the incubator module never touches this class.
 *
 * <p>Loop shape: per price, one pair of vector accumulators (discharged amount, lost revenue) that
 * each EV block is blended into, one lane reduction, then a scalar tail with the algebra of
 * {@link ScalarKernel}. {@link #best} and {@link #revenues} evaluate {@value #PRICES_PER_PASS} prices
 * per pass over the fleet: each block of {@code c, m, qStar, lost} (and {@code a}) is loaded once and
 * used for four prices, so a fleet too big for L1 costs a quarter of the cache traffic per price
 * (measured in {@code docs/perf/KERNEL.md}: twice the throughput at N = 100,000, the same at N = 2,000,
 * where the loop is bound by arithmetic, not loads). Each price of a pass goes through exactly the
 * operations, in the same order, of the single-price loop of {@link #revenue}, so a price's value does
 * not depend on the range it was asked in or on its position in a pass, bit for bit.
 */
final class VectorKernelB implements RevenueKernel {

    static final String NAME = "simd";
    /** Forces 128, 256 or 512-bit vectors (tests run once per width); unset: the preferred species. */
    static final String BITS_PROPERTY = "v2g.vector.bits";
    /**
     * Prices per pass over the fleet. Four keeps the loop in registers with 512-bit vectors (8
     * accumulators, 8 broadcast constants, 4 or 5 loaded blocks, of 32 registers); eight would spill.
     */
    static final int PRICES_PER_PASS = 4;

    private static final VectorSpecies<Double> SPECIES = species(System.getProperty(BITS_PROPERTY, ""));

    static VectorSpecies<Double> species(String bits) {
        return switch (bits.trim()) {
            case "", "preferred" -> DoubleVector.SPECIES_PREFERRED;
            case "128" -> DoubleVector.SPECIES_128;
            case "256" -> DoubleVector.SPECIES_256;
            case "512" -> DoubleVector.SPECIES_512;
            default -> throw new IllegalArgumentException(BITS_PROPERTY + " must be 128, 256 or 512: value=" + bits);
        };
    }

    /** Lanes of the species in use. */
    static int lanes() {
        return SPECIES.length();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double revenue(PreparedSlot s, int k) {
        return at(s, k);
    }

    /** {@code R(p_k)}, one price per pass. */
    private static double at(PreparedSlot s, int k) {
        double p = s.grid.price(k);
        if (s.uniformA) {
            double q = s.commonA - p;
            if (!(q > 0)) {
                return s.revenue(p, 0, 0); // nobody discharges: every qStar is positive
            }
            return uniform(s, p, q);
        }
        return perEv(s, p);
    }

    @Override
    public void revenues(PreparedSlot s, int k0, int k1, double[] out) {
        s.grid.checkRange(k0, k1);
        double[] scratch = new double[SPECIES.length()];
        int k = k0;
        for (int last = k1 - PRICES_PER_PASS; k <= last; k += PRICES_PER_PASS) {
            pass(s, k, out, k - k0, scratch);
        }
        for (; k < k1; k++) {
            out[k - k0] = at(s, k);
        }
    }

    @Override
    public GridPoint best(PreparedSlot s, int k0, int k1) {
        s.grid.checkRange(k0, k1);
        double[] r = new double[PRICES_PER_PASS];
        double[] scratch = new double[SPECIES.length()];
        int bestK = k0;
        double bestR = Double.NaN;
        for (int k = k0; k < k1; k += PRICES_PER_PASS) {
            int count = Math.min(PRICES_PER_PASS, k1 - k);
            if (count == PRICES_PER_PASS) {
                pass(s, k, r, 0, scratch);
            } else {
                for (int j = 0; j < count; j++) {
                    r[j] = at(s, k + j);
                }
            }
            for (int j = 0; j < count; j++) {
                if (k + j == k0 || r[j] >= bestR) { // ascending k: an equal revenue at a larger index wins
                    bestR = r[j];
                    bestK = k + j;
                }
            }
        }
        return new GridPoint(bestK, bestR);
    }

    /**
     * {@code R} at the four prices {@code k … k+3}, written to {@code out[at … at+3]}.
     *
     * @param scratch {@link #lanes()} doubles for {@link #sumLanes}
     */
    private static void pass(PreparedSlot s, int k, double[] out, int at, double[] scratch) {
        if (s.uniformA) {
            // q falls with k: if the last price has q > 0, all four do.
            if (!(s.commonA - s.grid.price(k + PRICES_PER_PASS - 1) > 0)) {
                for (int j = 0; j < PRICES_PER_PASS; j++) {
                    out[at + j] = at(s, k + j);
                }
                return;
            }
            uniform4(s, k, out, at, scratch);
        } else {
            perEv4(s, k, out, at, scratch);
        }
    }

    /** All EVs share {@code a}: {@code q} is one number per price and {@code c/q} a multiplication. */
    private static double uniform(PreparedSlot s, double p, double q) {
        final double[] c = s.c;
        final double[] m = s.m;
        final double[] qStar = s.qStar;
        final double[] lost = s.lost;
        final int n = s.n;
        final double inverse = 1 / q;
        final DoubleVector vq = DoubleVector.broadcast(SPECIES, q);
        final DoubleVector vInverse = DoubleVector.broadcast(SPECIES, inverse);
        final DoubleVector two = DoubleVector.broadcast(SPECIES, 2);
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        final int lanes = SPECIES.length();
        final double[] scratch = new double[lanes];
        DoubleVector d = zero;
        DoubleVector l = zero;
        int i = 0;
        for (int limit = SPECIES.loopBound(n); i < limit; i += lanes) {
            VectorMask<Double> in = DoubleVector.fromArray(SPECIES, qStar, i).lt(vq);
            DoubleVector x = min(two.sub(DoubleVector.fromArray(SPECIES, c, i).mul(vInverse)),
                    DoubleVector.fromArray(SPECIES, m, i));
            d = d.add(zero.blend(x, in));
            l = l.add(zero.blend(DoubleVector.fromArray(SPECIES, lost, i), in));
        }
        return uniformTail(s, p, q, inverse, i, sumLanes(d, scratch), sumLanes(l, scratch));
    }

    /** {@link #uniform} at four prices per pass; per price, the same operations in the same order. */
    private static void uniform4(PreparedSlot s, int k, double[] out, int at, double[] scratch) {
        final double[] c = s.c;
        final double[] m = s.m;
        final double[] qStar = s.qStar;
        final double[] lost = s.lost;
        final int n = s.n;
        final double p0 = s.grid.price(k);
        final double p1 = s.grid.price(k + 1);
        final double p2 = s.grid.price(k + 2);
        final double p3 = s.grid.price(k + 3);
        final double q0 = s.commonA - p0;
        final double q1 = s.commonA - p1;
        final double q2 = s.commonA - p2;
        final double q3 = s.commonA - p3;
        final double inverse0 = 1 / q0;
        final double inverse1 = 1 / q1;
        final double inverse2 = 1 / q2;
        final double inverse3 = 1 / q3;
        final DoubleVector vq0 = DoubleVector.broadcast(SPECIES, q0);
        final DoubleVector vq1 = DoubleVector.broadcast(SPECIES, q1);
        final DoubleVector vq2 = DoubleVector.broadcast(SPECIES, q2);
        final DoubleVector vq3 = DoubleVector.broadcast(SPECIES, q3);
        final DoubleVector vInverse0 = DoubleVector.broadcast(SPECIES, inverse0);
        final DoubleVector vInverse1 = DoubleVector.broadcast(SPECIES, inverse1);
        final DoubleVector vInverse2 = DoubleVector.broadcast(SPECIES, inverse2);
        final DoubleVector vInverse3 = DoubleVector.broadcast(SPECIES, inverse3);
        final DoubleVector two = DoubleVector.broadcast(SPECIES, 2);
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        final int lanes = SPECIES.length();
        DoubleVector d0 = zero, d1 = zero, d2 = zero, d3 = zero;
        DoubleVector l0 = zero, l1 = zero, l2 = zero, l3 = zero;
        int i = 0;
        for (int limit = SPECIES.loopBound(n); i < limit; i += lanes) {
            DoubleVector vc = DoubleVector.fromArray(SPECIES, c, i);
            DoubleVector vm = DoubleVector.fromArray(SPECIES, m, i);
            DoubleVector vStar = DoubleVector.fromArray(SPECIES, qStar, i);
            DoubleVector vLost = DoubleVector.fromArray(SPECIES, lost, i);
            VectorMask<Double> in0 = vStar.lt(vq0);
            VectorMask<Double> in1 = vStar.lt(vq1);
            VectorMask<Double> in2 = vStar.lt(vq2);
            VectorMask<Double> in3 = vStar.lt(vq3);
            d0 = d0.add(zero.blend(min(two.sub(vc.mul(vInverse0)), vm), in0));
            d1 = d1.add(zero.blend(min(two.sub(vc.mul(vInverse1)), vm), in1));
            d2 = d2.add(zero.blend(min(two.sub(vc.mul(vInverse2)), vm), in2));
            d3 = d3.add(zero.blend(min(two.sub(vc.mul(vInverse3)), vm), in3));
            l0 = l0.add(zero.blend(vLost, in0));
            l1 = l1.add(zero.blend(vLost, in1));
            l2 = l2.add(zero.blend(vLost, in2));
            l3 = l3.add(zero.blend(vLost, in3));
        }
        out[at] = uniformTail(s, p0, q0, inverse0, i, sumLanes(d0, scratch),
                sumLanes(l0, scratch));
        out[at + 1] = uniformTail(s, p1, q1, inverse1, i, sumLanes(d1, scratch),
                sumLanes(l1, scratch));
        out[at + 2] = uniformTail(s, p2, q2, inverse2, i, sumLanes(d2, scratch),
                sumLanes(l2, scratch));
        out[at + 3] = uniformTail(s, p3, q3, inverse3, i, sumLanes(d3, scratch),
                sumLanes(l3, scratch));
    }

    /**
     * {@code Math.min(y, m)} lane-wise for the values this kernel meets (no NaN; a {@code -0.0} that
     * it would rank differently adds up the same): one compare and one blend. {@code DoubleVector.min}
     * keeps {@code Math.min}'s NaN and signed-zero rules, which costs C2 a longer sequence than
     * {@code vminpd}; measured in {@code docs/perf/KERNEL.md}.
     */
    private static DoubleVector min(DoubleVector y, DoubleVector m) {
        return m.blend(y, y.lt(m));
    }

    /**
     * The lanes of {@code v} summed from lane 0 up, in Java. Not {@code reduceLanes(ADD)}: its order is
     * unspecified for {@code double} (the C2 intrinsic may add in another order than the Java fallback
     * that runs before compilation), and with it the same price evaluated in two ranges differed in the
     * last bit ({@code RangeInvarianceTest}). One store and eight adds per price and sum.
     */
    private static double sumLanes(DoubleVector v, double[] scratch) {
        v.intoArray(scratch, 0);
        double sum = 0;
        for (int j = 0; j < scratch.length; j++) {
            sum += scratch[j];
        }
        return sum;
    }

    /** The EVs from {@code i} on, one at a time, then {@code R}: the scalar twin's algebra. */
    private static double uniformTail(PreparedSlot s, double p, double q, double inverse, int i,
            double sumDischarge, double sumLost) {
        final double[] c = s.c;
        final double[] m = s.m;
        final double[] qStar = s.qStar;
        final double[] lost = s.lost;
        for (int n = s.n; i < n; i++) {
            if (qStar[i] < q) {
                sumDischarge += Math.min(2 - c[i] * inverse, m[i]);
                sumLost += lost[i];
            }
        }
        return s.revenue(p, sumDischarge, sumLost);
    }

    /** Each EV has its own {@code a}: {@code q} per lane and a division. */
    private static double perEv(PreparedSlot s, double p) {
        final double[] c = s.c;
        final double[] m = s.m;
        final double[] qStar = s.qStar;
        final double[] lost = s.lost;
        final double[] a = s.a;
        final int n = s.n;
        final DoubleVector vp = DoubleVector.broadcast(SPECIES, p);
        final DoubleVector two = DoubleVector.broadcast(SPECIES, 2);
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        final int lanes = SPECIES.length();
        final double[] scratch = new double[lanes];
        DoubleVector d = zero;
        DoubleVector l = zero;
        int i = 0;
        for (int limit = SPECIES.loopBound(n); i < limit; i += lanes) {
            DoubleVector q = DoubleVector.fromArray(SPECIES, a, i).sub(vp);
            VectorMask<Double> in = DoubleVector.fromArray(SPECIES, qStar, i).lt(q);
            DoubleVector x = min(two.sub(DoubleVector.fromArray(SPECIES, c, i).div(q)),
                    DoubleVector.fromArray(SPECIES, m, i));
            d = d.add(zero.blend(x, in));
            l = l.add(zero.blend(DoubleVector.fromArray(SPECIES, lost, i), in));
        }
        return perEvTail(s, p, i, sumLanes(d, scratch), sumLanes(l, scratch));
    }

    /** {@link #perEv} at four prices per pass; per price, the same operations in the same order. */
    private static void perEv4(PreparedSlot s, int k, double[] out, int at, double[] scratch) {
        final double[] c = s.c;
        final double[] m = s.m;
        final double[] qStar = s.qStar;
        final double[] lost = s.lost;
        final double[] a = s.a;
        final int n = s.n;
        final double p0 = s.grid.price(k);
        final double p1 = s.grid.price(k + 1);
        final double p2 = s.grid.price(k + 2);
        final double p3 = s.grid.price(k + 3);
        final DoubleVector vp0 = DoubleVector.broadcast(SPECIES, p0);
        final DoubleVector vp1 = DoubleVector.broadcast(SPECIES, p1);
        final DoubleVector vp2 = DoubleVector.broadcast(SPECIES, p2);
        final DoubleVector vp3 = DoubleVector.broadcast(SPECIES, p3);
        final DoubleVector two = DoubleVector.broadcast(SPECIES, 2);
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        final int lanes = SPECIES.length();
        DoubleVector d0 = zero, d1 = zero, d2 = zero, d3 = zero;
        DoubleVector l0 = zero, l1 = zero, l2 = zero, l3 = zero;
        int i = 0;
        for (int limit = SPECIES.loopBound(n); i < limit; i += lanes) {
            DoubleVector va = DoubleVector.fromArray(SPECIES, a, i);
            DoubleVector vc = DoubleVector.fromArray(SPECIES, c, i);
            DoubleVector vm = DoubleVector.fromArray(SPECIES, m, i);
            DoubleVector vStar = DoubleVector.fromArray(SPECIES, qStar, i);
            DoubleVector vLost = DoubleVector.fromArray(SPECIES, lost, i);
            DoubleVector q0 = va.sub(vp0);
            DoubleVector q1 = va.sub(vp1);
            DoubleVector q2 = va.sub(vp2);
            DoubleVector q3 = va.sub(vp3);
            VectorMask<Double> in0 = vStar.lt(q0);
            VectorMask<Double> in1 = vStar.lt(q1);
            VectorMask<Double> in2 = vStar.lt(q2);
            VectorMask<Double> in3 = vStar.lt(q3);
            d0 = d0.add(zero.blend(min(two.sub(vc.div(q0)), vm), in0));
            d1 = d1.add(zero.blend(min(two.sub(vc.div(q1)), vm), in1));
            d2 = d2.add(zero.blend(min(two.sub(vc.div(q2)), vm), in2));
            d3 = d3.add(zero.blend(min(two.sub(vc.div(q3)), vm), in3));
            l0 = l0.add(zero.blend(vLost, in0));
            l1 = l1.add(zero.blend(vLost, in1));
            l2 = l2.add(zero.blend(vLost, in2));
            l3 = l3.add(zero.blend(vLost, in3));
        }
        out[at] = perEvTail(s, p0, i, sumLanes(d0, scratch), sumLanes(l0, scratch));
        out[at + 1] = perEvTail(s, p1, i, sumLanes(d1, scratch), sumLanes(l1, scratch));
        out[at + 2] = perEvTail(s, p2, i, sumLanes(d2, scratch), sumLanes(l2, scratch));
        out[at + 3] = perEvTail(s, p3, i, sumLanes(d3, scratch), sumLanes(l3, scratch));
    }

    /** The EVs from {@code i} on, one at a time, then {@code R}: the scalar twin's algebra. */
    private static double perEvTail(PreparedSlot s, double p, int i, double sumDischarge, double sumLost) {
        final double[] c = s.c;
        final double[] m = s.m;
        final double[] qStar = s.qStar;
        final double[] lost = s.lost;
        final double[] a = s.a;
        for (int n = s.n; i < n; i++) {
            double q = a[i] - p;
            if (qStar[i] < q) {
                sumDischarge += Math.min(2 - c[i] / q, m[i]);
                sumLost += lost[i];
            }
        }
        return s.revenue(p, sumDischarge, sumLost);
    }
}
