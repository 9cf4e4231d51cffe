package org.v2g.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code R(p_k)} with {@code jdk.incubator.vector}, EVs across the lanes: four independent pairs of
 * accumulators (discharged amount, lost revenue), one lane reduction per price, then a scalar tail
 * with the algebra of {@link ScalarKernel}. Loaded reflectively by {@link Kernels} so that a JVM
 * without the incubator module never touches this class.
 */
final class VectorKernel implements RevenueKernel {

    static final String NAME = "simd";
    /** Forces 128, 256 or 512-bit vectors (tests run once per width); unset: the preferred species. */
    static final String BITS_PROPERTY = "v2g.vector.bits";

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
        final int step = 4 * lanes;
        DoubleVector d0 = zero, d1 = zero, d2 = zero, d3 = zero;
        DoubleVector l0 = zero, l1 = zero, l2 = zero, l3 = zero;
        int i = 0;
        for (int bound = n - step + 1; i < bound; i += step) {
            VectorMask<Double> k0 = DoubleVector.fromArray(SPECIES, qStar, i).lt(vq);
            VectorMask<Double> k1 = DoubleVector.fromArray(SPECIES, qStar, i + lanes).lt(vq);
            VectorMask<Double> k2 = DoubleVector.fromArray(SPECIES, qStar, i + 2 * lanes).lt(vq);
            VectorMask<Double> k3 = DoubleVector.fromArray(SPECIES, qStar, i + 3 * lanes).lt(vq);
            DoubleVector x0 = two.sub(DoubleVector.fromArray(SPECIES, c, i).mul(vInverse))
                    .min(DoubleVector.fromArray(SPECIES, m, i));
            DoubleVector x1 = two.sub(DoubleVector.fromArray(SPECIES, c, i + lanes).mul(vInverse))
                    .min(DoubleVector.fromArray(SPECIES, m, i + lanes));
            DoubleVector x2 = two.sub(DoubleVector.fromArray(SPECIES, c, i + 2 * lanes).mul(vInverse))
                    .min(DoubleVector.fromArray(SPECIES, m, i + 2 * lanes));
            DoubleVector x3 = two.sub(DoubleVector.fromArray(SPECIES, c, i + 3 * lanes).mul(vInverse))
                    .min(DoubleVector.fromArray(SPECIES, m, i + 3 * lanes));
            d0 = d0.add(zero.blend(x0, k0));
            d1 = d1.add(zero.blend(x1, k1));
            d2 = d2.add(zero.blend(x2, k2));
            d3 = d3.add(zero.blend(x3, k3));
            l0 = l0.add(zero.blend(DoubleVector.fromArray(SPECIES, lost, i), k0));
            l1 = l1.add(zero.blend(DoubleVector.fromArray(SPECIES, lost, i + lanes), k1));
            l2 = l2.add(zero.blend(DoubleVector.fromArray(SPECIES, lost, i + 2 * lanes), k2));
            l3 = l3.add(zero.blend(DoubleVector.fromArray(SPECIES, lost, i + 3 * lanes), k3));
        }
        for (int bound = n - lanes + 1; i < bound; i += lanes) {
            VectorMask<Double> k0 = DoubleVector.fromArray(SPECIES, qStar, i).lt(vq);
            DoubleVector x0 = two.sub(DoubleVector.fromArray(SPECIES, c, i).mul(vInverse))
                    .min(DoubleVector.fromArray(SPECIES, m, i));
            d0 = d0.add(zero.blend(x0, k0));
            l0 = l0.add(zero.blend(DoubleVector.fromArray(SPECIES, lost, i), k0));
        }
        double sumDischarge = d0.add(d1).add(d2.add(d3)).reduceLanes(VectorOperators.ADD);
        double sumLost = l0.add(l1).add(l2.add(l3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
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
        final int step = 2 * lanes;
        DoubleVector d0 = zero, d1 = zero;
        DoubleVector l0 = zero, l1 = zero;
        int i = 0;
        for (int bound = n - step + 1; i < bound; i += step) {
            DoubleVector q0 = DoubleVector.fromArray(SPECIES, a, i).sub(vp);
            DoubleVector q1 = DoubleVector.fromArray(SPECIES, a, i + lanes).sub(vp);
            VectorMask<Double> k0 = DoubleVector.fromArray(SPECIES, qStar, i).lt(q0);
            VectorMask<Double> k1 = DoubleVector.fromArray(SPECIES, qStar, i + lanes).lt(q1);
            DoubleVector x0 = two.sub(DoubleVector.fromArray(SPECIES, c, i).div(q0))
                    .min(DoubleVector.fromArray(SPECIES, m, i));
            DoubleVector x1 = two.sub(DoubleVector.fromArray(SPECIES, c, i + lanes).div(q1))
                    .min(DoubleVector.fromArray(SPECIES, m, i + lanes));
            d0 = d0.add(zero.blend(x0, k0));
            d1 = d1.add(zero.blend(x1, k1));
            l0 = l0.add(zero.blend(DoubleVector.fromArray(SPECIES, lost, i), k0));
            l1 = l1.add(zero.blend(DoubleVector.fromArray(SPECIES, lost, i + lanes), k1));
        }
        for (int bound = n - lanes + 1; i < bound; i += lanes) {
            DoubleVector q0 = DoubleVector.fromArray(SPECIES, a, i).sub(vp);
            VectorMask<Double> k0 = DoubleVector.fromArray(SPECIES, qStar, i).lt(q0);
            DoubleVector x0 = two.sub(DoubleVector.fromArray(SPECIES, c, i).div(q0))
                    .min(DoubleVector.fromArray(SPECIES, m, i));
            d0 = d0.add(zero.blend(x0, k0));
            l0 = l0.add(zero.blend(DoubleVector.fromArray(SPECIES, lost, i), k0));
        }
        double sumDischarge = d0.add(d1).reduceLanes(VectorOperators.ADD);
        double sumLost = l0.add(l1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double q = a[i] - p;
            if (qStar[i] < q) {
                sumDischarge += Math.min(2 - c[i] / q, m[i]);
                sumLost += lost[i];
            }
        }
        return s.revenue(p, sumDischarge, sumLost);
    }
}
