package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.Sha256;

class MerkleTreeTest {
    static byte[][] leaves(int n) {
        byte[][] l = new byte[n][];
        for (int i = 0; i < n; i++) {
            byte[] frame = {(byte) i, (byte) (i >> 8), 7};
            l[i] = Sha256.leaf(frame, 0, frame.length);
        }
        return l;
    }

    /** The definition, written recursively: split at the largest power of two below n. */
    static byte[] definition(byte[][] l, int from, int to) {
        if (to - from == 1) {
            return l[from];
        }
        int split = Integer.highestOneBit(to - from - 1);
        return Sha256.node(definition(l, from, from + split), definition(l, from + split, to));
    }

    @Test
    void rootMatchesTheRecursiveDefinitionWithPromotedOddNodes() {
        for (int n = 1; n <= 70; n++) {
            byte[][] l = leaves(n);
            assertArrayEquals(definition(l, 0, n), MerkleTree.root(l, n), "n=" + n);
        }
        byte[][] three = leaves(3);
        assertArrayEquals(Sha256.node(Sha256.node(three[0], three[1]), three[2]), MerkleTree.root(three, 3));
    }

    @Test
    void parallelRootIsTheSequentialRoot() {
        for (int n : new int[] {2 * MerkleTree.PARALLEL_CHUNK, 2 * MerkleTree.PARALLEL_CHUNK + 1, 9001}) {
            byte[][] l = leaves(n);
            assertArrayEquals(MerkleTree.root(l, n), MerkleTree.root(l, n, ForkJoinPool.commonPool()), "n=" + n);
        }
    }

    static byte[] flat(byte[][] l, int n) {
        byte[] f = new byte[n * Sha256.LENGTH];
        for (int i = 0; i < n; i++) {
            System.arraycopy(l[i], 0, f, i * Sha256.LENGTH, Sha256.LENGTH);
        }
        return f;
    }

    @Test
    void flatRootIsTheDefinitionAndLeavesTheLeavesAlone() {
        for (int n = 1; n <= 70; n++) {
            byte[][] l = leaves(n);
            byte[] f = flat(l, n);
            assertArrayEquals(definition(l, 0, n), MerkleTree.root(f, n), "n=" + n);
            assertArrayEquals(flat(l, n), f, "n=" + n);
        }
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.root(new byte[0], 0));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.root(new byte[40], 2));
    }

    /** Helpers on other threads take subtrees while the owner computes: the root is still the definition. */
    @Test
    void sharedMerkleJobWithHelpersIsTheSequentialRoot() throws Exception {
        int[] sizes = {1, 2, MerkleJob.CHUNK - 1, MerkleJob.CHUNK, MerkleJob.CHUNK + 1, 3 * MerkleJob.CHUNK + 5,
            1024, 1025, 4097};
        ExecutorService helpers = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 20; round++) {
                for (int n : sizes) {
                    byte[][] l = leaves(n);
                    MerkleJob job = new MerkleJob(flat(l, n), n);
                    List<Future<Integer>> helped = new ArrayList<>();
                    for (int h = 0; h < 3; h++) {
                        helped.add(helpers.submit(() -> {
                            int taken = 0;
                            while (job.helpOnce()) {
                                taken++;
                            }
                            return taken;
                        }));
                    }
                    byte[] root = job.root();
                    int byHelpers = 0;
                    for (Future<Integer> f : helped) {
                        byHelpers += f.get();
                    }
                    assertArrayEquals(MerkleTree.root(l, n), root, "n=" + n + " round=" + round);
                    assertTrue(byHelpers <= job.chunks(), "n=" + n);
                    assertFalse(job.helpOnce(), "every subtree was taken: n=" + n);
                }
            }
        } finally {
            helpers.shutdownNow();
        }
    }

    @Test
    void everyPathLeadsToTheRootAndNoWrongOneDoes() {
        for (int n = 1; n <= 33; n++) {
            byte[][] l = leaves(n);
            byte[] root = MerkleTree.root(l, n);
            for (int i = 0; i < n; i++) {
                List<byte[]> path = MerkleTree.path(l, n, i);
                assertArrayEquals(root, MerkleTree.rootFromPath(l[i], i, n, path), "n=" + n + " i=" + i);
                if (n > 1) {
                    int other = (i + 1) % n;
                    assertFalse(Arrays.equals(root, MerkleTree.rootFromPath(l[other], i, n, path)));
                    List<byte[]> shorter = new ArrayList<>(path.subList(0, path.size() - 1));
                    assertNull(MerkleTree.rootFromPath(l[i], i, n, shorter));
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.root(new byte[0][], 0));
        assertEquals(0, MerkleTree.path(leaves(1), 1, 0).size());
    }
}
