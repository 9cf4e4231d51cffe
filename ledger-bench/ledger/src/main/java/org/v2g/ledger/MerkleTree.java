package org.v2g.ledger;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

import org.v2g.kernel.InvalidInputException;

/**
 * The binary SHA-256 Merkle tree over a block's record frames.
 *
 * <ul>
 *   <li>leaf {@code i} = {@code SHA-256(0x00 || frame i)} (see {@link FrameDescriptor});</li>
 *   <li>interior node = {@code SHA-256(0x01 || left || right)};</li>
 *   <li>a level is paired left to right; when it has an odd number of nodes the last one is
 *       <em>promoted</em> unchanged to the next level (never duplicated, so no two different leaf lists
 *       share a root: the duplication ambiguity of CVE-2012-2459 cannot arise);</li>
 *   <li>the root of one leaf is the leaf; a block has at least one record.</li>
 * </ul>
 *
 * <p>Because promotion keeps every node at level {@code m} covering the aligned leaf range
 * {@code [j 2^m, (j+1) 2^m)}, subtrees of {@value #PARALLEL_CHUNK} leaves are computed in parallel and
 * then joined with the same rule; the result is the sequential root bit for bit.
 *
 * <p>Thread-safety: stateless.
 */
public final class MerkleTree {
    /** Leaves per parallel subtree (a power of two). */
    public static final int PARALLEL_CHUNK = 2048;

    private MerkleTree() {
    }

    /** The root of the first {@code count} leaves, computed on this thread. */
    public static byte[] root(byte[][] leaves, int count) {
        if (count < 1) {
            throw new InvalidInputException("count", "merkle_tree", count, "must be >= 1 (a tree needs a leaf)");
        }
        return rootOf(Arrays.copyOf(leaves, count), count);
    }

    /** The same root, with subtrees of {@link #PARALLEL_CHUNK} leaves hashed in {@code pool}. */
    public static byte[] root(byte[][] leaves, int count, ForkJoinPool pool) {
        if (count < 2 * PARALLEL_CHUNK || pool == null) {
            return root(leaves, count);
        }
        int chunks = (count + PARALLEL_CHUNK - 1) / PARALLEL_CHUNK;
        List<RecursiveTask<byte[]>> tasks = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = c * PARALLEL_CHUNK;
            int to = Math.min(count, from + PARALLEL_CHUNK);
            RecursiveTask<byte[]> t = new RecursiveTask<>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected byte[] compute() {
                    return rootOf(Arrays.copyOfRange(leaves, from, to), to - from);
                }
            };
            tasks.add(t);
            pool.execute(t);
        }
        byte[][] level = new byte[chunks][];
        for (int c = 0; c < chunks; c++) {
            level[c] = tasks.get(c).join();
        }
        return rootOf(level, chunks);
    }

    /**
     * The root of {@code count} leaves stored back to back in {@code leaves} (32 bytes each); the array
     * is not changed.
     */
    public static byte[] root(byte[] leaves, int count) {
        if (count < 1 || leaves.length < count * Sha256.LENGTH) {
            throw new InvalidInputException("count", "merkle_tree leaves=" + leaves.length + " bytes", count,
                "must be >= 1 with 32 bytes per leaf");
        }
        byte[] level = Arrays.copyOf(leaves, count * Sha256.LENGTH);
        reduceInPlace(level, 0, count, Sha256.threadDigest());
        return Arrays.copyOf(level, Sha256.LENGTH);
    }

    /**
     * Reduces the {@code count} leaves stored back to back from leaf {@code from} of {@code flat} to
     * their subtree root, in place: the root ends at leaf position {@code from}, the rest of the range
     * is overwritten. One 65-byte update and a digest into the array per node, nothing allocated.
     */
    static void reduceInPlace(byte[] flat, int from, int count, MessageDigest digest) {
        int base = from * Sha256.LENGTH;
        int n = count;
        try {
            while (n > 1) {
                int next = 0;
                for (int i = 0; i + 1 < n; i += 2) {
                    digest.update(Sha256.NODE_PREFIX);
                    digest.update(flat, base + i * Sha256.LENGTH, 2 * Sha256.LENGTH);
                    // next <= i: the pair was consumed by update before the digest overwrites it.
                    digest.digest(flat, base + next++ * Sha256.LENGTH, Sha256.LENGTH);
                }
                if ((n & 1) == 1) {
                    System.arraycopy(flat, base + (n - 1) * Sha256.LENGTH, flat, base + next++ * Sha256.LENGTH,
                        Sha256.LENGTH);
                }
                n = next;
            }
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 digest into a 32-byte slot failed", e);
        }
    }

    /** Reduces {@code level[0..n)} in place to the root. */
    private static byte[] rootOf(byte[][] level, int n) {
        while (n > 1) {
            int next = 0;
            for (int i = 0; i + 1 < n; i += 2) {
                level[next++] = Sha256.node(level[i], level[i + 1]);
            }
            if ((n & 1) == 1) {
                level[next++] = level[n - 1];
            }
            n = next;
        }
        return level[0];
    }

    /**
     * The sibling hashes from leaf {@code index} up to the root, skipping levels where the node is
     * promoted. With the index and the leaf count they determine every left/right decision.
     */
    public static List<byte[]> path(byte[][] leaves, int count, int index) {
        if (index < 0 || index >= count) {
            throw new InvalidInputException("index", "merkle_tree count=" + count, index, "must be in [0, count)");
        }
        byte[][] level = Arrays.copyOf(leaves, count);
        int n = count;
        int i = index;
        List<byte[]> siblings = new ArrayList<>();
        while (n > 1) {
            int sibling = i ^ 1;
            if (sibling < n) {
                siblings.add(level[sibling].clone());
            }
            int next = 0;
            for (int j = 0; j + 1 < n; j += 2) {
                level[next++] = Sha256.node(level[j], level[j + 1]);
            }
            if ((n & 1) == 1) {
                level[next++] = level[n - 1];
            }
            n = next;
            i >>= 1;
        }
        return siblings;
    }

    /**
     * The root implied by a leaf, its index, the leaf count and the sibling path; {@code null} if the
     * path has the wrong number of siblings for that index and count.
     */
    public static byte[] rootFromPath(byte[] leaf, int index, int count, List<byte[]> siblings) {
        if (index < 0 || index >= count) {
            return null;
        }
        byte[] h = leaf;
        int n = count;
        int i = index;
        int used = 0;
        while (n > 1) {
            int sibling = i ^ 1;
            if (sibling < n) {
                if (used == siblings.size()) {
                    return null;
                }
                byte[] s = siblings.get(used++);
                h = (i & 1) == 0 ? Sha256.node(h, s) : Sha256.node(s, h);
            }
            n = (n + 1) >>> 1;
            i >>= 1;
        }
        return used == siblings.size() ? h : null;
    }
}
