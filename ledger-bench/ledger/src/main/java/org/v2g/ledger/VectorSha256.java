package org.v2g.ledger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Multi-buffer SHA-256 (FIPS 180-4) with {@code jdk.incubator.vector}: one message per lane of an
 * {@link IntVector}, so 16 messages at once with 512-bit vectors and 8 with 256. Loaded reflectively by
 * {@link Sha256Batches} so that a JVM without the incubator module never touches this class.
 *
 * <p>Per batch of up to {@code lanes} messages: each lane's message is {@code prefix || bytes}; its
 * padded tail (the last one or two blocks: the remaining bytes, {@code 0x80}, zeros, the bit length
 * big-endian) is built once in scratch, whole blocks are read straight from the caller's array as
 * big-endian words. Block {@code k} of every lane is transposed into {@code w[t * lanes + lane]}, the
 * schedule is expanded and the 64 rounds run on eight state vectors; lanes whose message has fewer
 * than {@code k + 1} blocks keep their state (a blend under a mask), so a batch may mix lengths. The
 * digests are written only after the batch's last block, which is what makes the in-place Merkle
 * level of {@link Sha256Batch} safe.
 *
 * <p>A batch with fewer than a quarter of the lanes in use (the top of a tree) goes to
 * {@link java.security.MessageDigest}, which is faster for one or two messages than a mostly empty vector.
 *
 * <p>Thread-safety: not thread-safe (scratch arrays).
 */
final class VectorSha256 implements Sha256Batch {
    /** Forces 128, 256 or 512-bit vectors, as the revenue kernel does; unset: the preferred species. */
    static final String BITS_PROPERTY = "v2g.vector.bits";

    /** A static final species, so that the JIT sees a constant shape and emits vector instructions. */
    static final VectorSpecies<Integer> SPECIES = species(System.getProperty(BITS_PROPERTY, ""));
    private static final int LANES = SPECIES.length();
    /** Below this many messages a batch is hashed with {@link DigestSha256Batch}. */
    private static final int MIN_VECTOR_BATCH = Math.max(1, LANES / 4);

    private static final VarHandle BIG_ENDIAN_INT =
        MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BIG_ENDIAN_LONG =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private static final int[] IV = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

    private final DigestSha256Batch small = new DigestSha256Batch();
    private final int[] offset = new int[LANES];
    private final int[] length = new int[LANES];
    /** Blocks of each lane's padded message, and how many of them are whole message bytes. */
    private final int[] blocks = new int[LANES];
    private final int[] whole = new int[LANES];
    /** Each lane's padded tail: at most two blocks. */
    private final byte[] tail = new byte[2 * 64 * LANES];
    /** The message schedule, transposed: word {@code t} of lane {@code j} at {@code t * LANES + j}. */
    private final int[] w = new int[64 * LANES];
    /** The eight state words, transposed likewise. */
    private final int[] state = new int[8 * LANES];

    static VectorSpecies<Integer> species(String bits) {
        return switch (bits.trim()) {
            case "", "preferred" -> IntVector.SPECIES_PREFERRED;
            case "128" -> IntVector.SPECIES_128;
            case "256" -> IntVector.SPECIES_256;
            case "512" -> IntVector.SPECIES_512;
            default -> throw new IllegalArgumentException(BITS_PROPERTY + " must be 128, 256 or 512: value=" + bits);
        };
    }

    /** Lanes of the species in use: messages per batch. */
    static int lanes() {
        return LANES;
    }

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }

    @Override
    public void hash(byte prefix, byte[] data, int[] offsets, int[] lengths, int count, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(outOffset, count * Sha256.LENGTH, out.length);
        for (int i = 0; i < count; i += LANES) {
            int n = Math.min(LANES, count - i);
            if (n < MIN_VECTOR_BATCH) {
                small.hash(prefix, data, offsets, lengths, i, n, out, outOffset + i * Sha256.LENGTH);
                return;
            }
            for (int j = 0; j < n; j++) {
                offset[j] = Objects.checkFromIndexSize(offsets[i + j], lengths[i + j], data.length);
                length[j] = lengths[i + j];
            }
            batch(prefix, data, n, out, outOffset + i * Sha256.LENGTH);
        }
    }

    @Override
    public void nodes(byte[] flat, int from, int pairs) {
        Objects.checkFromIndexSize(from, pairs * 2 * Sha256.LENGTH, flat.length);
        for (int i = 0; i < pairs; i += LANES) {
            int n = Math.min(LANES, pairs - i);
            if (n < MIN_VECTOR_BATCH) {
                // in place and in order, as the vector batches before it
                small.pairs(flat, from + 2 * i * Sha256.LENGTH, n, from + i * Sha256.LENGTH);
                return;
            }
            for (int j = 0; j < n; j++) {
                offset[j] = from + 2 * (i + j) * Sha256.LENGTH;
                length[j] = 2 * Sha256.LENGTH;
            }
            batch(Sha256.NODE_PREFIX, flat, n, flat, from + i * Sha256.LENGTH);
        }
    }

    /** Hashes the {@code n} messages described by {@link #offset} and {@link #length}; digests to {@code out}. */
    private void batch(byte prefix, byte[] data, int n, byte[] out, int outOffset) {
        int maxBlocks = 0;
        for (int j = 0; j < n; j++) {
            maxBlocks = Math.max(maxBlocks, padTail(j, prefix, data));
        }
        for (int j = n; j < LANES; j++) {
            blocks[j] = 0; // an unused lane: its state is never updated nor written
        }
        for (int r = 0; r < 8; r++) {
            Arrays.fill(state, r * LANES, (r + 1) * LANES, IV[r]);
        }
        IntVector laneBlocks = IntVector.fromArray(SPECIES, blocks, 0);
        for (int k = 0; k < maxBlocks; k++) {
            for (int j = 0; j < n; j++) {
                loadBlock(j, k, prefix, data);
            }
            compress(laneBlocks.compare(VectorOperators.GT, k));
        }
        for (int j = 0; j < n; j++) {
            int at = outOffset + j * Sha256.LENGTH;
            for (int r = 0; r < 8; r++) {
                BIG_ENDIAN_INT.set(out, at + 4 * r, state[r * LANES + j]);
            }
        }
    }

    /**
     * Builds lane {@code j}'s padded tail: message bytes from the first partial block, {@code 0x80},
     * zeros, the length in bits. Returns the lane's block count.
     */
    private int padTail(int j, byte prefix, byte[] data) {
        int bytes = length[j] + 1; // with the prefix
        int total = (bytes + 8) / 64 + 1;
        int full = bytes / 64;
        blocks[j] = total;
        whole[j] = full;
        int t = 2 * 64 * j;
        int rest = bytes - 64 * full;
        if (full == 0) {
            tail[t] = prefix;
            System.arraycopy(data, offset[j], tail, t + 1, length[j]);
        } else {
            // message byte q (q >= 1) is data[offset + q - 1]
            System.arraycopy(data, offset[j] - 1 + 64 * full, tail, t, rest);
        }
        int end = t + 64 * (total - full);
        tail[t + rest] = (byte) 0x80;
        Arrays.fill(tail, t + rest + 1, end - 8, (byte) 0);
        BIG_ENDIAN_LONG.set(tail, end - 8, 8L * bytes);
        return total;
    }

    /** Transposes block {@code k} of lane {@code j} into {@link #w}; nothing for a lane already done. */
    private void loadBlock(int j, int k, byte prefix, byte[] data) {
        if (k < whole[j]) {
            int base = offset[j] - 1 + 64 * k;
            int t = 0;
            if (k == 0) {
                // the prefix is message byte 0, ahead of data[offset]
                int o = offset[j];
                w[j] = (prefix & 0xff) << 24 | (data[o] & 0xff) << 16 | (data[o + 1] & 0xff) << 8 | (data[o + 2] & 0xff);
                t = 1;
            }
            for (; t < 16; t++) {
                w[t * LANES + j] = (int) BIG_ENDIAN_INT.get(data, base + 4 * t);
            }
        } else if (k < blocks[j]) {
            int base = 2 * 64 * j + 64 * (k - whole[j]);
            for (int t = 0; t < 16; t++) {
                w[t * LANES + j] = (int) BIG_ENDIAN_INT.get(tail, base + 4 * t);
            }
        }
    }

    /** One block on every lane: schedule, 64 rounds, state += result where {@code active}. */
    private void compress(VectorMask<Integer> active) {
        for (int t = 16; t < 64; t++) {
            IntVector w2 = IntVector.fromArray(SPECIES, w, (t - 2) * LANES);
            IntVector w7 = IntVector.fromArray(SPECIES, w, (t - 7) * LANES);
            IntVector w15 = IntVector.fromArray(SPECIES, w, (t - 15) * LANES);
            IntVector w16 = IntVector.fromArray(SPECIES, w, (t - 16) * LANES);
            IntVector s0 = w15.lanewise(VectorOperators.ROR, 7).lanewise(VectorOperators.XOR,
                w15.lanewise(VectorOperators.ROR, 18)).lanewise(VectorOperators.XOR,
                w15.lanewise(VectorOperators.LSHR, 3));
            IntVector s1 = w2.lanewise(VectorOperators.ROR, 17).lanewise(VectorOperators.XOR,
                w2.lanewise(VectorOperators.ROR, 19)).lanewise(VectorOperators.XOR,
                w2.lanewise(VectorOperators.LSHR, 10));
            s1.add(w7).add(s0).add(w16).intoArray(w, t * LANES);
        }
        IntVector a0 = IntVector.fromArray(SPECIES, state, 0);
        IntVector b0 = IntVector.fromArray(SPECIES, state, LANES);
        IntVector c0 = IntVector.fromArray(SPECIES, state, 2 * LANES);
        IntVector d0 = IntVector.fromArray(SPECIES, state, 3 * LANES);
        IntVector e0 = IntVector.fromArray(SPECIES, state, 4 * LANES);
        IntVector f0 = IntVector.fromArray(SPECIES, state, 5 * LANES);
        IntVector g0 = IntVector.fromArray(SPECIES, state, 6 * LANES);
        IntVector h0 = IntVector.fromArray(SPECIES, state, 7 * LANES);
        IntVector a = a0;
        IntVector b = b0;
        IntVector c = c0;
        IntVector d = d0;
        IntVector e = e0;
        IntVector f = f0;
        IntVector g = g0;
        IntVector h = h0;
        for (int t = 0; t < 64; t++) {
            IntVector bigSigma1 = e.lanewise(VectorOperators.ROR, 6).lanewise(VectorOperators.XOR,
                e.lanewise(VectorOperators.ROR, 11)).lanewise(VectorOperators.XOR, e.lanewise(VectorOperators.ROR, 25));
            // Ch(e, f, g) = g ^ (e & (f ^ g))
            IntVector ch = g.lanewise(VectorOperators.XOR, e.lanewise(VectorOperators.AND,
                f.lanewise(VectorOperators.XOR, g)));
            IntVector t1 = h.add(bigSigma1).add(ch).add(K[t]).add(IntVector.fromArray(SPECIES, w, t * LANES));
            IntVector bigSigma0 = a.lanewise(VectorOperators.ROR, 2).lanewise(VectorOperators.XOR,
                a.lanewise(VectorOperators.ROR, 13)).lanewise(VectorOperators.XOR, a.lanewise(VectorOperators.ROR, 22));
            // Maj(a, b, c) = (a & b) | (c & (a | b))
            IntVector maj = a.lanewise(VectorOperators.AND, b).lanewise(VectorOperators.OR,
                c.lanewise(VectorOperators.AND, a.lanewise(VectorOperators.OR, b)));
            h = g;
            g = f;
            f = e;
            e = d.add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.add(bigSigma0).add(maj);
        }
        a0.blend(a0.add(a), active).intoArray(state, 0);
        b0.blend(b0.add(b), active).intoArray(state, LANES);
        c0.blend(c0.add(c), active).intoArray(state, 2 * LANES);
        d0.blend(d0.add(d), active).intoArray(state, 3 * LANES);
        e0.blend(e0.add(e), active).intoArray(state, 4 * LANES);
        f0.blend(f0.add(f), active).intoArray(state, 5 * LANES);
        g0.blend(g0.add(g), active).intoArray(state, 6 * LANES);
        h0.blend(h0.add(h), active).intoArray(state, 7 * LANES);
    }
}
