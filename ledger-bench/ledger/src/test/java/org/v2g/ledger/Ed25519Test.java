package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Ed25519} (BouncyCastle's RFC 8032 code) against RFC 8032's vectors and the JDK provider. */
class Ed25519Test {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 section 7.1, "Test Vectors for Ed25519": TEST 1 and TEST 2 (secret key, public key, message, signature). */
    private static final String[][] RFC8032_7_1 = {
        {   // TEST 1: empty message
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        },
        {   // TEST 2: one-byte message 0x72
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        },
    };

    @Test
    void rfc8032TestVectorsOneAndTwo() throws GeneralSecurityException {
        for (String[] v : RFC8032_7_1) {
            byte[] secret = HEX.parseHex(v[0]);
            byte[] pub = HEX.parseHex(v[1]);
            byte[] message = HEX.parseHex(v[2]);
            byte[] signature = HEX.parseHex(v[3]);

            KeyPair keys = Ed25519.keyPair(secret);
            assertArrayEquals(pub, Ed25519.rawPublicKey(keys.getPublic()), v[0]);
            assertArrayEquals(secret, ((EdECPrivateKey) keys.getPrivate()).getBytes().orElseThrow());
            assertEquals(keys.getPublic(), Ed25519.publicKey(pub));
            assertArrayEquals(signature, Ed25519.sign(keys.getPrivate(), message), v[0]);
            assertTrue(Ed25519.verify(Ed25519.publicKey(pub), message, signature));
            // the JDK provider agrees on the same key objects
            assertArrayEquals(signature, jdkSign(keys.getPrivate(), message));
            assertTrue(jdkVerify(keys.getPublic(), message, signature));

            byte[] forged = signature.clone();
            forged[0] ^= 1;
            assertFalse(Ed25519.verify(keys.getPublic(), message, forged));
            byte[] longer = java.util.Arrays.copyOf(message, message.length + 1);
            assertFalse(Ed25519.verify(keys.getPublic(), longer, signature));
        }
    }

    @Test
    void signaturesAreInterchangeableWithTheJdkProviderBothWays() throws GeneralSecurityException {
        SplittableRandom random = new SplittableRandom(8032);
        KeyPairGenerator jdkGenerator = KeyPairGenerator.getInstance("Ed25519");
        for (int i = 0; i < 64; i++) {
            byte[] message = new byte[random.nextInt(0, 300)];
            random.nextBytes(message);
            // keys from this class, and keys from the JDK's generator (never seen by our caches)
            for (KeyPair keys : List.of(Ed25519.generate(), jdkGenerator.generateKeyPair())) {
                byte[] ours = Ed25519.sign(keys.getPrivate(), message);
                assertEquals(Ed25519.SIGNATURE_LENGTH, ours.length);
                assertTrue(jdkVerify(keys.getPublic(), message, ours), "JDK verifies ours, i=" + i);

                byte[] theirs = jdkSign(keys.getPrivate(), message);
                assertTrue(Ed25519.verify(keys.getPublic(), message, theirs), "we verify the JDK's, i=" + i);
                // Ed25519 is deterministic: the same key and message give the same bytes
                assertArrayEquals(theirs, ours, "i=" + i);

                // through the raw public key, as a record carries it
                PublicKey fromRaw = Ed25519.publicKey(Ed25519.rawPublicKey(keys.getPublic()));
                assertTrue(Ed25519.verify(fromRaw, message, ours));
                assertTrue(jdkVerify(fromRaw, message, ours));

                byte[] bad = ours.clone();
                bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
                assertFalse(Ed25519.verify(keys.getPublic(), message, bad), "flipped signature bit, i=" + i);
                assertFalse(jdkVerify(keys.getPublic(), message, bad));
                if (message.length > 0) {
                    byte[] changed = message.clone();
                    changed[random.nextInt(changed.length)] ^= (byte) (1 << random.nextInt(8));
                    assertFalse(Ed25519.verify(keys.getPublic(), changed, ours), "flipped message bit, i=" + i);
                }
            }
        }
    }

    @Test
    void bufferRangesSignTheSameBytes() {
        KeyPair keys = Ed25519.generate();
        byte[] message = new byte[100];
        new SplittableRandom(1).nextBytes(message);
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[message.length + 7]);
        buffer.putBytes(5, message);
        byte[] signature = Ed25519.sign(keys.getPrivate(), buffer, 5, message.length);
        assertArrayEquals(Ed25519.sign(keys.getPrivate(), message), signature);
        assertTrue(Ed25519.verify(keys.getPublic(), buffer, 5, message.length, signature));
        assertFalse(Ed25519.verify(keys.getPublic(), buffer, 4, message.length, signature));
    }

    @Test
    void keysKeepTheJdkEncodingsAndStoreAndLoadRoundTrips(@TempDir Path dir) throws GeneralSecurityException {
        KeyPair jdk = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair ours = Ed25519.generate();
        assertEquals(jdk.getPrivate().getAlgorithm(), ours.getPrivate().getAlgorithm());
        assertEquals(jdk.getPrivate().getFormat(), ours.getPrivate().getFormat());
        assertEquals(jdk.getPublic().getFormat(), ours.getPublic().getFormat());
        assertEquals(jdk.getPrivate().getEncoded().length, ours.getPrivate().getEncoded().length);
        assertEquals(jdk.getPublic().getEncoded().length, ours.getPublic().getEncoded().length);
        assertArrayEquals(java.util.Arrays.copyOf(jdk.getPrivate().getEncoded(), 16),
            java.util.Arrays.copyOf(ours.getPrivate().getEncoded(), 16));
        assertArrayEquals(java.util.Arrays.copyOf(jdk.getPublic().getEncoded(), 12),
            java.util.Arrays.copyOf(ours.getPublic().getEncoded(), 12));

        for (KeyPair keys : List.of(jdk, ours)) {
            Ed25519.store(keys, dir, "k");
            KeyPair loaded = Ed25519.load(dir, "k");
            assertEquals(keys.getPublic(), loaded.getPublic());
            assertArrayEquals(keys.getPrivate().getEncoded(), loaded.getPrivate().getEncoded());
            byte[] message = {1, 2, 3};
            assertArrayEquals(Ed25519.sign(keys.getPrivate(), message), Ed25519.sign(loaded.getPrivate(), message));
            assertTrue(Ed25519.verify(loaded.getPublic(), message, Ed25519.sign(loaded.getPrivate(), message)));
        }
    }

    @Test
    void malformedInputIsRefused() throws GeneralSecurityException {
        KeyPair keys = Ed25519.generate();
        byte[] message = {42};
        byte[] signature = Ed25519.sign(keys.getPrivate(), message);
        assertFalse(Ed25519.verify(keys.getPublic(), message, java.util.Arrays.copyOf(signature, 63)));
        assertFalse(Ed25519.verify(keys.getPublic(), message, java.util.Arrays.copyOf(signature, 65)));
        assertFalse(Ed25519.verify(keys.getPublic(), message, null));
        assertFalse(Ed25519.verify(null, message, signature));
        assertFalse(Ed25519.verify(keys.getPublic(), message, new byte[64]));

        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        assertFalse(Ed25519.verify(ed448.getPublic(), message, signature));
        assertThrows(IllegalArgumentException.class, () -> Ed25519.sign(ed448.getPrivate(), message));
        assertThrows(IllegalArgumentException.class, () -> Ed25519.sign((PrivateKey) null, message));
        assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKey(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519.keyPair(new byte[31]));

        // the neutral element as a public key (small order): R = neutral, S = 0 satisfies the
        // verification equation for every message, but such a key verifies nothing here
        byte[] neutral = new byte[32];
        neutral[0] = 1;
        byte[] trivial = new byte[64];
        trivial[0] = 1;
        assertFalse(Ed25519.verify(Ed25519.publicKey(neutral), message, trivial));
        assertFalse(Ed25519.verify(Ed25519.publicKey(neutral), new byte[0], trivial));

        // 32 bytes that are no point on the curve (y = p, not canonical): never verifies
        byte[] notAPoint = HEX.parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        PublicKey invalid;
        try {
            invalid = Ed25519.publicKey(notAPoint);
        } catch (IllegalArgumentException e) {
            return;
        }
        assertFalse(Ed25519.verify(invalid, message, signature));
    }

    @Test
    void concurrentSignersAndVerifiersAgreeWithTheJdk() throws Exception {
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add(Ed25519.generate());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    int checked = 0;
                    for (int i = 0; i < 100; i++) {
                        KeyPair k = keys.get(random.nextInt(keys.size()));
                        byte[] message = new byte[72];
                        random.nextBytes(message);
                        byte[] signature = Ed25519.sign(k.getPrivate(), message);
                        if (!Ed25519.verify(k.getPublic(), message, signature)
                            || !jdkVerify(k.getPublic(), message, signature)) {
                            throw new AssertionError("thread " + seed + " op " + i);
                        }
                        KeyPair other = keys.get((keys.indexOf(k) + 1) % keys.size());
                        if (Ed25519.verify(other.getPublic(), message, signature)) {
                            throw new AssertionError("wrong key accepted, thread " + seed + " op " + i);
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> r : results) {
                assertEquals(100, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] jdkSign(PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(message);
        return s.sign();
    }

    /** The JDK provider's answer; a malformed signature (R not a point) counts as false. */
    private static boolean jdkVerify(PublicKey key, byte[] message, byte[] signature) throws GeneralSecurityException {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(message);
        try {
            return s.verify(signature);
        } catch (SignatureException e) {
            return false;
        }
    }

    /**
     * The keys {@link Ed25519#publicKey} makes without the JDK's KeyFactory are the JDK's keys for the same
     * bytes in every way the JDK shows: algorithm, format, encoding, point, parameters, equality and hash
     * code in both directions, serialization, and verifying through the JDK's own {@link Signature}.
     */
    @Test
    void ownPublicKeysAreTheJdksKeys() throws Exception {
        java.security.KeyFactory jdk = java.security.KeyFactory.getInstance("Ed25519");
        SplittableRandom random = new SplittableRandom(15);
        List<byte[]> raws = new ArrayList<>(List.of(new byte[32], HEX.parseHex("ff".repeat(32)),
            HEX.parseHex(RFC8032_7_1[0][1])));
        for (int i = 0; i < 50; i++) {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            raws.add(raw);
        }
        for (byte[] raw : raws) {
            PublicKey own = Ed25519.publicKey(raw);
            PublicKey theirs = jdk.generatePublic(new java.security.spec.X509EncodedKeySpec(own.getEncoded()));
            String what = HEX.formatHex(raw);
            assertEquals(theirs.getAlgorithm(), own.getAlgorithm(), what);
            assertEquals(theirs.getFormat(), own.getFormat(), what);
            assertArrayEquals(theirs.getEncoded(), own.getEncoded(), what);
            var ownEd = (java.security.interfaces.EdECPublicKey) own;
            var theirsEd = (java.security.interfaces.EdECPublicKey) theirs;
            assertEquals(theirsEd.getPoint().isXOdd(), ownEd.getPoint().isXOdd(), what);
            assertEquals(theirsEd.getPoint().getY(), ownEd.getPoint().getY(), what);
            assertEquals(theirsEd.getParams().getName(), ownEd.getParams().getName(), what);
            assertTrue(own.equals(theirs) && theirs.equals(own), what);
            assertEquals(theirs.hashCode(), own.hashCode(), what);
            assertArrayEquals(raw, Ed25519.rawPublicKey(own), what);
            assertEquals(own, Ed25519.x509PublicKey(own.getEncoded()), what);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(own);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                assertEquals(theirs, in.readObject(), what);
            }
        }
        KeyPair pair = Ed25519.keyPair(HEX.parseHex(RFC8032_7_1[1][0]));
        byte[] message = HEX.parseHex(RFC8032_7_1[1][2]);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        assertTrue(verifier.verify(Ed25519.sign(pair.getPrivate(), message)), "the JDK verifies with the own key");
        assertArrayEquals(HEX.parseHex(RFC8032_7_1[1][1]), Ed25519.rawPublicKey(pair.getPublic()));
    }

    @Test
    void anX509KeyOtherThanThePlainFormIsTheJdksToReadOrRefuse() {
        byte[] encoded = Ed25519.publicKey(new byte[32]).getEncoded();
        byte[] ed448 = encoded.clone();
        ed448[8] = 0x71; // the Ed448 OID
        assertThrows(GeneralSecurityException.class, () -> Ed25519.x509PublicKey(ed448));
        assertThrows(GeneralSecurityException.class, () -> Ed25519.x509PublicKey(new byte[] {1, 2, 3}));
        assertThrows(GeneralSecurityException.class,
            () -> Ed25519.x509PublicKey(java.util.Arrays.copyOf(encoded, encoded.length - 1)));
    }
}
