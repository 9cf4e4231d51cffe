package org.v2g.ledger.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The slow twin of {@link VectorSha256}: one {@link MessageDigest} call per message (HotSpot's SHA-NI
 * intrinsic where the CPU has it). The scalar fallback when the vector module is absent or the species
 * too narrow, and the reference the vector batch is checked against.
 *
 * <p>Thread-safety: not thread-safe (one digest).
 */
public final class DigestSha256Batch implements Sha256Batch {
    public static final String NAME = "digest";

    /**
     * Messages up to this long are copied behind their prefix byte and hashed in one {@code update}: a
     * {@code MessageDigest.update(byte)} is a whole {@code update} call of its own, as costly as the copy
     * of a record frame or a node pair (measured: about 15 % of the Merkle hashing in a short process).
     */
    static final int SCRATCH_MESSAGE = 512;

    private final MessageDigest digest = Sha256.newDigest();
    private final byte[] scratch = new byte[1 + SCRATCH_MESSAGE];

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void hash(byte prefix, byte[] data, int[] offsets, int[] lengths, int count, byte[] out, int outOffset) {
        hash(prefix, data, offsets, lengths, 0, count, out, outOffset);
    }

    /** Messages {@code [first, first + count)} of the lists; digest {@code first + i} to {@code outOffset + 32 i}. */
    void hash(byte prefix, byte[] data, int[] offsets, int[] lengths, int first, int count, byte[] out,
              int outOffset) {
        Objects.checkFromIndexSize(outOffset, count * Sha256.LENGTH, out.length);
        try {
            scratch[0] = prefix;
            for (int i = 0; i < count; i++) {
                int offset = offsets[first + i];
                int length = lengths[first + i];
                Objects.checkFromIndexSize(offset, length, data.length);
                if (length <= SCRATCH_MESSAGE) {
                    System.arraycopy(data, offset, scratch, 1, length);
                    digest.update(scratch, 0, 1 + length);
                } else {
                    digest.update(prefix);
                    digest.update(data, offset, length);
                }
                digest.digest(out, outOffset + i * Sha256.LENGTH, Sha256.LENGTH);
            }
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 digest into a 32-byte slot failed", e);
        }
    }

    @Override
    public void nodes(byte[] flat, int from, int pairs) {
        Objects.checkFromIndexSize(from, pairs * 2 * Sha256.LENGTH, flat.length);
        pairs(flat, from, pairs, from);
    }

    /** The pairs from byte {@code in} of {@code flat}, digest {@code i} to {@code out + 32 i} ({@code out <= in}). */
    void pairs(byte[] flat, int in, int pairs, int out) {
        try {
            scratch[0] = Sha256.NODE_PREFIX;
            for (int i = 0; i < pairs; i++) {
                // the pair is copied out before the digest overwrites it (out + 32 i <= in + 64 i)
                System.arraycopy(flat, in + 2 * i * Sha256.LENGTH, scratch, 1, 2 * Sha256.LENGTH);
                digest.update(scratch, 0, 1 + 2 * Sha256.LENGTH);
                digest.digest(flat, out + i * Sha256.LENGTH, Sha256.LENGTH);
            }
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 digest into a 32-byte slot failed", e);
        }
    }
}
