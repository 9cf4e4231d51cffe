package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.ledger.internal.BlockDescriptor;
import org.v2g.ledger.internal.FrameDescriptor;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.Sha256;
import org.v2g.ledger.internal.Sha256Batches;

/**
 * The batched Merkle paths give the roots and proofs of the one-digest-per-node implementation
 * ({@link Sha256#leaf}, {@link MerkleTree#root(byte[][], int)}, {@link MerkleTree#path(byte[][], int, int)},
 * which are the code every existing ledger was sealed with), on random blocks of frames of random
 * lengths: the ledger format does not change.
 */
class MerkleBatchEqualityTest {
    static LongStream seeds() {
        return LongStream.of(1, 2, 3, 4, 5, 6, 7, 8, 0xfeed_beefL, 8192);
    }

    /** A random block body: frames of {@code len | type | payload}, payloads of 0..300 bytes. */
    private record Block(byte[] bytes, int[] offsets, int[] lengths, int count) {
        static Block random(Random random, int count) {
            int[] offsets = new int[count];
            int[] lengths = new int[count];
            byte[] bytes = new byte[BlockDescriptor.HEADER_LENGTH + count * (FrameDescriptor.PAYLOAD_OFFSET + 300)];
            UnsafeBuffer b = new UnsafeBuffer(bytes);
            int p = BlockDescriptor.HEADER_LENGTH;
            for (int i = 0; i < count; i++) {
                int payload = random.nextInt(4) == 0 ? random.nextInt(301) : 40 + random.nextInt(80);
                b.putInt(p + FrameDescriptor.LENGTH_OFFSET, payload, java.nio.ByteOrder.LITTLE_ENDIAN);
                b.putInt(p + FrameDescriptor.TYPE_OFFSET, 1 + random.nextInt(12), java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int k = 0; k < payload; k++) {
                    bytes[p + FrameDescriptor.PAYLOAD_OFFSET + k] = (byte) random.nextInt(256);
                }
                offsets[i] = p;
                lengths[i] = FrameDescriptor.PAYLOAD_OFFSET + payload;
                p += lengths[i];
            }
            return new Block(bytes, offsets, lengths, count);
        }

        byte[][] oldLeaves() {
            byte[][] l = new byte[count][];
            for (int i = 0; i < count; i++) {
                l[i] = Sha256.leaf(bytes, offsets[i], lengths[i]);
            }
            return l;
        }
    }

    private static int count(Random random, long seed) {
        return seed == 8192 ? 8192 : 1 + random.nextInt(random.nextBoolean() ? 40 : 3000);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void rootsAndLeavesEqualTheOneDigestPerNodeImplementation(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 4; round++) {
            Block block = Block.random(random, count(random, seed));
            byte[][] old = block.oldLeaves();
            byte[] expected = MerkleTree.root(old, block.count());
            String where = "seed=" + seed + " round=" + round + " count=" + block.count() + " batch="
                + Sha256Batches.chosen();
            byte[] flat = MerkleTree.leaves(block.bytes(), block.offsets(), block.lengths(), block.count());
            for (int i = 0; i < block.count(); i++) {
                assertArrayEquals(old[i], java.util.Arrays.copyOfRange(flat, i * Sha256.LENGTH,
                    (i + 1) * Sha256.LENGTH), where + " leaf " + i);
            }
            assertArrayEquals(expected, MerkleTree.rootOfFrames(block.bytes(), block.offsets(), block.lengths(),
                block.count()), where);
            assertArrayEquals(expected, MerkleTree.root(flat, block.count()), where);
            assertArrayEquals(expected, new MerkleJob(flat.clone(), block.count()).root(), where);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void pathsEqualTheOneDigestPerNodeImplementation(long seed) {
        Random random = new Random(seed);
        Block block = Block.random(random, count(random, seed));
        byte[][] old = block.oldLeaves();
        byte[] flat = MerkleTree.leaves(block.bytes(), block.offsets(), block.lengths(), block.count());
        for (int probe = 0; probe < 20; probe++) {
            int index = random.nextInt(block.count());
            List<byte[]> expected = MerkleTree.path(old, block.count(), index);
            List<byte[]> got = MerkleTree.path(flat, block.count(), index);
            assertEquals(expected.size(), got.size(), "seed=" + seed + " index=" + index);
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(expected.get(i), got.get(i), "seed=" + seed + " index=" + index + " sibling " + i);
            }
        }
    }

    /** The builder's deferred leaves, hashed in one batch at sealing time, give the same root. */
    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void blockBuilderRootIsTheOldRoot(long seed) {
        Random random = new Random(seed);
        Block block = Block.random(random, Math.min(count(random, seed), 2000));
        BlockBuilder builder = new BlockBuilder();
        UnsafeBuffer src = new UnsafeBuffer(block.bytes());
        for (int i = 0; i < block.count(); i++) {
            int at = block.offsets()[i];
            int type = src.getInt(at + FrameDescriptor.TYPE_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
            builder.add(type, src, at + FrameDescriptor.PAYLOAD_OFFSET, block.lengths()[i] - FrameDescriptor.PAYLOAD_OFFSET,
                null, 0);
        }
        assertArrayEquals(MerkleTree.root(block.oldLeaves(), block.count()), builder.merkleRoot(), "seed=" + seed);
    }

    /**
     * Version 2: the group leaves hashed in one batch ({@link MerkleTree#rootOfGroups}) and by a
     * {@link BlockBuilder}'s job, subtree by subtree with helper threads, give the root of the group
     * leaves hashed one {@code MessageDigest} at a time.
     */
    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void groupedRootIsTheOneDigestPerGroupRoot(long seed) throws Exception {
        Random random = new Random(seed);
        Block block = Block.random(random, Math.min(count(random, seed), 3000));
        int groups = MerkleTree.groups(block.count());
        byte[][] old = new byte[groups][];
        for (int g = 0; g < groups; g++) {
            int first = g * MerkleTree.GROUP;
            int last = Math.min(block.count(), first + MerkleTree.GROUP) - 1;
            old[g] = Sha256.leaf(block.bytes(), block.offsets()[first],
                block.offsets()[last] + block.lengths()[last] - block.offsets()[first]);
        }
        byte[] expected = MerkleTree.root(old, groups);
        assertArrayEquals(expected, MerkleTree.rootOfGroups(block.bytes(), block.offsets(), block.lengths(),
            block.count()), "seed=" + seed);
        BlockBuilder builder = new BlockBuilder(org.v2g.ledger.internal.FileHeaderDescriptor.VERSION_2);
        UnsafeBuffer src = new UnsafeBuffer(block.bytes());
        for (int i = 0; i < block.count(); i++) {
            int at = block.offsets()[i];
            int type = src.getInt(at + FrameDescriptor.TYPE_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
            builder.add(type, src, at + FrameDescriptor.PAYLOAD_OFFSET, block.lengths()[i] - FrameDescriptor.PAYLOAD_OFFSET,
                null, 0);
        }
        MerkleJob job = builder.merkleJob();
        Thread helper = Thread.ofPlatform().start(() -> {
            while (job.helpOnce()) {
                // a producer on a full ring
            }
        });
        byte[] root = job.root();
        helper.join();
        assertArrayEquals(expected, root, "seed=" + seed + " (job with a helper)");
    }
}
