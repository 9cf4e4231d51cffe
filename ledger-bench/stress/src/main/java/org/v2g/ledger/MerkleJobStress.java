package org.v2g.ledger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.Arrays;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.Sha256;

/**
 * The sealer computes a block's Merkle root while a producer that found the ring full takes subtrees of
 * the same job ({@link MerkleJob}): whoever hashes which subtree, the root is the sequential one. The
 * second number is how many of the {@value #CHUNKS} subtrees the helper took.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the sealer hashed every subtree itself")
@Outcome(id = {"1, 1", "1, 2", "1, 3", "1, 4"}, expect = ACCEPTABLE_INTERESTING,
    desc = "the helper took some subtrees; the root is still right")
@Outcome(id = "1, 5", expect = ACCEPTABLE_INTERESTING, desc = "the helper took every subtree")
@Outcome(expect = FORBIDDEN, desc = "wrong root, or a subtree hashed twice or not at all")
@State
public class MerkleJobStress {
    static final int CHUNKS = 5;
    /** Four full subtrees and an odd last one: exercises the promotion of an odd node across subtrees. */
    static final int LEAVES = (CHUNKS - 1) * MerkleJob.CHUNK + 3;
    static final byte[] FLAT = leaves();
    static final byte[] EXPECTED = MerkleTree.root(FLAT, LEAVES);

    private final MerkleJob job = new MerkleJob(Arrays.copyOf(FLAT, FLAT.length), LEAVES);
    private byte[] root;
    private int helped;

    private static byte[] leaves() {
        byte[] flat = new byte[LEAVES * Sha256.LENGTH];
        for (int i = 0; i < LEAVES; i++) {
            byte[] frame = {(byte) i, (byte) (i >> 8), 42};
            System.arraycopy(Sha256.leaf(frame, 0, frame.length), 0, flat, i * Sha256.LENGTH, Sha256.LENGTH);
        }
        return flat;
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
