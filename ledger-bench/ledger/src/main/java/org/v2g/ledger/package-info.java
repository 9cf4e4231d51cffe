/**
 * An append-only, hash-chained, signed ledger of V2G records, and the Merkle proofs light clients check.
 * See {@code docs/LEDGER.md} for the file format and the guarantees.
 *
 * <p>JVM flags: {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} (Agrona reaches into
 * {@code jdk.internal.misc}); a ledger opened without it fails at {@code open} with a message naming the
 * flag. A ledger directory has one writer ({@link org.v2g.ledger.LedgerLock}).
 *
 * <p>Conventions of this package:
 * <ul>
 *   <li>Every binary layout is little-endian and described once, in a {@code *Descriptor} class with its
 *       offsets as constants and an ASCII diagram; code reads and writes fields only through those
 *       constants.</li>
 *   <li>A full buffer is a return value ({@link org.v2g.ledger.LedgerProducer#RING_FULL}), counted;
 *       bad input is an {@link org.v2g.kernel.InvalidInputException} naming the field, the item and the
 *       value; other misuse (a second claim, a closed ledger) an {@link IllegalStateException}.</li>
 *   <li>A rejected input changes nothing: no record, no sequence number, no nonce used.</li>
 *   <li>Values are small immutable records; arrays are copied in and out.</li>
 *   <li>Threads: a ledger is shared, a {@link org.v2g.ledger.LedgerProducer} belongs to one thread, and
 *       the ring-buffer ledger owns two threads of its own (sealer and syncer).</li>
 *   <li>The ledger stores the numbers it is given; it knows nothing of prices (of the kernel it uses only
 *       {@code InvalidInputException}).</li>
 * </ul>
 */
package org.v2g.ledger;

