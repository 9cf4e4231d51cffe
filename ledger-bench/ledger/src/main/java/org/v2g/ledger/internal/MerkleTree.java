package org.v2g.ledger.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.internal.FrameDescriptor;

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
 * <p><b>Block format version 2</b> ({@code groupLeaves}, {@code rootOfGroups}, {@code groupPath},
 * {@code rootFromGroupPath}): one leaf per group of {@value #GROUP} consecutive records of a block (the
 * last group may be shorter), leaf {@code g} = {@code SHA-256(0x00 || frame 16g || … || frame last)} over
 * the block's contiguous frame bytes; the inner nodes and the promotion rule are the same, over the group
 * leaves. Version 1 (per-record leaves) is every other method.
 *
 * <p>Thread-safety: stateless.
 */
public final class MerkleTree {
    /** Leaves per parallel subtree (a power of two). */
    public static final int PARALLEL_CHUNK = 2048;
    /** Records per leaf in block format version 2. */
    public static final int GROUP = 16;

    private MerkleTree() {
    }

    /**
     * The root of the first {@code count} leaves, computed on this thread.
     *
     * @param leaves the leaf hashes, 32 bytes each
     * @param count  leaves to use, {@code ≥ 1}
     * @return the 32-byte root
     * @throws InvalidInputException naming {@code count} when it is below 1
     */
    public static byte[] root(byte[][] leaves, int count) {
        if (count < 1) {
            throw new InvalidInputException("count", "merkle_tree", count, "must be >= 1 (a tree needs a leaf)");
        }
        return rootOf(Arrays.copyOf(leaves, count), count);
    }

    /**
     * The same root, with subtrees of {@link #PARALLEL_CHUNK} leaves hashed in {@code pool}.
     *
     * @param leaves the leaf hashes, 32 bytes each
     * @param count  leaves to use, {@code ≥ 1}
     * @param pool   where the subtrees are hashed
     * @return the 32-byte root, bit for bit {@link #root(byte[][], int)}'s
     */
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
     *
     * @param leaves the leaf hashes, back to back
     * @param count  leaves, {@code ≥ 1}
     * @return the 32-byte root
     * @throws InvalidInputException naming {@code count} when it is below 1 or the array is too short
     */
    public static byte[] root(byte[] leaves, int count) {
        if (count < 1 || leaves.length < count * Sha256.LENGTH) {
            throw new InvalidInputException("count", "merkle_tree leaves=" + leaves.length + " bytes", count,
                "must be >= 1 with 32 bytes per leaf");
        }
        byte[] level = Arrays.copyOf(leaves, count * Sha256.LENGTH);
        reduceInPlace(level, 0, count, Sha256Batches.forThread());
        return Arrays.copyOf(level, Sha256.LENGTH);
    }

    /**
     * Reduces the {@code count} leaves stored back to back from leaf {@code from} of {@code flat} to
     * their subtree root, in place: the root ends at leaf position {@code from}, the rest of the range
     * is overwritten. Each level is one call of {@code batch} (its nodes are independent messages, hashed
     * across the lanes of a vector by {@link VectorSha256}), nothing allocated.
     */
    public static void reduceInPlace(byte[] flat, int from, int count, Sha256Batch batch) {
        int base = from * Sha256.LENGTH;
        int n = count;
        while (n > 1) {
            level(flat, base, n, batch);
            n = (n >>> 1) + (n & 1);
        }
    }

    /**
     * The leaf hashes of {@code count} frames of {@code block}, frame {@code i} at
     * {@code [offsets[i], offsets[i] + lengths[i])}: {@code SHA-256(0x00 || frame)} each, back to back.
     */
    public static byte[] leaves(byte[] block, int[] offsets, int[] lengths, int count) {
        byte[] flat = new byte[count * Sha256.LENGTH];
        Sha256Batches.forThread().hash(Sha256.LEAF_PREFIX, block, offsets, lengths, count, flat, 0);
        return flat;
    }

    /**
     * The root of {@code count} frames of {@code block}, frame {@code i} at
     * {@code [offsets[i], offsets[i] + lengths[i])}: every leaf hashed in one batch, then every level
     * (multi-buffer SHA-256 where the Vector API is present, see docs/LEDGER.md).
     *
     * @param block   the block's bytes
     * @param offsets where each frame starts
     * @param lengths each frame's length in bytes
     * @param count   frames, {@code ≥ 1}
     * @return the 32-byte root
     * @throws IllegalArgumentException when {@code count} is below 1
     */
    public static byte[] rootOfFrames(byte[] block, int[] offsets, int[] lengths, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf: count=" + count);
        }
        byte[] flat = leaves(block, offsets, lengths, count);
        reduceInPlace(flat, 0, count, Sha256Batches.forThread());
        return Arrays.copyOf(flat, Sha256.LENGTH);
    }

    /**
     * The sibling hashes from leaf {@code index} up to the root for leaves stored back to back, as
     * {@link #path(byte[][], int, int)}; {@code flat} is not changed.
     */
    public static List<byte[]> path(byte[] flat, int count, int index) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("leaf index out of range: index=" + index + " count=" + count);
        }
        byte[] level = Arrays.copyOf(flat, count * Sha256.LENGTH);
        Sha256Batch batch = Sha256Batches.forThread();
        int n = count;
        int i = index;
        List<byte[]> siblings = new ArrayList<>();
        while (n > 1) {
            int sibling = i ^ 1;
            if (sibling < n) {
                siblings.add(Arrays.copyOfRange(level, sibling * Sha256.LENGTH, (sibling + 1) * Sha256.LENGTH));
            }
            level(level, 0, n, batch);
            n = (n >>> 1) + (n & 1);
            i >>= 1;
        }
        return siblings;
    }

    /** One level in place: the {@code n} nodes from byte {@code base} become the {@code ceil(n / 2)} above. */
    private static void level(byte[] flat, int base, int n, Sha256Batch batch) {
        int pairs = n >>> 1;
        batch.nodes(flat, base, pairs);
        if ((n & 1) == 1) {
            // the odd node is promoted unchanged
            System.arraycopy(flat, base + (n - 1) * Sha256.LENGTH, flat, base + pairs * Sha256.LENGTH, Sha256.LENGTH);
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
     *
     * @param leaves the leaf hashes
     * @param count  leaves in the tree
     * @param index  the leaf whose path is wanted, {@code 0 … count−1}
     * @return the sibling hashes, leaf level first
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
     *
     * @param leaf     the leaf hash
     * @param index    the leaf's index
     * @param count    leaves in the tree
     * @param siblings the sibling hashes, leaf level first ({@link #path})
     * @return the 32-byte root, or {@code null}
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

    /** {@return the number of version-2 leaves (groups) of a block of {@code count} records} */
    public static int groups(int count) {
        return (count + GROUP - 1) / GROUP;
    }

    /**
     * Where each version-2 group of {@code count} frames starts and how long it is: the frames of a group
     * are contiguous, so group {@code g} runs from frame {@code 16 g} to the end of its last frame.
     *
     * @return {@code {offsets, lengths}}, {@link #groups(int)} entries each
     */
    public static int[][] groupSpans(int[] offsets, int[] lengths, int count) {
        int groups = groups(count);
        int[] groupOffsets = new int[groups];
        int[] groupLengths = new int[groups];
        for (int g = 0; g < groups; g++) {
            int first = g * GROUP;
            int last = Math.min(count, first + GROUP) - 1;
            groupOffsets[g] = offsets[first];
            groupLengths[g] = offsets[last] + lengths[last] - offsets[first];
        }
        return new int[][] {groupOffsets, groupLengths};
    }

    /**
     * The version-2 leaves of {@code count} frames of {@code block}, frame {@code i} at
     * {@code [offsets[i], offsets[i] + lengths[i])} (contiguous, in order): one digest per group, back to
     * back, in one batch.
     */
    public static byte[] groupLeaves(byte[] block, int[] offsets, int[] lengths, int count) {
        int[][] spans = groupSpans(offsets, lengths, count);
        int groups = spans[0].length;
        byte[] flat = new byte[groups * Sha256.LENGTH];
        Sha256Batches.forThread().hash(Sha256.LEAF_PREFIX, block, spans[0], spans[1], groups, flat, 0);
        return flat;
    }

    /**
     * The version-2 root of {@code count} frames of {@code block} (see {@link #groupLeaves}).
     *
     * @throws IllegalArgumentException when {@code count} is below 1
     */
    public static byte[] rootOfGroups(byte[] block, int[] offsets, int[] lengths, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf: count=" + count);
        }
        byte[] flat = groupLeaves(block, offsets, lengths, count);
        reduceInPlace(flat, 0, groups(count), Sha256Batches.forThread());
        return Arrays.copyOf(flat, Sha256.LENGTH);
    }

    /**
     * The version-2 sibling hashes of record {@code index}: from its group's leaf up to the root, skipping
     * promoted levels (as {@link #path(byte[], int, int)} over the group leaves).
     */
    public static List<byte[]> groupPath(byte[] block, int[] offsets, int[] lengths, int count, int index) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("record index out of range: index=" + index + " count=" + count);
        }
        return path(groupLeaves(block, offsets, lengths, count), groups(count), index / GROUP);
    }

    /** {@return the number of records in the version-2 group of record {@code index} in a block of {@code count}} */
    public static int groupSize(int index, int count) {
        int first = index / GROUP * GROUP;
        return Math.min(GROUP, count - first);
    }

    /**
     * The version-2 root implied by the frames of record {@code index}'s group ({@code group}, back to
     * back), the record count of the block and the sibling path above the group; {@code null} if the index
     * is out of range or the path has the wrong number of siblings. The caller checks that {@code group}
     * holds {@link #groupSize} whole frames.
     */
    public static byte[] rootFromGroupPath(byte[] group, int index, int count, List<byte[]> siblings) {
        if (index < 0 || index >= count) {
            return null;
        }
        return rootFromPath(Sha256.leaf(group, 0, group.length), index / GROUP, groups(count), siblings);
    }
}
