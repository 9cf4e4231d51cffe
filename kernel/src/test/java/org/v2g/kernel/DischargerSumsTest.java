package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared running sums: exact bookkeeping against BigDecimal, no drift, exact zero when empty. */
class DischargerSumsTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void matchesExactArithmeticAfterRandomEntersAndLeaves(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 5000;
        double[] c = new double[n];
        double[] m = new double[n];
        double[] lost = new double[n];
        int[] state = new int[n]; // 0 out, 1 clamped, 2 free
        DischargerSums sums = new DischargerSums();
        for (int i = 0; i < n; i++) {
            c[i] = Math.pow(10, rnd.nextDouble() * 8 - 4);
            m[i] = rnd.nextDouble();
            lost[i] = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(6));
            if (rnd.nextBoolean()) {
                sums.enterClamped(m[i], lost[i]);
                state[i] = 1;
            } else {
                sums.enterFree(c[i], lost[i]);
                state[i] = 2;
            }
        }
        for (int step = 0; step < 3 * n; step++) {
            int i = rnd.nextInt(n);
            if (state[i] == 1 && rnd.nextBoolean()) {
                sums.unclamp(c[i], m[i]);
                state[i] = 2;
            } else if (state[i] == 1) {
                sums.leaveClamped(m[i], lost[i]);
                state[i] = 0;
            } else if (state[i] == 2) {
                sums.leaveFree(c[i], lost[i]);
                state[i] = 0;
            }
        }
        BigDecimal clampedM = BigDecimal.ZERO;
        BigDecimal freeC = BigDecimal.ZERO;
        BigDecimal lostSum = BigDecimal.ZERO;
        int dischargers = 0;
        int free = 0;
        for (int i = 0; i < n; i++) {
            if (state[i] == 1) {
                clampedM = clampedM.add(new BigDecimal(m[i]));
            } else if (state[i] == 2) {
                freeC = freeC.add(new BigDecimal(c[i]));
                free++;
            }
            if (state[i] != 0) {
                lostSum = lostSum.add(new BigDecimal(lost[i]));
                dischargers++;
            }
        }
        String where = "seed " + seed;
        assertEquals(dischargers, sums.dischargers(), where);
        assertEquals(free, sums.free(), where);
        assertEquals(clampedM.doubleValue(), sums.clampedM(), 1e-14 * Math.max(1, clampedM.doubleValue()), where);
        assertEquals(freeC.doubleValue(), sums.freeC(), 1e-14 * Math.max(1, freeC.doubleValue()), where);
        assertEquals(lostSum.doubleValue(), sums.lost(), 1e-14 * Math.max(1, Math.abs(lostSum.doubleValue())), where);
    }

    @Test
    void exactlyZeroOnceNobodyDischarges() {
        DischargerSums sums = new DischargerSums();
        sums.enterFree(0.1, 0.7);
        sums.enterClamped(1e16, 1e-3);
        sums.unclamp(0.2, 1e16);
        sums.leaveFree(0.1, 0.7);
        sums.leaveFree(0.2, 1e-3);
        assertEquals(0, sums.dischargers());
        assertEquals(0.0, sums.clampedM());
        assertEquals(0.0, sums.freeC());
        assertEquals(0.0, sums.lost());
        assertEquals(0.0, sums.amount(3.0));
    }

    @Test
    void amountAndCopy() {
        DischargerSums sums = new DischargerSums();
        sums.enterClamped(0.5, 1);
        sums.enterFree(0.6, 2);
        DischargerSums copy = sums.copy();
        sums.leaveClamped(0.5, 1);
        assertEquals(0.5 + 2 - 0.6 / 2, copy.amount(0.5), 1e-15);
        assertEquals(2 - 0.6 / 2, sums.amount(0.5), 1e-15);
        assertEquals(2, copy.dischargers());
    }
}
