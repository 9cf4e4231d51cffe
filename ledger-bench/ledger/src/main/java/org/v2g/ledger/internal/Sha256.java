package org.v2g.ledger.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 with one {@link MessageDigest} per thread, and the two hash shapes of the Merkle tree.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class Sha256 {
    /** Length of a digest in bytes. */
    public static final int LENGTH = 32;
    /** Domain prefix of a leaf hash. */
    public static final byte LEAF_PREFIX = 0x00;
    /** Domain prefix of an interior node hash. */
    public static final byte NODE_PREFIX = 0x01;

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    /** A new SHA-256 digest (for owners that keep their own). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    /** This thread's digest (reset between uses by {@code digest}). */
    static MessageDigest threadDigest() {
        return DIGEST.get();
    }

    /** SHA-256 of {@code length} bytes of {@code data} from {@code offset}. */
    public static byte[] hash(byte[] data, int offset, int length) {
        MessageDigest d = DIGEST.get();
        d.update(data, offset, length);
        return d.digest();
    }

    /** {@code SHA-256(0x00 || frame)}: the leaf hash of one record frame. */
    public static byte[] leaf(byte[] frame, int offset, int length) {
        MessageDigest d = DIGEST.get();
        d.update(LEAF_PREFIX);
        d.update(frame, offset, length);
        return d.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}: an interior node. */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest d = DIGEST.get();
        d.update(NODE_PREFIX);
        d.update(left);
        d.update(right);
        return d.digest();
    }
}
