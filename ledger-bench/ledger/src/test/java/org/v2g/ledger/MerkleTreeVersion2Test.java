package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.Sha256;

/**
 * Block format version 2: one leaf per group of 16 records, checked against the computation written out
 * (each group's frames copied into one message for a new {@link MessageDigest}, the tree by its recursive
 * definition), for every block size 1 … 70 (every short last group, odd group counts, one record).
 */
class MerkleTreeVersion2Test {
    /** A block's record section: {@code count} frames of varied lengths back to back after 7 bytes of header. */
    record Block(byte[] bytes, int[] offsets, int[] lengths) {
        byte[] group(int g, int count) {
            int first = g * 16;
            int last = Math.min(count, first + 16) - 1;
            return Arrays.copyOfRange(bytes, offsets[first], offsets[last] + lengths[last]);
        }
    }

    static Block block(int count, long seed) {
        Random random = new Random(seed);
        int[] offsets = new int[count];
        int[] lengths = new int[count];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[7]);
        for (int i = 0; i < count; i++) {
            int length = 8 + random.nextInt(150);
            byte[] frame = new byte[length];
            random.nextBytes(frame);
            offsets[i] = out.size();
            lengths[i] = length;
            out.writeBytes(frame);
        }
        return new Block(out.toByteArray(), offsets, lengths);
    }

    /** The group leaves written out: {@code SHA-256(0x00 || frames of the group)} with a new digest each. */
    static byte[][] literalLeaves(Block b, int count) throws Exception {
        int groups = (count + 15) / 16;
        byte[][] leaves = new byte[groups][];
        for (int g = 0; g < groups; g++) {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            message.write(0x00);
            for (int i = g * 16; i < Math.min(count, g * 16 + 16); i++) {
                message.write(b.bytes(), b.offsets()[i], b.lengths()[i]);
            }
            leaves[g] = MessageDigest.getInstance("SHA-256").digest(message.toByteArray());
        }
        return leaves;
    }

    @Test
    void rootIsTheWrittenOutComputationForEveryBlockSizeUpTo70() throws Exception {
        for (int n = 1; n <= 70; n++) {
            Block b = block(n, n);
            byte[][] literal = literalLeaves(b, n);
            assertEquals(literal.length, MerkleTree.groups(n), "n=" + n);
            assertArrayEquals(MerkleTreeTest.definition(literal, 0, literal.length),
                MerkleTree.rootOfGroups(b.bytes(), b.offsets(), b.lengths(), n), "n=" + n);
        }
    }

    @Test
    void smallBlocksWrittenOutByHand() throws Exception {
        Block one = block(1, 1);
        byte[] frame = Arrays.copyOfRange(one.bytes(), one.offsets()[0], one.offsets()[0] + one.lengths()[0]);
        assertArrayEquals(Sha256.leaf(frame, 0, frame.length),
            MerkleTree.rootOfGroups(one.bytes(), one.offsets(), one.lengths(), 1), "one record: the root is its leaf");

        Block b = block(40, 2); // groups of 16, 16 and 8: node(node(g0, g1), g2), the short group promoted
        byte[][] g = literalLeaves(b, 40);
        assertEquals(3, g.length);
        assertArrayEquals(Sha256.node(Sha256.node(g[0], g[1]), g[2]),
            MerkleTree.rootOfGroups(b.bytes(), b.offsets(), b.lengths(), 40));
        assertArrayEquals(g[2], Sha256.leaf(b.group(2, 40), 0, b.group(2, 40).length));
    }

    @Test
    void everyRecordsGroupPathLeadsToTheRootAndAForgedGroupMateDoesNot() {
        for (int n : new int[] {1, 2, 15, 16, 17, 31, 33, 48, 70, 255}) {
            Block b = block(n, 100 + n);
            byte[] root = MerkleTree.rootOfGroups(b.bytes(), b.offsets(), b.lengths(), n);
            for (int i = 0; i < n; i++) {
                List<byte[]> path = MerkleTree.groupPath(b.bytes(), b.offsets(), b.lengths(), n, i);
                byte[] group = b.group(i / 16, n);
                assertEquals(MerkleTree.groupSize(i, n), Math.min(16, n - i / 16 * 16));
                assertArrayEquals(root, MerkleTree.rootFromGroupPath(group, i, n, path), "n=" + n + " i=" + i);
                byte[] forged = group.clone();
                forged[forged.length - 1 - (i % forged.length)] ^= 1; // a byte of the record or a group-mate
                assertFalse(Arrays.equals(root, MerkleTree.rootFromGroupPath(forged, i, n, path)), "n=" + n + " i=" + i);
                if (n > 16) {
                    int elsewhere = (i + 16) % n;
                    if (elsewhere / 16 != i / 16) {
                        byte[] moved = MerkleTree.rootFromGroupPath(group, elsewhere, n, path);
                        assertFalse(moved != null && Arrays.equals(root, moved), "n=" + n + " i=" + i);
                    }
                }
            }
            List<byte[]> longer = new ArrayList<>(MerkleTree.groupPath(b.bytes(), b.offsets(), b.lengths(), n, 0));
            longer.add(root);
            assertNull(MerkleTree.rootFromGroupPath(b.group(0, n), 0, n, longer), "one sibling too many, n=" + n);
            assertNull(MerkleTree.rootFromGroupPath(b.group(0, n), n, n, List.of()), "index past the block");
        }
    }

    /**
     * Version 2: helpers on other threads claim subtrees of {@value MerkleJob#GROUP_CHUNK} groups (hashing
     * their group leaves from the block's bytes, then their nodes) while the owner computes, as producers on
     * a full ring do: the root is still the written-out one, and every subtree is taken once.
     */
    @Test
    void sharedGroupedJobWithHelpersIsTheWrittenOutRoot() throws Exception {
        int g = MerkleTree.GROUP * MerkleJob.GROUP_CHUNK; // records per subtree
        int[] sizes = {1, 17, g - 1, g, g + 1, 3 * g + 5, 1024, 4097};
        java.util.concurrent.ExecutorService helpers = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (int n : sizes) {
                Block b = block(n, 7L * n);
                byte[][] literal = literalLeaves(b, n);
                byte[] expected = MerkleTreeTest.definition(literal, 0, literal.length);
                int[][] spans = MerkleTree.groupSpans(b.offsets(), b.lengths(), n);
                for (int round = 0; round < 20; round++) {
                    MerkleJob job = MerkleJob.grouped(b.bytes(), spans[0], spans[1], new byte[literal.length * 32]);
                    List<java.util.concurrent.Future<Integer>> helped = new ArrayList<>();
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
                    for (java.util.concurrent.Future<Integer> f : helped) {
                        byHelpers += f.get();
                    }
                    assertArrayEquals(expected, root, "n=" + n + " round=" + round);
                    assertTrue(byHelpers <= job.chunks(), "n=" + n);
                    assertFalse(job.helpOnce(), "every subtree was taken: n=" + n);
                }
            }
        } finally {
            helpers.shutdownNow();
        }
    }
}
