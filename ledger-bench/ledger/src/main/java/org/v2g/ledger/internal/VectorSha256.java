package org.v2g.ledger.internal;

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
 * <p>Per batch of up to {@code lanes} messages: each lane's message is {@code prefix || bytes}, padded
 * as FIPS 180-4 says ({@code 0x80}, zeros, the bit length big-endian) without being copied: block
 * {@code k} of every lane is read straight from the caller's array as big-endian words (the padding
 * words composed on the fly) and transposed into {@code w[t * lanes + lane]}, the
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
    /** Blocks of each lane's padded message. */
    private final int[] blocks = new int[LANES];
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
            // bytes + 0x80 + the 8-byte length, rounded up to whole blocks
            blocks[j] = (length[j] + 1 + 8) / 64 + 1;
            maxBlocks = Math.max(maxBlocks, blocks[j]);
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
     * Transposes block {@code k} of lane {@code j}'s padded message into {@link #w}, straight from
     * {@code data}: whole words as big-endian reads, the word holding the prefix and the one holding the
     * {@code 0x80} composed byte by byte, zeros after it, the bit length in the last two words of the
     * last block. Nothing for a lane whose message has fewer blocks.
     */
    private void loadBlock(int j, int k, byte prefix, byte[] data) {
        if (k >= blocks[j]) {
            return;
        }
        int bytes = length[j] + 1; // message bytes with the prefix
        int first = 64 * k; // message position of the block's first byte
        int wholeWords = Math.min(16, Math.max(0, (bytes - first) >> 2));
        int base = offset[j] - 1 + first; // message byte q >= 1 is data[offset - 1 + q]
        int t = 0;
        if (k == 0) {
            w[j] = composed(j, 0, bytes, prefix, data);
            t = 1;
        }
        for (; t < wholeWords; t++) {
            w[t * LANES + j] = (int) BIG_ENDIAN_INT.get(data, base + 4 * t);
        }
        if (t < 16) {
            if (first + 4 * t <= bytes) {
                w[t * LANES + j] = composed(j, first + 4 * t, bytes, prefix, data);
                t++;
            }
            for (; t < 16; t++) {
                w[t * LANES + j] = 0;
            }
            if (k == blocks[j] - 1) {
                long bits = 8L * bytes;
                w[14 * LANES + j] = (int) (bits >>> 32);
                w[15 * LANES + j] = (int) bits;
            }
        }
    }

    /** The word at message position {@code q} of lane {@code j}: prefix, data, {@code 0x80} or zeros. */
    private int composed(int j, int q, int bytes, byte prefix, byte[] data) {
        int word = 0;
        for (int i = 0; i < 4; i++) {
            int pos = q + i;
            int b = pos == 0 ? prefix & 0xff : pos < bytes ? data[offset[j] - 1 + pos] & 0xff : pos == bytes ? 0x80 : 0;
            word = word << 8 | b;
        }
        return word;
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
            // the adds are grouped so that what does not depend on this round's e and a (h + K + W,
            // d + that) is off the critical path: two adds after Sigma1 to the next e, not five
            IntVector hkw = h.add(K[t]).add(IntVector.fromArray(SPECIES, w, t * LANES));
            IntVector dhkw = d.add(hkw);
            IntVector bigSigma1 = e.lanewise(VectorOperators.ROR, 6).lanewise(VectorOperators.XOR,
                e.lanewise(VectorOperators.ROR, 11)).lanewise(VectorOperators.XOR, e.lanewise(VectorOperators.ROR, 25));
            // Ch(e, f, g) = g ^ (e & (f ^ g))
            IntVector ch = g.lanewise(VectorOperators.XOR, e.lanewise(VectorOperators.AND,
                f.lanewise(VectorOperators.XOR, g)));
            IntVector chSigma1 = ch.add(bigSigma1);
            IntVector bigSigma0 = a.lanewise(VectorOperators.ROR, 2).lanewise(VectorOperators.XOR,
                a.lanewise(VectorOperators.ROR, 13)).lanewise(VectorOperators.XOR, a.lanewise(VectorOperators.ROR, 22));
            // Maj(a, b, c) = (a & b) | (c & (a | b))
            IntVector maj = a.lanewise(VectorOperators.AND, b).lanewise(VectorOperators.OR,
                c.lanewise(VectorOperators.AND, a.lanewise(VectorOperators.OR, b)));
            // T1 = h + Sigma1(e) + Ch(e, f, g) + K + W; e' = d + T1; a' = T1 + Sigma0(a) + Maj(a, b, c)
            IntVector t1 = hkw.add(chSigma1);
            h = g;
            g = f;
            f = e;
            e = dhkw.add(chSigma1);
            d = c;
            c = b;
            b = a;
            a = t1.add(bigSigma0.add(maj));
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
