package org.v2g.ledger.internal;

/**
 * Many independent SHA-256 digests in one call: the shape of every Merkle level, whose leaves (or
 * nodes) do not depend on one another. {@link Sha256Batches} picks the implementation: the Vector API
 * multi-buffer one ({@link VectorSha256}, one message per lane) or its slow twin
 * ({@link DigestSha256Batch}, one {@link java.security.MessageDigest} call per message).
 *
 * <p>Message {@code i} is {@code prefix || data[offsets[i], offsets[i] + lengths[i])}; its digest is written
 * to {@code out[outOffset + 32 i, outOffset + 32 i + 32)}. {@code out} may be {@code data} when every
 * digest lands at or before the first byte of its own message and after the messages before it (the
 * in-place Merkle level: digest {@code i} of the pairs at {@code 64 i} goes to {@code 32 i}): an
 * implementation reads messages in index order and never writes a digest before it has read every
 * message it could overwrite.
 *
 * <p>Thread-safety: not thread-safe (scratch space); one per thread, see {@link Sha256Batches#forThread()}.
 */
public interface Sha256Batch {

    /** A short name for logs and benchmarks: {@code vector-512}, {@code digest}, ... */
    String name();

    /** Hashes {@code count} messages {@code prefix || data[offsets[i] .. +lengths[i])} into {@code out}. */
    void hash(byte prefix, byte[] data, int[] offsets, int[] lengths, int count, byte[] out, int outOffset);

    /**
     * One Merkle level in place: the {@code pairs} 64-byte pairs from byte {@code from} of {@code flat}
     * become {@code SHA-256(0x01 || left || right)}, digest {@code i} at {@code from + 32 i}.
     */
    void nodes(byte[] flat, int from, int pairs);
}
