package org.v2g.ledger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.nio.ByteOrder;
import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.v2g.ledger.internal.MerkleTree;

/**
 * {@link MerkleJobStress} for block format version 2: the job hashes each subtree's group leaves from the
 * block's bytes before its nodes, and a producer that found the ring full takes subtrees of it while the
 * sealer works. Whoever hashes which subtree, the root is {@link MerkleTree#rootOfGroups}'s. The second
 * number is how many of the {@value #CHUNKS} subtrees the helper took.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the sealer hashed every subtree itself")
@Outcome(id = {"1, 1", "1, 2", "1, 3", "1, 4"}, expect = ACCEPTABLE_INTERESTING,
    desc = "the helper took some subtrees; the root is still right")
@Outcome(id = "1, 5", expect = ACCEPTABLE_INTERESTING, desc = "the helper took every subtree")
@Outcome(expect = FORBIDDEN, desc = "wrong root, or a subtree hashed twice or not at all")
@State
public class GroupedMerkleJobStress {
    static final int CHUNKS = 5;
    /** Four full subtrees of groups and three groups more, the last of them short (11 of 16 records). */
    static final int RECORDS = ((CHUNKS - 1) * MerkleJob.GROUP_CHUNK + 3) * MerkleTree.GROUP - 5;
    static final int FRAME = 8 + 24;
    static final byte[] BLOCK = frames();
    static final int[] OFFSETS = new int[RECORDS];
    static final int[] LENGTHS = new int[RECORDS];
    static final int[][] SPANS;
    static final byte[] EXPECTED;

    static {
        for (int i = 0; i < RECORDS; i++) {
            OFFSETS[i] = i * FRAME;
            LENGTHS[i] = FRAME;
        }
        SPANS = MerkleTree.groupSpans(OFFSETS, LENGTHS, RECORDS);
        EXPECTED = MerkleTree.rootOfGroups(BLOCK, OFFSETS, LENGTHS, RECORDS);
    }

    private final MerkleJob job = MerkleJob.grouped(BLOCK, SPANS[0], SPANS[1], new byte[SPANS[0].length * 32]);
    private byte[] root;
    private int helped;

    private static byte[] frames() {
        byte[] block = new byte[RECORDS * FRAME];
        UnsafeBuffer b = new UnsafeBuffer(block);
        for (int i = 0; i < RECORDS; i++) {
            b.putInt(i * FRAME, FRAME - 8, ByteOrder.LITTLE_ENDIAN);
            b.putInt(i * FRAME + 4, 1000, ByteOrder.LITTLE_ENDIAN);
            b.putInt(i * FRAME + 8, i, ByteOrder.LITTLE_ENDIAN);
        }
        return block;
    }

    /** The sealer: owns the job. */
    @Actor
    public void sealer() {
        root = job.root();
    }

    /** A producer that found the ring full. */
    @Actor
    public void helper() {
        int n = 0;
        while (job.helpOnce()) {
            n++;
        }
        helped = n;
    }

    @Arbiter
    public void check(II_Result r) {
        r.r1 = Arrays.equals(root, EXPECTED) ? 1 : 0;
        r.r2 = helped;
    }
}
