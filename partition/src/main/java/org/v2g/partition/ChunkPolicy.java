package org.v2g.partition;

/**
 * How a pool cuts one slot's grid {@code [0, G)} ({@code G = K + 1} points) into the chunks its workers
 * evaluate. The full policy with worked examples is in {@code docs/PARTITION.md}; in short:
 *
 * <ol>
 *   <li><b>Home segments.</b> Worker {@code w} of capacity {@code c_w} gets the contiguous segment
 *       {@code [b_w, b_{w+1})} with {@code b_w = round(G·(c_0 + … + c_{w−1}) / C)}, {@code C = Σ c}
 *       ({@link #bounds}); its size is the worker's <em>share</em>.</li>
 *   <li><b>Grain.</b> A worker takes chunks of {@code grain_w = max(minChunk, ⌈share_w / chunksPerShare⌉)}
 *       points ({@link #grain}), from the front of its own segment. The grain is proportional to the
 *       capacity, so every chunk takes about the same time, {@code ideal / chunksPerShare}, when the
 *       capacities are declared right, and the tail a chunk can add to the makespan is that small.</li>
 *   <li><b>Stealing.</b> A worker whose segment is empty takes from the <em>back</em> of the segment
 *       with the most points left: {@code min(grain_thief, ⌈left/2⌉)}, or everything when {@code left ≤
 *       minChunk} or the owner is gone ({@link #stealSize}). Half at most, so a slow owner keeps part of
 *       its own work and the thief comes back for more. With {@code steal = false} (the static split)
 *       only the segments of workers that failed, stalled or left are taken.</li>
 *   <li><b>Orphans.</b> A chunk whose worker threw or left is taken whole by the next idle worker.</li>
 *   <li><b>Takeover.</b> When nothing is left to claim, an idle worker re-evaluates a chunk still in
 *       flight that is <em>overdue</em>: in flight for longer than the stall deadline, or longer than
 *       {@code speculation} times what the idle worker itself would need for the whole chunk at the rate
 *       it measured this slot. The first completion of a chunk is accepted, the other is dropped.</li>
 * </ol>
 *
 * <p>The answer never depends on the policy: every point is accepted exactly once and the argmax is a
 * total order ({@link org.v2g.kernel.GridPoint#better}).
 *
 * @param chunksPerShare chunks a worker's share is cut into, {@code ≥ 1}
 * @param minChunk       smallest chunk, points, {@code ≥ 1}; also the stealing threshold
 * @param steal          whether workers take from segments of workers that are still working
 * @param speculation    takeover factor, {@code > 0}; {@code +∞} disables speculative takeover (the
 *                       stall deadline still applies)
 */
public record ChunkPolicy(int chunksPerShare, int minChunk, boolean steal, double speculation) {

    /** Chunks a share is cut into by default. */
    public static final int DEFAULT_CHUNKS_PER_SHARE = 16;
    /** Smallest chunk by default, points. */
    public static final int DEFAULT_MIN_CHUNK = 8;
    /** Default takeover factor. */
    public static final double DEFAULT_SPECULATION = 2.0;

    /**
     * Checks the policy.
     *
     * @throws IllegalArgumentException if {@code chunksPerShare} or {@code minChunk} is below 1, or
     *                                  {@code speculation} is not above 0
     */
    public ChunkPolicy {
        if (chunksPerShare < 1) {
            throw new IllegalArgumentException("chunksPerShare must be >= 1: value=" + chunksPerShare);
        }
        if (minChunk < 1) {
            throw new IllegalArgumentException("minChunk must be >= 1: value=" + minChunk);
        }
        if (!(speculation > 0)) {
            throw new IllegalArgumentException("speculation must be > 0 (Infinity disables it): value=" + speculation);
        }
    }

    /** {@return the default: 16 chunks per share, chunks of at least 8 points, stealing, takeover at 2×} */
    public static ChunkPolicy adaptive() {
        return new ChunkPolicy(DEFAULT_CHUNKS_PER_SHARE, DEFAULT_MIN_CHUNK, true, DEFAULT_SPECULATION);
    }

    /**
     * The static split the benchmarks compare against: each worker evaluates its whole share as one
     * chunk, nobody steals from a working worker and nothing is speculated. Failed workers' work is
     * still taken over, so the answer stays complete.
     *
     * @return one chunk per share, no stealing, no speculation
     */
    public static ChunkPolicy staticSplit() {
        return new ChunkPolicy(1, 1, false, Double.POSITIVE_INFINITY);
    }

    /**
     * The home segment boundaries: {@code W + 1} indices from {@code 0} to {@code gridSize}; worker
     * {@code w} owns {@code [bounds[w], bounds[w+1])}. A worker of tiny capacity may own nothing.
     *
     * @param gridSize   points of the grid, {@code G ≥ 1}
     * @param capacities the workers' relative capacities, in worker order
     * @return {@code W + 1} boundaries, non-decreasing, {@code 0} first and {@code gridSize} last
     * @throws IllegalArgumentException if {@code gridSize < 1}
     */
    public static int[] bounds(int gridSize, double[] capacities) {
        if (gridSize < 1) {
            throw new IllegalArgumentException("gridSize must be >= 1: value=" + gridSize);
        }
        double total = 0;
        for (double c : capacities) {
            total += c;
        }
        int[] b = new int[capacities.length + 1];
        double prefix = 0;
        for (int w = 0; w < capacities.length; w++) {
            b[w] = (int) Math.min(gridSize, Math.round(gridSize * (prefix / total)));
            prefix += capacities[w];
        }
        b[capacities.length] = gridSize;
        return b;
    }

    /**
     * The chunk size of a worker: {@code max(minChunk, ⌈share / chunksPerShare⌉)}.
     *
     * @param share points of the worker's home segment
     * @return the grain, points, {@code ≥ minChunk}
     */
    public int grain(int share) {
        return Math.max(minChunk, (int) ((share + (long) chunksPerShare - 1) / chunksPerShare));
    }

    /**
     * How many points a thief takes from the back of another worker's segment.
     *
     * @param grain     the thief's own grain, points
     * @param left      points still unclaimed in the segment
     * @param ownerGone whether the segment's owner failed, stalled or left (then it may take everything)
     * @return points to take, at most {@code grain} and {@code left}
     */
    public int stealSize(int grain, int left, boolean ownerGone) {
        if (ownerGone || left <= minChunk) {
            return Math.min(grain, left);
        }
        return Math.min(grain, Math.max(minChunk, (left + 1) / 2));
    }
}
