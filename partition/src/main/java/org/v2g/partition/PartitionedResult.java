package org.v2g.partition;

import org.v2g.kernel.SlotResult;

/**
 * A slot solved by a pool: the answer (solver {@code partitioned}) and what it cost.
 *
 * @param result  the slot's answer, equal to the single-threaded solver's with the same kernel
 * @param metrics per-worker partial results and timings
 */
public record PartitionedResult(SlotResult result, SlotMetrics metrics) {
}
