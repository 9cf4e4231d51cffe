/**
 * An append-only, hash-chained, signed ledger of V2G records, and the Merkle proofs light clients check.
 * See {@code docs/LEDGER.md} for the file format and the guarantees.
 *
 * <p>Conventions of this package:
 * <ul>
 *   <li>Every binary layout is little-endian and described once, in a {@code *Descriptor} class with its
 *       offsets as constants and an ASCII diagram; code reads and writes fields only through those
 *       constants.</li>
 *   <li>A full buffer is a return value ({@link org.v2g.ledger.LedgerProducer#RING_FULL}), counted;
 *       misuse is an exception whose message names the field and the value.</li>
 *   <li>A rejected input changes nothing: no record, no sequence number, no nonce used.</li>
 *   <li>Values are small immutable records; arrays are copied in and out.</li>
 *   <li>Threads: a ledger is shared, a {@link org.v2g.ledger.LedgerProducer} belongs to one thread, and
 *       the ring-buffer ledger owns two threads of its own (sealer and syncer).</li>
 *   <li>The ledger stores the numbers it is given; it knows nothing of prices or of the kernel.</li>
 * </ul>
 */
package org.v2g.ledger;
