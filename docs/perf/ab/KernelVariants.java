package org.v2g.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A/B variants of VectorKernel's loops, kept to reproduce docs/perf/KERNEL.md; not built by Maven. It sits
 * in the kernel's package to read PreparedSlot's arrays (class path only). "old" is the kernel as of commit
 * 44f5ac4; VectorKernelA.java is the kernel of commit 6adb511 (4-price pass, DoubleVector.min), VectorKernelB.java
 * that of 67d1e11 (+ compare-and-blend min); "current" is Kernels.simd() of the jar on the class path.
 */
public final class KernelVariants {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private static final RevenueKernel A = new VectorKernelA();
    private static final RevenueKernel B = new VectorKernelB();

    private KernelVariants() {
    }

    public static GridPoint best(String variant, PreparedSlot s, int k0, int k1) {
        return switch (variant) {
            case "masked" -> single(s, k0, k1, true);
            case "blend" -> single(s, k0, k1, false);
            case "b4" -> blocked4(s, k0, k1, false, false);
            case "b4m" -> blocked4(s, k0, k1, true, false);
            case "b4mf" -> blocked4(s, k0, k1, true, true);
            case "b4f" -> blocked4(s, k0, k1, false, true);
            case "b4sel" -> blocked4sel(s, k0, k1);
            case "v4" -> perEv4(s, k0, k1);
            case "old" -> old(s, k0, k1);
            case "A" -> A.best(s, k0, k1);
            case "B" -> B.best(s, k0, k1);
            default -> throw new IllegalArgumentException(variant);
        };
    }

    private static GridPoint single(PreparedSlot s, int k0, int k1, boolean masked) {
        int bestK = k0;
        double bestR = Double.NEGATIVE_INFINITY;
        for (int k = k0; k < k1; k++) {
            double p = s.grid.price(k);
            double q = s.commonA - p;
            double r = q > 0 ? (masked ? uniformMasked(s, p, q) : uniformBlend(s, p, q)) : s.revenue(p, 0, 0);
            if (r >= bestR) {
                bestR = r;
                bestK = k;
            }
        }
        return new GridPoint(bestK, bestR);
    }

    static double uniformBlend(PreparedSlot s, double p, double q) {
        final double[] c = s.c, m = s.m, qStar = s.qStar, lost = s.lost;
        final int n = s.n;
        final double inverse = 1 / q;
        final DoubleVector vq = DoubleVector.broadcast(S, q), vInverse = DoubleVector.broadcast(S, inverse);
        final DoubleVector two = DoubleVector.broadcast(S, 2), zero = DoubleVector.zero(S);
        final int lanes = S.length(), step = 4 * lanes;
        DoubleVector d0 = zero, d1 = zero, d2 = zero, d3 = zero, l0 = zero, l1 = zero, l2 = zero, l3 = zero;
        int i = 0;
        for (int bound = n - step + 1; i < bound; i += step) {
            VectorMask<Double> k0 = DoubleVector.fromArray(S, qStar, i).lt(vq);
            VectorMask<Double> k1 = DoubleVector.fromArray(S, qStar, i + lanes).lt(vq);
            VectorMask<Double> k2 = DoubleVector.fromArray(S, qStar, i + 2 * lanes).lt(vq);
            VectorMask<Double> k3 = DoubleVector.fromArray(S, qStar, i + 3 * lanes).lt(vq);
            DoubleVector x0 = two.sub(DoubleVector.fromArray(S, c, i).mul(vInverse)).min(DoubleVector.fromArray(S, m, i));
            DoubleVector x1 = two.sub(DoubleVector.fromArray(S, c, i + lanes).mul(vInverse)).min(DoubleVector.fromArray(S, m, i + lanes));
            DoubleVector x2 = two.sub(DoubleVector.fromArray(S, c, i + 2 * lanes).mul(vInverse)).min(DoubleVector.fromArray(S, m, i + 2 * lanes));
            DoubleVector x3 = two.sub(DoubleVector.fromArray(S, c, i + 3 * lanes).mul(vInverse)).min(DoubleVector.fromArray(S, m, i + 3 * lanes));
            d0 = d0.add(zero.blend(x0, k0));
            d1 = d1.add(zero.blend(x1, k1));
            d2 = d2.add(zero.blend(x2, k2));
            d3 = d3.add(zero.blend(x3, k3));
            l0 = l0.add(zero.blend(DoubleVector.fromArray(S, lost, i), k0));
            l1 = l1.add(zero.blend(DoubleVector.fromArray(S, lost, i + lanes), k1));
            l2 = l2.add(zero.blend(DoubleVector.fromArray(S, lost, i + 2 * lanes), k2));
            l3 = l3.add(zero.blend(DoubleVector.fromArray(S, lost, i + 3 * lanes), k3));
        }
        for (int bound = n - lanes + 1; i < bound; i += lanes) {
            VectorMask<Double> k0 = DoubleVector.fromArray(S, qStar, i).lt(vq);
            DoubleVector x0 = two.sub(DoubleVector.fromArray(S, c, i).mul(vInverse)).min(DoubleVector.fromArray(S, m, i));
            d0 = d0.add(zero.blend(x0, k0));
            l0 = l0.add(zero.blend(DoubleVector.fromArray(S, lost, i), k0));
        }
        double sd = d0.add(d1).add(d2.add(d3)).reduceLanes(VectorOperators.ADD);
        double sl = l0.add(l1).add(l2.add(l3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            if (qStar[i] < q) {
                sd += Math.min(2 - c[i] * inverse, m[i]);
                sl += lost[i];
            }
        }
        return s.revenue(p, sd, sl);
    }

    static double uniformMasked(PreparedSlot s, double p, double q) {
        final double[] c = s.c, m = s.m, qStar = s.qStar, lost = s.lost;
        final int n = s.n;
        final double inverse = 1 / q;
        final DoubleVector vq = DoubleVector.broadcast(S, q), vInverse = DoubleVector.broadcast(S, inverse);
        final DoubleVector two = DoubleVector.broadcast(S, 2), zero = DoubleVector.zero(S);
        final int lanes = S.length(), step = 4 * lanes;
        DoubleVector d0 = zero, d1 = zero, d2 = zero, d3 = zero, l0 = zero, l1 = zero, l2 = zero, l3 = zero;
        int i = 0;
        for (int bound = n - step + 1; i < bound; i += step) {
            VectorMask<Double> k0 = DoubleVector.fromArray(S, qStar, i).lt(vq);
            VectorMask<Double> k1 = DoubleVector.fromArray(S, qStar, i + lanes).lt(vq);
            VectorMask<Double> k2 = DoubleVector.fromArray(S, qStar, i + 2 * lanes).lt(vq);
            VectorMask<Double> k3 = DoubleVector.fromArray(S, qStar, i + 3 * lanes).lt(vq);
            DoubleVector x0 = two.sub(DoubleVector.fromArray(S, c, i).mul(vInverse)).min(DoubleVector.fromArray(S, m, i));
            DoubleVector x1 = two.sub(DoubleVector.fromArray(S, c, i + lanes).mul(vInverse)).min(DoubleVector.fromArray(S, m, i + lanes));
            DoubleVector x2 = two.sub(DoubleVector.fromArray(S, c, i + 2 * lanes).mul(vInverse)).min(DoubleVector.fromArray(S, m, i + 2 * lanes));
            DoubleVector x3 = two.sub(DoubleVector.fromArray(S, c, i + 3 * lanes).mul(vInverse)).min(DoubleVector.fromArray(S, m, i + 3 * lanes));
            d0 = d0.add(x0, k0);
            d1 = d1.add(x1, k1);
            d2 = d2.add(x2, k2);
            d3 = d3.add(x3, k3);
            l0 = l0.add(DoubleVector.fromArray(S, lost, i), k0);
            l1 = l1.add(DoubleVector.fromArray(S, lost, i + lanes), k1);
            l2 = l2.add(DoubleVector.fromArray(S, lost, i + 2 * lanes), k2);
            l3 = l3.add(DoubleVector.fromArray(S, lost, i + 3 * lanes), k3);
        }
        for (int bound = n - lanes + 1; i < bound; i += lanes) {
            VectorMask<Double> k0 = DoubleVector.fromArray(S, qStar, i).lt(vq);
            DoubleVector x0 = two.sub(DoubleVector.fromArray(S, c, i).mul(vInverse)).min(DoubleVector.fromArray(S, m, i));
            d0 = d0.add(x0, k0);
            l0 = l0.add(DoubleVector.fromArray(S, lost, i), k0);
        }
        double sd = d0.add(d1).add(d2.add(d3)).reduceLanes(VectorOperators.ADD);
        double sl = l0.add(l1).add(l2.add(l3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            if (qStar[i] < q) {
                sd += Math.min(2 - c[i] * inverse, m[i]);
                sl += lost[i];
            }
        }
        return s.revenue(p, sd, sl);
    }

    /** Four prices per pass over the EVs; one accumulator pair per price. Assumes q > 0 for all four. */
    private static GridPoint blocked4(PreparedSlot s, int k0, int k1, boolean masked, boolean fma) {
        final double[] c = s.c, m = s.m, qStar = s.qStar, lost = s.lost;
        final int n = s.n, lanes = S.length();
        final DoubleVector two = DoubleVector.broadcast(S, 2), zero = DoubleVector.zero(S);
        int bestK = k0;
        double bestR = Double.NEGATIVE_INFINITY;
        double[] r = new double[4];
        for (int k = k0; k < k1; k += 4) {
            int cnt = Math.min(4, k1 - k);
            double[] p = new double[4], q = new double[4], inv = new double[4];
            for (int j = 0; j < 4; j++) {
                p[j] = s.grid.price(Math.min(k + j, k1 - 1));
                q[j] = s.commonA - p[j];
                inv[j] = 1 / q[j];
            }
            DoubleVector q0 = DoubleVector.broadcast(S, q[0]), q1 = DoubleVector.broadcast(S, q[1]);
            DoubleVector q2 = DoubleVector.broadcast(S, q[2]), q3 = DoubleVector.broadcast(S, q[3]);
            DoubleVector v0 = DoubleVector.broadcast(S, fma ? -inv[0] : inv[0]), v1 = DoubleVector.broadcast(S, fma ? -inv[1] : inv[1]);
            DoubleVector v2 = DoubleVector.broadcast(S, fma ? -inv[2] : inv[2]), v3 = DoubleVector.broadcast(S, fma ? -inv[3] : inv[3]);
            DoubleVector d0 = zero, d1 = zero, d2 = zero, d3 = zero, l0 = zero, l1 = zero, l2 = zero, l3 = zero;
            int i = 0;
            for (int bound = n - lanes + 1; i < bound; i += lanes) {
                DoubleVector vc = DoubleVector.fromArray(S, c, i);
                DoubleVector vm = DoubleVector.fromArray(S, m, i);
                DoubleVector vs = DoubleVector.fromArray(S, qStar, i);
                DoubleVector vl = DoubleVector.fromArray(S, lost, i);
                VectorMask<Double> m0 = vs.lt(q0), m1 = vs.lt(q1), m2 = vs.lt(q2), m3 = vs.lt(q3);
                DoubleVector x0, x1, x2, x3;
                if (fma) {
                    x0 = vc.fma(v0, two).min(vm);
                    x1 = vc.fma(v1, two).min(vm);
                    x2 = vc.fma(v2, two).min(vm);
                    x3 = vc.fma(v3, two).min(vm);
                } else {
                    x0 = two.sub(vc.mul(v0)).min(vm);
                    x1 = two.sub(vc.mul(v1)).min(vm);
                    x2 = two.sub(vc.mul(v2)).min(vm);
                    x3 = two.sub(vc.mul(v3)).min(vm);
                }
                if (masked) {
                    d0 = d0.add(x0, m0); d1 = d1.add(x1, m1); d2 = d2.add(x2, m2); d3 = d3.add(x3, m3);
                    l0 = l0.add(vl, m0); l1 = l1.add(vl, m1); l2 = l2.add(vl, m2); l3 = l3.add(vl, m3);
                } else {
                    d0 = d0.add(zero.blend(x0, m0)); d1 = d1.add(zero.blend(x1, m1));
                    d2 = d2.add(zero.blend(x2, m2)); d3 = d3.add(zero.blend(x3, m3));
                    l0 = l0.add(zero.blend(vl, m0)); l1 = l1.add(zero.blend(vl, m1));
                    l2 = l2.add(zero.blend(vl, m2)); l3 = l3.add(zero.blend(vl, m3));
                }
            }
            double[] sd = {d0.reduceLanes(VectorOperators.ADD), d1.reduceLanes(VectorOperators.ADD),
                d2.reduceLanes(VectorOperators.ADD), d3.reduceLanes(VectorOperators.ADD)};
            double[] sl = {l0.reduceLanes(VectorOperators.ADD), l1.reduceLanes(VectorOperators.ADD),
                l2.reduceLanes(VectorOperators.ADD), l3.reduceLanes(VectorOperators.ADD)};
            for (int j = 0; j < cnt; j++) {
                for (int t = i; t < n; t++) {
                    if (qStar[t] < q[j]) {
                        sd[j] += Math.min(2 - c[t] * inv[j], m[t]);
                        sl[j] += lost[t];
                    }
                }
                double rr = q[j] > 0 ? s.revenue(p[j], sd[j], sl[j]) : s.revenue(p[j], 0, 0);
                if (rr >= bestR) {
                    bestR = rr;
                    bestK = k + j;
                }
            }
        }
        return new GridPoint(bestK, bestR);
    }

    /** Per-EV a, four prices per pass, blend, division. */
    private static GridPoint perEv4(PreparedSlot s, int k0, int k1) {
        final double[] c = s.c, m = s.m, qStar = s.qStar, lost = s.lost, a = s.a;
        final int n = s.n, lanes = S.length();
        final DoubleVector two = DoubleVector.broadcast(S, 2), zero = DoubleVector.zero(S);
        int bestK = k0;
        double bestR = Double.NEGATIVE_INFINITY;
        for (int k = k0; k < k1; k += 4) {
            int cnt = Math.min(4, k1 - k);
            double p0 = s.grid.price(k), p1 = s.grid.price(Math.min(k + 1, k1 - 1));
            double p2 = s.grid.price(Math.min(k + 2, k1 - 1)), p3 = s.grid.price(Math.min(k + 3, k1 - 1));
            DoubleVector vp0 = DoubleVector.broadcast(S, p0), vp1 = DoubleVector.broadcast(S, p1);
            DoubleVector vp2 = DoubleVector.broadcast(S, p2), vp3 = DoubleVector.broadcast(S, p3);
            DoubleVector d0 = zero, d1 = zero, d2 = zero, d3 = zero, l0 = zero, l1 = zero, l2 = zero, l3 = zero;
            int i = 0;
            for (int bound = n - lanes + 1; i < bound; i += lanes) {
                DoubleVector va = DoubleVector.fromArray(S, a, i);
                DoubleVector vc = DoubleVector.fromArray(S, c, i);
                DoubleVector vm = DoubleVector.fromArray(S, m, i);
                DoubleVector vs = DoubleVector.fromArray(S, qStar, i);
                DoubleVector vl = DoubleVector.fromArray(S, lost, i);
                DoubleVector q0 = va.sub(vp0), q1 = va.sub(vp1), q2 = va.sub(vp2), q3 = va.sub(vp3);
                VectorMask<Double> m0 = vs.lt(q0), m1 = vs.lt(q1), m2 = vs.lt(q2), m3 = vs.lt(q3);
                d0 = d0.add(zero.blend(two.sub(vc.div(q0)).min(vm), m0));
                d1 = d1.add(zero.blend(two.sub(vc.div(q1)).min(vm), m1));
                d2 = d2.add(zero.blend(two.sub(vc.div(q2)).min(vm), m2));
                d3 = d3.add(zero.blend(two.sub(vc.div(q3)).min(vm), m3));
                l0 = l0.add(zero.blend(vl, m0)); l1 = l1.add(zero.blend(vl, m1));
                l2 = l2.add(zero.blend(vl, m2)); l3 = l3.add(zero.blend(vl, m3));
            }
            double[] p = {p0, p1, p2, p3};
            double[] sd = {d0.reduceLanes(VectorOperators.ADD), d1.reduceLanes(VectorOperators.ADD),
                d2.reduceLanes(VectorOperators.ADD), d3.reduceLanes(VectorOperators.ADD)};
            double[] sl = {l0.reduceLanes(VectorOperators.ADD), l1.reduceLanes(VectorOperators.ADD),
                l2.reduceLanes(VectorOperators.ADD), l3.reduceLanes(VectorOperators.ADD)};
            for (int j = 0; j < cnt; j++) {
                for (int t = i; t < n; t++) {
                    double q = a[t] - p[j];
                    if (qStar[t] < q) {
                        sd[j] += Math.min(2 - c[t] / q, m[t]);
                        sl[j] += lost[t];
                    }
                }
                double rr = s.revenue(p[j], sd[j], sl[j]);
                if (rr >= bestR) {
                    bestR = rr;
                    bestK = k + j;
                }
            }
        }
        return new GridPoint(bestK, bestR);
    }

    /** The kernel as committed before the 4-price pass: 4 accumulator pairs (uniform), 2 (per-EV). */
    private static GridPoint old(PreparedSlot s, int k0, int k1) {
        int bestK = k0;
        double bestR = Double.NEGATIVE_INFINITY;
        for (int k = k0; k < k1; k++) {
            double p = s.grid.price(k);
            double r;
            if (s.uniformA) {
                double q = s.commonA - p;
                r = q > 0 ? uniformBlend(s, p, q) : s.revenue(p, 0, 0);
            } else {
                r = oldPerEv(s, p);
            }
            if (r >= bestR) {
                bestR = r;
                bestK = k;
            }
        }
        return new GridPoint(bestK, bestR);
    }

    private static double oldPerEv(PreparedSlot s, double p) {
        final double[] c = s.c, m = s.m, qStar = s.qStar, lost = s.lost, a = s.a;
        final int n = s.n;
        final DoubleVector vp = DoubleVector.broadcast(S, p), two = DoubleVector.broadcast(S, 2), zero = DoubleVector.zero(S);
        final int lanes = S.length(), step = 2 * lanes;
        DoubleVector d0 = zero, d1 = zero, l0 = zero, l1 = zero;
        int i = 0;
        for (int bound = n - step + 1; i < bound; i += step) {
            DoubleVector q0 = DoubleVector.fromArray(S, a, i).sub(vp);
            DoubleVector q1 = DoubleVector.fromArray(S, a, i + lanes).sub(vp);
            VectorMask<Double> k0 = DoubleVector.fromArray(S, qStar, i).lt(q0);
            VectorMask<Double> k1 = DoubleVector.fromArray(S, qStar, i + lanes).lt(q1);
            DoubleVector x0 = two.sub(DoubleVector.fromArray(S, c, i).div(q0)).min(DoubleVector.fromArray(S, m, i));
            DoubleVector x1 = two.sub(DoubleVector.fromArray(S, c, i + lanes).div(q1)).min(DoubleVector.fromArray(S, m, i + lanes));
            d0 = d0.add(zero.blend(x0, k0));
            d1 = d1.add(zero.blend(x1, k1));
            l0 = l0.add(zero.blend(DoubleVector.fromArray(S, lost, i), k0));
            l1 = l1.add(zero.blend(DoubleVector.fromArray(S, lost, i + lanes), k1));
        }
        for (int bound = n - lanes + 1; i < bound; i += lanes) {
            DoubleVector q0 = DoubleVector.fromArray(S, a, i).sub(vp);
            VectorMask<Double> k0 = DoubleVector.fromArray(S, qStar, i).lt(q0);
            DoubleVector x0 = two.sub(DoubleVector.fromArray(S, c, i).div(q0)).min(DoubleVector.fromArray(S, m, i));
            d0 = d0.add(zero.blend(x0, k0));
            l0 = l0.add(zero.blend(DoubleVector.fromArray(S, lost, i), k0));
        }
        double sd = d0.add(d1).reduceLanes(VectorOperators.ADD);
        double sl = l0.add(l1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double q = a[i] - p;
            if (qStar[i] < q) {
                sd += Math.min(2 - c[i] / q, m[i]);
                sl += lost[i];
            }
        }
        return s.revenue(p, sd, sl);
    }

    /** b4 with min(y, m) as compare + blend (C2's MinVD keeps Math.min's NaN/-0 rules with extra ops). */
    private static GridPoint blocked4sel(PreparedSlot s, int k0, int k1) {
        final double[] c = s.c, m = s.m, qStar = s.qStar, lost = s.lost;
        final int n = s.n, lanes = S.length();
        final DoubleVector two = DoubleVector.broadcast(S, 2), zero = DoubleVector.zero(S);
        int bestK = k0;
        double bestR = Double.NEGATIVE_INFINITY;
        for (int k = k0; k < k1; k += 4) {
            int cnt = Math.min(4, k1 - k);
            double[] p = new double[4], q = new double[4], inv = new double[4];
            for (int j = 0; j < 4; j++) {
                p[j] = s.grid.price(Math.min(k + j, k1 - 1));
                q[j] = s.commonA - p[j];
                inv[j] = 1 / q[j];
            }
            DoubleVector q0 = DoubleVector.broadcast(S, q[0]), q1 = DoubleVector.broadcast(S, q[1]);
            DoubleVector q2 = DoubleVector.broadcast(S, q[2]), q3 = DoubleVector.broadcast(S, q[3]);
            DoubleVector v0 = DoubleVector.broadcast(S, inv[0]), v1 = DoubleVector.broadcast(S, inv[1]);
            DoubleVector v2 = DoubleVector.broadcast(S, inv[2]), v3 = DoubleVector.broadcast(S, inv[3]);
            DoubleVector d0 = zero, d1 = zero, d2 = zero, d3 = zero, l0 = zero, l1 = zero, l2 = zero, l3 = zero;
            int i = 0;
            for (int bound = n - lanes + 1; i < bound; i += lanes) {
                DoubleVector vc = DoubleVector.fromArray(S, c, i);
                DoubleVector vm = DoubleVector.fromArray(S, m, i);
                DoubleVector vs = DoubleVector.fromArray(S, qStar, i);
                DoubleVector vl = DoubleVector.fromArray(S, lost, i);
                VectorMask<Double> m0 = vs.lt(q0), m1 = vs.lt(q1), m2 = vs.lt(q2), m3 = vs.lt(q3);
                DoubleVector y0 = two.sub(vc.mul(v0)), y1 = two.sub(vc.mul(v1));
                DoubleVector y2 = two.sub(vc.mul(v2)), y3 = two.sub(vc.mul(v3));
                DoubleVector x0 = vm.blend(y0, y0.lt(vm)), x1 = vm.blend(y1, y1.lt(vm));
                DoubleVector x2 = vm.blend(y2, y2.lt(vm)), x3 = vm.blend(y3, y3.lt(vm));
                d0 = d0.add(zero.blend(x0, m0)); d1 = d1.add(zero.blend(x1, m1));
                d2 = d2.add(zero.blend(x2, m2)); d3 = d3.add(zero.blend(x3, m3));
                l0 = l0.add(zero.blend(vl, m0)); l1 = l1.add(zero.blend(vl, m1));
                l2 = l2.add(zero.blend(vl, m2)); l3 = l3.add(zero.blend(vl, m3));
            }
            double[] sd = {d0.reduceLanes(VectorOperators.ADD), d1.reduceLanes(VectorOperators.ADD),
                d2.reduceLanes(VectorOperators.ADD), d3.reduceLanes(VectorOperators.ADD)};
            double[] sl = {l0.reduceLanes(VectorOperators.ADD), l1.reduceLanes(VectorOperators.ADD),
                l2.reduceLanes(VectorOperators.ADD), l3.reduceLanes(VectorOperators.ADD)};
            for (int j = 0; j < cnt; j++) {
                for (int t = i; t < n; t++) {
                    if (qStar[t] < q[j]) {
                        sd[j] += Math.min(2 - c[t] * inv[j], m[t]);
                        sl[j] += lost[t];
                    }
                }
                double rr = q[j] > 0 ? s.revenue(p[j], sd[j], sl[j]) : s.revenue(p[j], 0, 0);
                if (rr >= bestR) {
                    bestR = rr;
                    bestK = k + j;
                }
            }
        }
        return new GridPoint(bestK, bestR);
    }
}
