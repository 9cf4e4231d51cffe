package org.v2g.ledger.internal;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.v2g.kernel.InvalidInputException;

/**
 * The fixed-size EV id field: 1 to 32 printable US-ASCII characters, padded with zero bytes to 32.
 *
 * <p>Thread-safety: stateless.
 */
public final class EvIds {
    /** Size of the field in bytes. */
    public static final int LENGTH = 32;

    private EvIds() {
    }

    /** Checks {@code evId}, throwing a message that names the value. */
    public static String check(String evId) {
        if (evId == null || evId.isEmpty() || evId.length() > LENGTH) {
            throw new InvalidInputException("ev_id", "ev=" + evId, evId, "must be 1.." + LENGTH + " characters");
        }
        for (int i = 0; i < evId.length(); i++) {
            char c = evId.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidInputException("ev_id", "ev=" + evId, evId, "must be printable ASCII without spaces");
            }
        }
        return evId;
    }

    /** Writes {@code evId} zero-padded to 32 bytes at {@code offset}. */
    public static void put(MutableDirectBuffer buffer, int offset, String evId) {
        byte[] bytes = evId.getBytes(StandardCharsets.US_ASCII);
        buffer.putBytes(offset, bytes);
        buffer.setMemory(offset + bytes.length, LENGTH - bytes.length, (byte) 0);
    }

    /**
     * Whether the 32-byte field at {@code offset} holds a valid id, read on the bytes: exactly when
     * {@link #get} would return instead of throwing (1 to 32 bytes in {@code 0x21..0x7e}, then only zero
     * bytes). No {@code String} is built: the verifier checks every record this way and decodes an id only
     * where a verdict must name it.
     */
    public static boolean isValid(DirectBuffer buffer, int offset) {
        // four 8-byte reads instead of 32 bounds-checked byte reads; byte k of a word is bits [8k, 8k + 8)
        boolean ended = false;
        for (int w = 0; w < LENGTH; w += Long.BYTES) {
            long word = buffer.getLong(offset + w, ByteOrder.LITTLE_ENDIAN);
            if (ended) {
                if (word != 0) {
                    return false;
                }
                continue;
            }
            for (int k = 0; k < Long.BYTES; k++) {
                int b = (int) (word >>> (8 * k)) & 0xff;
                if (ended) {
                    if (b != 0) {
                        return false;
                    }
                } else if (b == 0) {
                    if (w + k == 0) {
                        return false; // empty
                    }
                    ended = true;
                } else if (b < 0x21 || b > 0x7e) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether the field at {@code offset} is exactly {@code padded}, a valid id as {@link #put} writes it
     * ({@link #padded}): a byte comparison, no {@code String} built.
     */
    public static boolean matches(DirectBuffer buffer, int offset, byte[] padded) {
        for (int i = 0; i < LENGTH; i++) {
            if (buffer.getByte(offset + i) != padded[i]) {
                return false;
            }
        }
        return true;
    }

    /** The 32 bytes {@link #put} writes for {@code evId}, after {@link #check}. */
    public static byte[] padded(String evId) {
        byte[] field = new byte[LENGTH];
        byte[] bytes = check(evId).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, field, 0, bytes.length);
        return field;
    }

    /** Reads the id at {@code offset}; throws if the field is not a valid id. */
    public static String get(DirectBuffer buffer, int offset) {
        int n = 0;
        while (n < LENGTH && buffer.getByte(offset + n) != 0) {
            n++;
        }
        for (int i = n; i < LENGTH; i++) {
            if (buffer.getByte(offset + i) != 0) {
                throw new InvalidInputException("ev_id", "offset=" + offset, "a non-zero byte after its end", "must be zero-padded");
            }
        }
        byte[] bytes = new byte[n];
        buffer.getBytes(offset, bytes);
        return check(new String(bytes, StandardCharsets.US_ASCII));
    }
}
