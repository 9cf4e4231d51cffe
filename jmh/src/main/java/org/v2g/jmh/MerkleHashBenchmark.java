package org.v2g.jmh;

import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.v2g.ledger.internal.DigestSha256Batch;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.Sha256;

/**
 * Merkle hashing per record of one 8,192-record block on one thread: the multi-buffer SHA-256 batch
 * ({@link MerkleTree#rootOfFrames}, {@link MerkleTree#root(byte[], int)}) against the
 * {@link MessageDigest} path it replaced (one digest call per leaf and per node, which is what the ledger
 * does by default; the vector batch is asked for with {@code -Dv2g.ledger.sha=vector}), in the same run.
 *
 * <ul>
 *   <li>{@code block*}: leaves ({@code SHA-256(0x00 || frame)}) and inner nodes, what {@code v2g verify}
 *       and {@code v2g prove} compute per block;</li>
 *   <li>{@code nodes*}: inner nodes only over ready leaves, what the ring ledger's sealer computes (its
 *       producers hash the leaves one at a time as they commit).</li>
 * </ul>
 * The score is ns per record ({@link OperationsPerInvocation} is the block's record count).
 *
 * <p>Block format version 2, what the ledger now writes (one leaf per group of 16 consecutive records,
 * {@code SHA-256(0x00 || frame_i || … || frame_i+15)} over the block's contiguous bytes, the same inner
 * nodes over the groups): {@code blockVersion2} is its code ({@link MerkleTree#rootOfGroups}, with the
 * batch this fork chooses: the vector one) and {@code blockVersion2Digest} the same with the default
 * {@link DigestSha256Batch}; set-up checks both against the root written out with one
 * {@link MessageDigest} per group (docs/perf/LEDGER.md §5).
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar MerkleHashBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Dv2g.ledger.sha=vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class MerkleHashBenchmark {
    /** Records per block. */
    public static final int RECORDS = 8192;
    private static final int LENGTH_OFFSET = 0;
    private static final int TYPE_OFFSET = 4;
    private static final int PAYLOAD_OFFSET = 8;

    /** Payload bytes per record: 64 is a settlement (a 73-byte leaf message, two blocks). */
    @Param({"64", "160"})
    public int payload;

    private byte[] block;
    private int[] offsets;
    private int[] lengths;
    private byte[] leaves;
    private byte[] scratch;
    private final MessageDigest digest = Sha256.newDigest();
    private final DigestSha256Batch digestBatch = new DigestSha256Batch();

    @Setup
    public void setUp() {
        Random random = new Random(42);
        offsets = new int[RECORDS];
        lengths = new int[RECORDS];
        block = new byte[RECORDS * (PAYLOAD_OFFSET + payload)];
        random.nextBytes(block);
        UnsafeBuffer b = new UnsafeBuffer(block);
        for (int i = 0; i < RECORDS; i++) {
            int p = i * (PAYLOAD_OFFSET + payload);
            b.putInt(p + LENGTH_OFFSET, payload, ByteOrder.LITTLE_ENDIAN);
            b.putInt(p + TYPE_OFFSET, 6, ByteOrder.LITTLE_ENDIAN);
            offsets[i] = p;
            lengths[i] = PAYLOAD_OFFSET + payload;
        }
        leaves = new byte[RECORDS * Sha256.LENGTH];
        for (int i = 0; i < RECORDS; i++) {
            System.arraycopy(Sha256.leaf(block, offsets[i], lengths[i]), 0, leaves, i * Sha256.LENGTH, Sha256.LENGTH);
        }
        scratch = new byte[leaves.length];
        if (!java.util.Arrays.equals(blockMultiBuffer(), blockMessageDigest())) {
            throw new IllegalStateException("the two paths disagree on the root");
        }
        if (!java.util.Arrays.equals(blockVersion2(), literalVersion2Root())
            || !java.util.Arrays.equals(blockVersion2Digest(), literalVersion2Root())) {
            throw new IllegalStateException("the version-2 root disagrees with its literal form");
        }
    }

    /** The version-2 root written out: each group's frames copied into one message, hashed by a new digest. */
    private byte[] literalVersion2Root() {
        int k = MerkleTree.GROUP;
        int groups = RECORDS / k;
        byte[] flat = new byte[groups * Sha256.LENGTH];
        for (int g = 0; g < groups; g++) {
            java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
            message.write(Sha256.LEAF_PREFIX);
            for (int i = g * k; i < (g + 1) * k; i++) {
                message.write(block, offsets[i], lengths[i]);
            }
            System.arraycopy(Sha256.newDigest().digest(message.toByteArray()), 0, flat, g * Sha256.LENGTH,
                    Sha256.LENGTH);
        }
        return reduceWithDigest(flat, groups);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public byte[] blockVersion2() {
        return MerkleTree.rootOfGroups(block, offsets, lengths, RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public byte[] blockVersion2Digest() {
        int[][] spans = MerkleTree.groupSpans(offsets, lengths, RECORDS);
        int groups = spans[0].length;
        digestBatch.hash(Sha256.LEAF_PREFIX, block, spans[0], spans[1], groups, scratch, 0);
        MerkleTree.reduceInPlace(scratch, 0, groups, digestBatch);
        return java.util.Arrays.copyOf(scratch, Sha256.LENGTH);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public byte[] blockMultiBuffer() {
        return MerkleTree.rootOfFrames(block, offsets, lengths, RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public byte[] blockMessageDigest() {
        try {
            for (int i = 0; i < RECORDS; i++) {
                digest.update(Sha256.LEAF_PREFIX);
                digest.update(block, offsets[i], lengths[i]);
                digest.digest(scratch, i * Sha256.LENGTH, Sha256.LENGTH);
            }
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        return reduceWithDigest(scratch, RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public byte[] nodesMultiBuffer() {
        return MerkleTree.root(leaves, RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public byte[] nodesMessageDigest() {
        System.arraycopy(leaves, 0, scratch, 0, leaves.length);
        return reduceWithDigest(scratch, RECORDS);
    }

    /** The sealer's reduction before the batch: one 65-byte update and one digest per node, in place. */
    private byte[] reduceWithDigest(byte[] flat, int count) {
        int n = count;
        try {
            while (n > 1) {
                int next = 0;
                for (int i = 0; i + 1 < n; i += 2) {
                    digest.update(Sha256.NODE_PREFIX);
                    digest.update(flat, i * Sha256.LENGTH, 2 * Sha256.LENGTH);
                    digest.digest(flat, next++ * Sha256.LENGTH, Sha256.LENGTH);
                }
                if ((n & 1) == 1) {
                    System.arraycopy(flat, (n - 1) * Sha256.LENGTH, flat, next++ * Sha256.LENGTH, Sha256.LENGTH);
                }
                n = next;
            }
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        return java.util.Arrays.copyOf(flat, Sha256.LENGTH);
    }
}
