package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventOrderTest {

    /** Duplicates, keys one ulp apart, signs and zeros: the same permutation as a stable boxed sort. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void sameAsAStableSort(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = rnd.nextInt(5000);
        double[] keys = new double[n];
        for (int i = 0; i < n; i++) {
            keys[i] = switch (rnd.nextInt(5)) {
                case 0 -> i > 0 ? keys[rnd.nextInt(i)] : 0.0;
                case 1 -> i > 0 ? Math.nextUp(keys[rnd.nextInt(i)]) : -0.0;
                case 2 -> -rnd.nextDouble() * 3;
                case 3 -> rnd.nextBoolean() ? 0.0 : -0.0;
                default -> (rnd.nextDouble() - 0.5) * 1e6;
            };
        }
        Integer[] expected = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(expected, Comparator.comparingDouble((Integer i) -> keys[i] == 0 ? 0.0 : keys[i]));
        double[] expKeys = Arrays.stream(expected).mapToDouble(i -> keys[i] == 0 ? 0.0 : keys[i]).toArray();
        for (boolean packed : new boolean[] {true, false}) {
            int[] got = EventOrder.ascending(keys, n, packed);
            double[] gotKeys = Arrays.stream(got).mapToDouble(i -> keys[i] == 0 ? 0.0 : keys[i]).toArray();
            assertArrayEquals(expKeys, gotKeys, "seed=" + seed + " packed=" + packed);
        }
    }

    /** The scatter sort moves entries and payload with their keys and keeps equal keys in input order. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void sortEventsCarriesPayloadStably(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        // Half the seeds go above PACKED_MAX, through the bucket scatter.
        int n = seed % 2 == 0 ? EventOrder.PACKED_MAX + 1 + rnd.nextInt(20_000) : rnd.nextInt(6000);
        double[] keys = new double[n];
        int[] entry = new int[n];
        double[][] cols = new double[3][n];
        for (int i = 0; i < n; i++) {
            keys[i] = switch (rnd.nextInt(4)) {
                case 0 -> i > 0 ? keys[rnd.nextInt(i)] : 1.0;
                case 1 -> -0.13 - rnd.nextDouble() * 0.01; // a cluster: one overfull bucket
                case 2 -> i > 0 ? Math.nextDown(keys[rnd.nextInt(i)]) : 2.0;
                default -> -rnd.nextDouble() * 3;
            };
            entry[i] = i;
            cols[0][i] = keys[i] * 2;
            cols[1][i] = i;
            cols[2][i] = -i;
        }
        EventOrder.Sorted sorted = EventOrder.sortEvents(keys, entry, n, cols[0], cols[1], cols[2], 0);
        for (int k = 0; k < n; k++) {
            int i = sorted.entry()[k];
            String where = "seed=" + seed + " k=" + k;
            org.junit.jupiter.api.Assertions.assertEquals(keys[i], sorted.key()[k], where);
            org.junit.jupiter.api.Assertions.assertEquals(keys[i] * 2, sorted.x()[k], where);
            org.junit.jupiter.api.Assertions.assertEquals(i, sorted.y()[k], where);
            org.junit.jupiter.api.Assertions.assertEquals(-i, sorted.z()[k], where);
            if (k > 0) {
                double prev = sorted.key()[k - 1];
                org.junit.jupiter.api.Assertions.assertTrue(prev < sorted.key()[k]
                        || (prev == sorted.key()[k] && sorted.entry()[k - 1] < i), where);
            }
        }
    }
}
