package org.v2g.ledger;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * An append-only, hash-chained, signed ledger of records: SCPs record solutions and settlements, EVs
 * (light clients) check block headers and Merkle proofs.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Records are appended through {@linkplain #newProducer() producers}, one per thread. The ledger
 *       numbers records 0, 1, 2, ... in the order it seals them; the records of one producer keep the
 *       order in which that producer appended them. No record is lost or duplicated.</li>
 *   <li>A full buffer is a return value ({@link LedgerProducer#RING_FULL}) and counted, never a silent
 *       drop; misuse (a bad type id or length, a second claim, a closed ledger) is an exception.</li>
 *   <li>An append is acknowledged as durable ({@link LedgerProducer#isDurable}) only after the block
 *       holding it has been written and forced as the {@link SyncPolicy} says. After a crash,
 *       reopening the directory recovers every acknowledged record.</li>
 *   <li>{@link #headers()} and {@link #forEachRecord} show durable blocks only.</li>
 *   <li>A directory has one writer: a second open, in this JVM or another process, throws
 *       {@link LedgerLockedException} naming the directory (see {@link LedgerLock}); readers such as
 *       {@link LedgerVerifier} need no lock.</li>
 *   <li>An I/O failure of the block file (a full disk, say) fails the ledger: every call from then on
 *       throws {@link LedgerFailedException} naming the directory and the cause; nothing after the
 *       failure is acknowledged. {@code close} still releases the directory, and reopening it recovers
 *       every record acknowledged before (a partly written block is cut).</li>
 *   <li>After {@link #close()}, {@code proof}, {@code headers}, {@code forEachRecord}, {@code newProducer}
 *       and {@code flush} throw {@code IllegalStateException("ledger in DIR is closed")}.</li>
 *   <li>Bad input (a field out of range, a bad type id or length, a key of another ledger) is an
 *       {@link org.v2g.kernel.InvalidInputException} naming the field, the item and the value.</li>
 * </ul>
 *
 * <h2>JVM flags</h2>
 * The ledger needs {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} on the {@code java} command
 * line (Agrona uses {@code jdk.internal.misc.Unsafe}; on the module path, name Agrona's module instead of
 * {@code ALL-UNNAMED}). Without it {@code open} throws an {@link IllegalStateException} naming the flag,
 * before any file is touched. The kernel's Vector API solvers want {@code --add-modules jdk.incubator.vector}
 * as well (without it they fall back to the scalar kernel).
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(dir, scpKeys))) {
 *     LedgerProducer p = ledger.newProducer();               // on the appending thread
 *     long seq = p.append(new Settlement("ev042", 31, -0.8, -3.0, 2.37));
 *     p.awaitDurable(seq, Duration.ofSeconds(1));
 *     ledger.forEachRecord((s, type, buf, off, len) -> ...);
 * }
 * }</pre>
 *
 * <p>Implementations: {@link RingBufferSlotLedger} (many producers, one sealer thread, fsync overlapped
 * with the next block) and {@link SynchronizedSlotLedger} (one lock; the reference oracle).
 *
 * <p>Its read side is the {@link LedgerView} it shares with the replicated ledger.
 *
 * <p>Thread-safety: the ledger's methods are thread-safe; each {@link LedgerProducer} belongs to one
 * thread.
 */
public interface SlotLedger extends LedgerView, AutoCloseable {
    /**
     * A new producer for the calling thread.
     *
     * @return the producer; it belongs to this thread
     * @throws IllegalStateException past the configured maximum
     */
    LedgerProducer newProducer();

    /** Number of durable records: records {@code 0 .. durableRecordCount() - 1} are durable. */
    long durableRecordCount();

    /** Seals everything appended before the call and waits until it is durable. */
    void flush();

    /** Headers of the durable blocks, in height order. */
    List<BlockHeader> headers();

    /** Visits the durable records in sequence order. */
    void forEachRecord(RecordVisitor visitor);

    /**
     * A Merkle inclusion proof of the durable settlement of {@code evId} in {@code slot} (of the slot's final
     * attempt, see {@link SlotClose}), for a light
     * client to check against {@link #headers()}; empty if there is none.
     */
    Optional<SettlementProof> proof(String evId, long slot);

    /** {@return what opening the directory found} */
    RecoveryReport recovery();

    /** {@return the key that signs this ledger's block headers} */
    PublicKey sealerKey();

    /**
     * Flushes, stops the ledger's threads and closes the file, releasing the directory's lock. After a
     * failure it skips the flush; if the flush itself fails, the file is closed all the same and the
     * {@link LedgerFailedException} follows.
     */
    @Override
    void close();
}
