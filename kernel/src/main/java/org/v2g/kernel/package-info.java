/**
 * One slot of the V2G Stackelberg game (SPEC sections 1–3, 6): the model, the literal reference and the
 * fast paths.
 *
 * <p>Conventions of the package:
 * <ul>
 *   <li><b>Validated once.</b> {@link org.v2g.kernel.Fleet} and {@link org.v2g.kernel.Market} check every
 *       value on construction and throw {@link org.v2g.kernel.InvalidInputException} naming the field,
 *       the item and the value; everything past them reads arrays without checks.</li>
 *   <li><b>The reference is literal.</b> {@link org.v2g.kernel.Follower} and
 *       {@link org.v2g.kernel.ReferenceSolver} transcribe the SPEC and are never optimised; every fast
 *       path is tested against them.</li>
 *   <li><b>Price-independent work happens once.</b> {@link org.v2g.kernel.PreparedSlot} holds it; the
 *       per-price loops of the kernels hold no logarithm.</li>
 *   <li><b>Twins differ in summation order only.</b> The scalar and vector kernels share
 *       {@code PreparedSlot.revenue}; the vector kernel sums lanes in a fixed order, so a price's value
 *       never depends on the range it was asked in, on the JIT stage, or on the thread.</li>
 *   <li><b>One tie rule.</b> {@link org.v2g.kernel.GridPoint#beats}: higher revenue, then the larger
 *       index; any split of the grid gives the same answer.</li>
 *   <li>No threads, no files: partitioning and storage live in other modules.</li>
 * </ul>
 */
package org.v2g.kernel;
