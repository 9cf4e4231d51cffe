package org.v2g.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batch SHA-256 against its slow twin, {@link MessageDigest}, bit for bit: the FIPS 180-4 examples,
 * every message length 0..300 in shuffled batches of mixed lengths, and in-place Merkle levels. Run by
 * the ledger pom once per forced vector width ({@code -Dv2g.vector.bits=128|256|512}) and once with the
 * twin forced ({@code -Dv2g.ledger.sha=digest}); each run checks the vector batch at that width, the
 * twin, and the batch {@link Sha256Batches} chose.
 */
class Sha256BatchAgreementTest {
    private static final long[] SEEDS = {1L, 0x5eed_cafeL, 20_261_202L, -7L};

    static Stream<Arguments> batches() {
        List<Arguments> all = new ArrayList<>();
        List<Supplier<Sha256Batch>> kinds = List.of(VectorSha256::new, DigestSha256Batch::new,
            Sha256Batches::forThread);
        for (Supplier<Sha256Batch> kind : kinds) {
            Sha256Batch b = kind.get();
            for (long seed : SEEDS) {
                all.add(Arguments.of(b.name(), b, seed));
            }
        }
        return all.stream();
    }

    private static byte[] reference(byte prefix, byte[] data, int offset, int length) {
        MessageDigest d = Sha256.newDigest();
        d.update(prefix);
        d.update(data, offset, length);
        return d.digest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batches")
    void chosenBatchFollowsTheProperties(String name, Sha256Batch batch, long seed) {
        boolean vectorAsked = "vector".equals(System.getProperty(Sha256Batches.PROPERTY, "").trim());
        String expected = !vectorAsked || VectorSha256.lanes() < Sha256Batches.MIN_LANES ? DigestSha256Batch.NAME
            : "vector-" + VectorSha256.lanes() * Integer.SIZE;
        assertEquals(expected, Sha256Batches.chosen(), "seed=" + seed);
        assertEquals(Sha256Batches.chosen(), Sha256Batches.forThread().name());
    }

    /** FIPS 180-4 (and its example document): the first byte of each message goes in as the prefix. */
    @ParameterizedTest(name = "{0} seed={2}")
    @MethodSource("batches")
    void fipsExamples(String name, Sha256Batch batch, long seed) {
        String[][] examples = {
            {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
            {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
            {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                + "mnopqrstnopqrstu", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
            {"a".repeat(1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
        };
        Random random = new Random(seed);
        for (String[] example : examples) {
            byte[] m = example[0].getBytes(StandardCharsets.US_ASCII);
            int copies = 1 + random.nextInt(20); // the same message in several lanes at once
            int[] offsets = new int[copies];
            int[] lengths = new int[copies];
            for (int i = 0; i < copies; i++) {
                offsets[i] = 1;
                lengths[i] = m.length - 1;
            }
            byte[] out = new byte[copies * Sha256.LENGTH];
            batch.hash(m[0], m, offsets, lengths, copies, out, 0);
            for (int i = 0; i < copies; i++) {
                assertEquals(example[1], HexFormat.of().formatHex(out, i * Sha256.LENGTH, (i + 1) * Sha256.LENGTH),
                    batch.name() + " copy " + i + " of " + copies + ": " + example[0].length() + " bytes");
            }
        }
    }

    /** Every length 0..300 once, shuffled, at random offsets of one buffer, in batches of 1..40. */
    @ParameterizedTest(name = "{0} seed={2}")
    @MethodSource("batches")
    void everyLengthUpTo300InMixedBatches(String name, Sha256Batch batch, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[64 * 1024];
        random.nextBytes(data);
        List<Integer> lengths = new ArrayList<>();
        for (int len = 0; len <= 300; len++) {
            lengths.add(len);
        }
        for (int round = 0; round < 3; round++) {
            Collections.shuffle(lengths, random);
            int done = 0;
            while (done < lengths.size()) {
                int count = Math.min(lengths.size() - done, 1 + random.nextInt(40));
                int[] offsets = new int[count];
                int[] lens = new int[count];
                for (int i = 0; i < count; i++) {
                    lens[i] = lengths.get(done + i);
                    offsets[i] = random.nextInt(8) == 0 ? 0 : random.nextInt(data.length - lens[i] + 1);
                }
                byte prefix = (byte) random.nextInt(256);
                int outOffset = random.nextInt(5);
                byte[] out = new byte[outOffset + count * Sha256.LENGTH];
                batch.hash(prefix, data, offsets, lens, count, out, outOffset);
                for (int i = 0; i < count; i++) {
                    byte[] got = java.util.Arrays.copyOfRange(out, outOffset + i * Sha256.LENGTH,
                        outOffset + (i + 1) * Sha256.LENGTH);
                    assertArrayEquals(reference(prefix, data, offsets[i], lens[i]), got, () -> batch.name()
                        + " seed=" + seed + " message of " + count + " lengths " + java.util.Arrays.toString(lens));
                }
                done += count;
            }
        }
    }

    /** A Merkle level in place, every pair count 0..70, against the twin on a copy. */
    @ParameterizedTest(name = "{0} seed={2}")
    @MethodSource("batches")
    void inPlaceNodesAgree(String name, Sha256Batch batch, long seed) {
        Random random = new Random(seed);
        DigestSha256Batch twin = new DigestSha256Batch();
        for (int pairs = 0; pairs <= 70; pairs++) {
            int from = Sha256.LENGTH * random.nextInt(3);
            byte[] flat = new byte[from + pairs * 2 * Sha256.LENGTH + Sha256.LENGTH];
            random.nextBytes(flat);
            byte[] expected = flat.clone();
            for (int i = 0; i < pairs; i++) {
                byte[] left = java.util.Arrays.copyOfRange(flat, from + 2 * i * Sha256.LENGTH,
                    from + (2 * i + 1) * Sha256.LENGTH);
                byte[] right = java.util.Arrays.copyOfRange(flat, from + (2 * i + 1) * Sha256.LENGTH,
                    from + (2 * i + 2) * Sha256.LENGTH);
                System.arraycopy(Sha256.node(left, right), 0, expected, from + i * Sha256.LENGTH, Sha256.LENGTH);
            }
            byte[] byTwin = flat.clone();
            twin.nodes(byTwin, from, pairs);
            batch.nodes(flat, from, pairs);
            int p = pairs;
            // the digests, and nothing written past them but the pairs they replaced
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, 0, from + pairs * Sha256.LENGTH),
                java.util.Arrays.copyOfRange(flat, 0, from + pairs * Sha256.LENGTH),
                () -> batch.name() + " seed=" + seed + " pairs=" + p);
            assertArrayEquals(byTwin, flat, () -> batch.name() + " seed=" + seed + " pairs=" + p);
        }
    }

    @ParameterizedTest(name = "{0} seed={2}")
    @MethodSource("batches")
    void outOfRangeMessagesAreRefused(String name, Sha256Batch batch, long seed) {
        byte[] data = new byte[100];
        byte[] out = new byte[Sha256.LENGTH];
        assertThrows(IndexOutOfBoundsException.class,
            () -> batch.hash((byte) 0, data, new int[] {90}, new int[] {11}, 1, out, 0), "seed=" + seed);
        assertThrows(IndexOutOfBoundsException.class,
            () -> batch.hash((byte) 0, data, new int[] {0}, new int[] {1}, 2, out, 0), "seed=" + seed);
        assertThrows(IndexOutOfBoundsException.class, () -> batch.nodes(data, 40, 1), "seed=" + seed);
    }
}
