package org.v2g.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.agrona.DirectBuffer;
import org.v2g.kernel.InvalidInputException;

/**
 * Ed25519 (RFC 8032, pure, no context) helpers: raw 32-byte public keys (the form stored in records)
 * and signing or checking a range of a buffer.
 *
 * <p>The arithmetic is BouncyCastle's low-level {@code org.bouncycastle.math.ec.rfc8032.Ed25519},
 * several times faster than the JDK provider; keys at the API are the JDK's own {@link PublicKey} and
 * {@link PrivateKey} objects (PKCS#8 and X.509 encodings as the JDK writes them), and signatures are
 * standard, so either implementation verifies the other's.
 *
 * <p>What is derived from a key object (a private key's seed and public key, a public key's decoded
 * point) is cached in weak maps keyed by the key object, so signing does not recompute the public key
 * and verifying does not decompress it each time.
 *
 * <p>Thread-safety: all methods are thread-safe; the caches are synchronized maps and the cached
 * values are immutable after publication.
 */
public final class Ed25519 {
    /** Length of a raw public key in bytes. */
    public static final int PUBLIC_KEY_LENGTH = 32;
    /** Length of a signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;
    /** Length of a raw private key (the RFC 8032 seed) in bytes. */
    static final int PRIVATE_KEY_LENGTH = 32;

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the raw key follows it. */
    private static final byte[] X509_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00 };

    /**
     * DER prefix of a PKCS#8 (v1) PrivateKeyInfo for Ed25519 as the JDK encodes it (RFC 8410 section
     * 7); the 32-byte seed follows it.
     */
    private static final byte[] PKCS8_PREFIX = {
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20 };

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final ThreadLocal<KeyFactory> KEY_FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return KeyFactory.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 not available", e);
        }
    });

    /** Seed and raw public key of a private key object. Values must not refer to their key. */
    private static final Map<PrivateKey, Signer> SIGNERS = Collections.synchronizedMap(new WeakHashMap<>());

    /** Decoded point of a public key object ({@code null} point: not a valid key). */
    private static final Map<PublicKey, Verifier> VERIFIERS = Collections.synchronizedMap(new WeakHashMap<>());

    private record Signer(byte[] seed, byte[] publicKey) {
    }

    private record Verifier(org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point) {
    }

    static {
        org.bouncycastle.math.ec.rfc8032.Ed25519.precompute();
    }

    private Ed25519() {
    }

    /**
     * Writes a key pair as two files: {@code name.key} (PKCS#8, owner read/write only where the file
     * system supports it) and {@code name.pub} (X.509) in {@code dir}.
     *
     * @param keys the key pair
     * @param dir  the directory, created if missing; never a ledger directory
     * @param name the files' name without extension
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public static void store(KeyPair keys, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path key = dir.resolve(name + ".key");
            Files.write(key, keys.getPrivate().getEncoded());
            try {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.write(dir.resolve(name + ".pub"), keys.getPublic().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store key pair " + name + " in " + dir, e);
        }
    }

    /**
     * Writes only the public half as {@code name.pub} in {@code dir}: what a ledger directory may hold.
     *
     * @param key  the public key
     * @param dir  the directory, created if missing
     * @param name the file's name without extension
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void storePublic(PublicKey key, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".pub"), key.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store public key " + name + " in " + dir, e);
        }
    }

    /**
     * Reads a key pair written by {@link #store}.
     *
     * @param dir  the directory
     * @param name the files' name without extension
     * @return the key pair
     * @throws java.io.UncheckedIOException if a file cannot be read
     * @throws InvalidInputException         naming {@code key_pair} if the files are not an Ed25519 pair
     */
    public static KeyPair load(Path dir, String name) {
        try {
            KeyFactory f = KEY_FACTORY.get();
            return new KeyPair(
                x509PublicKey(Files.readAllBytes(dir.resolve(name + ".pub"))),
                f.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve(name + ".key")))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key pair " + name + " in " + dir, e);
        } catch (GeneralSecurityException e) {
            InvalidInputException bad = new InvalidInputException("key_pair", "dir=" + dir, name,
                "is not an Ed25519 key pair (" + name + ".pub, " + name + ".key)");
            bad.initCause(e);
            throw bad;
        }
    }

    /** {@return a fresh key pair: a random 32-byte seed and its public key} */
    public static KeyPair generate() {
        byte[] seed = new byte[PRIVATE_KEY_LENGTH];
        RANDOM.nextBytes(seed);
        return keyPair(seed);
    }

    /**
     * The key pair whose RFC 8032 private key (seed) is {@code seed} (32 bytes): for keys derived from a
     * secret. Keep the seed as secret as the private key it is.
     *
     * @param seed the 32-byte private key
     * @return the key pair
     * @throws InvalidInputException naming {@code private_key} if {@code seed} is not 32 bytes
     */
    public static KeyPair keyPair(byte[] seed) {
        if (seed.length != PRIVATE_KEY_LENGTH) {
            throw new InvalidInputException("private_key", "ed25519", seed.length + " bytes", "must be 32 bytes");
        }
        byte[] sk = seed.clone();
        var point = org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(sk, 0);
        byte[] pk = new byte[PUBLIC_KEY_LENGTH];
        org.bouncycastle.math.ec.rfc8032.Ed25519.encodePublicPoint(point, pk, 0);
        byte[] encoded = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + PRIVATE_KEY_LENGTH);
        System.arraycopy(sk, 0, encoded, PKCS8_PREFIX.length, PRIVATE_KEY_LENGTH);
        PrivateKey privateKey;
        try {
            privateKey = KEY_FACTORY.get().generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK refused an Ed25519 private key", e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
        PublicKey publicKey = publicKey(pk);
        SIGNERS.put(privateKey, new Signer(sk, pk));
        VERIFIERS.put(publicKey, new Verifier(point));
        return new KeyPair(publicKey, privateKey);
    }

    /**
     * The raw form of a public key, as records and registrations carry it.
     *
     * @param key an Ed25519 public key
     * @return its 32 raw bytes
     * @throws InvalidInputException naming {@code public_key} if it is not an Ed25519 key
     */
    public static byte[] rawPublicKey(PublicKey key) {
        if (key instanceof Ed25519PublicKey own) {
            return own.raw();
        }
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length != X509_PREFIX.length + PUBLIC_KEY_LENGTH
            || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new InvalidInputException("public_key", "key", key.getAlgorithm(), "must be an Ed25519 public key");
        }
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    /**
     * The public key whose raw form is {@code raw}.
     *
     * @param raw 32 bytes
     * @return the key
     * @throws InvalidInputException naming {@code public_key} if {@code raw} is not 32 bytes
     */
    public static PublicKey publicKey(byte[] raw) {
        if (raw.length != PUBLIC_KEY_LENGTH) {
            throw new InvalidInputException("public_key", "ed25519", raw.length + " bytes", "must be 32 bytes");
        }
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + PUBLIC_KEY_LENGTH);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, PUBLIC_KEY_LENGTH);
        // the JDK's KeyFactory accepts every 32 bytes here too (it checks the length only)
        return new Ed25519PublicKey(encoded);
    }

    /**
     * The public key of an X.509 encoding ({@code .pub} file): made directly when it is the plain Ed25519
     * form {@link #store} writes, else by the JDK's {@code KeyFactory}, which accepts and rejects what it
     * always has.
     *
     * @param encoded an X.509 SubjectPublicKeyInfo
     * @return the key
     * @throws GeneralSecurityException if the JDK does not read it as an Ed25519 key
     */
    public static PublicKey x509PublicKey(byte[] encoded) throws GeneralSecurityException {
        if (encoded.length == X509_PREFIX.length + PUBLIC_KEY_LENGTH
            && Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            return new Ed25519PublicKey(encoded.clone());
        }
        return KEY_FACTORY.get().generatePublic(new X509EncodedKeySpec(encoded));
    }

    /**
     * Signs {@code length} bytes of {@code buffer} from {@code offset}.
     *
     * @param key    the signer's private key
     * @param buffer holds the message
     * @param offset where the message starts
     * @param length the message's length in bytes
     * @return the 64-byte signature
     */
    public static byte[] sign(PrivateKey key, DirectBuffer buffer, int offset, int length) {
        byte[] message = new byte[length];
        buffer.getBytes(offset, message);
        return sign(key, message);
    }

    /**
     * Signs {@code message}.
     *
     * @param key     the signer's private key
     * @param message the message
     * @return the 64-byte signature
     */
    public static byte[] sign(PrivateKey key, byte[] message) {
        Signer s = signer(key);
        byte[] signature = new byte[SIGNATURE_LENGTH];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
            s.seed(), 0, s.publicKey(), 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /**
     * Whether {@code signature} is {@code key}'s signature of the given range of {@code buffer}.
     *
     * @param key       the signer's public key
     * @param buffer    holds the message
     * @param offset    where the message starts
     * @param length    the message's length in bytes
     * @param signature the signature to check
     * @return true when it verifies
     */
    public static boolean verify(PublicKey key, DirectBuffer buffer, int offset, int length, byte[] signature) {
        byte[] message = new byte[length];
        buffer.getBytes(offset, message);
        return verify(key, message, signature);
    }

    /**
     * Whether {@code signature} is {@code key}'s signature of {@code message}.
     *
     * @param key       the signer's public key
     * @param message   the message
     * @param signature the signature to check
     * @return true when it verifies; false on any malformed input
     */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (key == null || message == null || signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            var point = verifier(key).point();
            return point != null && org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
                signature, 0, point, message, 0, message.length);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Signer signer(PrivateKey key) {
        Signer s = SIGNERS.get(key);
        if (s != null) {
            return s;
        }
        byte[] seed = seed(key);
        byte[] pk = new byte[PUBLIC_KEY_LENGTH];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pk, 0);
        s = new Signer(seed, pk);
        SIGNERS.put(key, s);
        return s;
    }

    /** The 32-byte RFC 8032 private key (seed) of a JDK Ed25519 private key (or any PKCS#8 one). */
    private static byte[] seed(PrivateKey key) {
        if (key instanceof EdECPrivateKey ed) {
            if (!NamedParameterSpec.ED25519.getName().equalsIgnoreCase(ed.getParams().getName())) {
                throw new InvalidInputException("private_key", "key", ed.getParams().getName(), "must be an Ed25519 key");
            }
            byte[] seed = ed.getBytes().orElseThrow(
                () -> new InvalidInputException("private_key", "key", "bytes not available", "must expose its 32 bytes"));
            if (seed.length != PRIVATE_KEY_LENGTH) {
                throw new InvalidInputException("private_key", "key", seed.length + " bytes", "must be 32 bytes");
            }
            return seed;
        }
        byte[] encoded = key == null ? null : key.getEncoded();
        if (encoded == null || encoded.length != PKCS8_PREFIX.length + PRIVATE_KEY_LENGTH
            || !Arrays.equals(encoded, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0, PKCS8_PREFIX.length)) {
            throw new InvalidInputException("private_key", "key", key == null ? "null" : key.getAlgorithm(),
                "must be an Ed25519 private key");
        }
        return Arrays.copyOfRange(encoded, PKCS8_PREFIX.length, encoded.length);
    }

    private static Verifier verifier(PublicKey key) {
        Verifier v = VERIFIERS.get(key);
        if (v != null) {
            return v;
        }
        v = new Verifier(org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFullExport(rawPublicKey(key), 0));
        VERIFIERS.put(key, v);
        return v;
    }
}
