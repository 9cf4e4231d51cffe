package org.v2g.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worked examples of docs/PARTITION.md, computed by the code. */
class ChunkPolicyTest {

    @ParameterizedTest(name = "G={0} capacities={1}")
    @CsvSource(delimiter = ';', value = {
        // G; capacities; bounds; grains (default policy)
        "3361; 1,2,4,8; 0,224,672,1568,3361; 14,28,56,113",
        "3361; 1,1; 0,1681,3361; 106,105",
        "781; 1,1,1; 0,260,521,781; 17,17,17",
        "20; 1,2,4,8; 0,1,4,9,20; 8,8,8,8",
        "2000001; 3,1; 0,1500001,2000001; 93751,31250",
    })
    void workedExamples(int grid, String capacities, String bounds, String grains) {
        double[] c = Arrays.stream(capacities.split(",")).mapToDouble(Double::parseDouble).toArray();
        int[] b = ChunkPolicy.bounds(grid, c);
        assertArrayEquals(ints(bounds), b);
        int[] g = new int[c.length];
        for (int w = 0; w < c.length; w++) {
            g[w] = ChunkPolicy.adaptive().grain(b[w + 1] - b[w]);
        }
        assertArrayEquals(ints(grains), g);
    }

    @Test
    void staticSplitIsOneChunkPerShare() {
        int[] b = ChunkPolicy.bounds(3361, new double[] {1, 1, 1, 1});
        assertArrayEquals(new int[] {0, 840, 1681, 2521, 3361}, b);
        assertEquals(841, ChunkPolicy.staticSplit().grain(841));
    }

    @Test
    void stealingTakesAtMostHalfOfAWorkingOwnersRest() {
        ChunkPolicy p = ChunkPolicy.adaptive();
        assertEquals(25, p.stealSize(113, 50, false));
        assertEquals(113, p.stealSize(113, 1000, false));
        assertEquals(8, p.stealSize(113, 9, false));
        assertEquals(6, p.stealSize(113, 6, false));
        assertEquals(50, p.stealSize(113, 50, true)); // the owner is gone: take a whole grain
        assertEquals(14, p.stealSize(14, 50, true));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkPolicy(0, 8, true, 2));
        assertThrows(IllegalArgumentException.class, () -> new ChunkPolicy(16, 0, true, 2));
        assertThrows(IllegalArgumentException.class, () -> new ChunkPolicy(16, 8, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new ChunkPolicy(16, 8, true, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ChunkPolicy.bounds(0, new double[] {1}));
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
