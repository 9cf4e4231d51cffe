/**
 * The partitioned solver (the paper's step 4): a pool of smart-charging-point (SCP) workers, each a
 * real thread with a declared capacity, that evaluate one slot's price grid together.
 *
 * <p>Conventions of this package:
 * <ul>
 *   <li><b>The sequential loop is the single source of the parallel one.</b> Workers evaluate grid
 *       blocks with {@link org.v2g.kernel.RevenueKernel#best} and merge with
 *       {@link org.v2g.kernel.GridPoint#better}; there is no second argmax. Every test of a parallel
 *       entry point compares it with {@link org.v2g.kernel.FastSolver} on the same kernel.</li>
 *   <li><b>One writer per field.</b> A worker's per-slot counters ({@code SlotRun.State}) are written
 *       by that worker only (volatile, so helpers and the coordinator read fresh values); everything
 *       written by several threads is an atomic (segment ends, chunk completion, accepted count).</li>
 *   <li><b>Publication by the accepted count.</b> A worker records an accepted chunk in its partial
 *       result before it adds the points to the shared count; the coordinator reads partial results
 *       only after the count reached the grid size.</li>
 *   <li><b>No false-sharing padding.</b> The shared words are written once per chunk (tens of
 *       microseconds apart), not per point; padding would not show in any measurement.</li>
 *   <li><b>Simulation knobs are labelled as such</b> ({@link org.v2g.partition.internal.Slowdown},
 *       {@link org.v2g.partition.Fault}): they exist for tests, benchmarks and demonstrations.</li>
 * </ul>
 */
package org.v2g.partition;

import org.v2g.partition.internal.Slowdown;
