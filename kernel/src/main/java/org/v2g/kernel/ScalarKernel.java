package org.v2g.kernel;

/**
 * The scalar twin of {@link VectorKernel}: the same algebra one EV at a time, so that the two differ
 * only in summation order. Also the fallback when {@code jdk.incubator.vector} is absent.
 */
final class ScalarKernel implements RevenueKernel {

    static final String NAME = "scalar";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double revenue(PreparedSlot s, int k) {
        double p = s.grid.price(k);
        double[] c = s.c;
        double[] m = s.m;
        double[] qStar = s.qStar;
        double[] lost = s.lost;
        int n = s.n;
        double sumDischarge = 0;
        double sumLost = 0;
        if (s.uniformA) {
            double q = s.commonA - p;
            if (q > 0) { // otherwise nobody discharges: every qStar is positive
                double inverse = 1 / q;
                for (int i = 0; i < n; i++) {
                    if (qStar[i] < q) {
                        sumDischarge += Math.min(2 - c[i] * inverse, m[i]);
                        sumLost += lost[i];
                    }
                }
            }
        } else {
            double[] a = s.a;
            for (int i = 0; i < n; i++) {
                double q = a[i] - p;
                if (qStar[i] < q) {
                    sumDischarge += Math.min(2 - c[i] / q, m[i]);
                    sumLost += lost[i];
                }
            }
        }
        return s.revenue(p, sumDischarge, sumLost);
    }
}
