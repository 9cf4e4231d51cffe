package org.v2g.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import org.agrona.DirectBuffer;

/**
 * Ed25519 helpers over the JDK provider: raw 32-byte public keys (the form stored in records) and
 * signing or checking a range of a buffer.
 *
 * <p>Thread-safety: all methods are thread-safe; {@link Signature} objects are kept per thread.
 */
public final class Ed25519 {
    /** Length of a raw public key in bytes. */
    public static final int PUBLIC_KEY_LENGTH = 32;
    /** Length of a signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the raw key follows it. */
    private static final byte[] X509_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00 };

    private static final ThreadLocal<Signature> SIGNATURE = ThreadLocal.withInitial(() -> {
        try {
            return Signature.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 not available", e);
        }
    });

    private static final ThreadLocal<KeyFactory> KEY_FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return KeyFactory.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 not available", e);
        }
    });

    private Ed25519() {
    }

    /**
     * Writes a key pair as two files: {@code name.key} (PKCS#8, owner read/write only where the file
     * system supports it) and {@code name.pub} (X.509) in {@code dir}.
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

    /** Reads a key pair written by {@link #store}. */
    public static KeyPair load(Path dir, String name) {
        try {
            KeyFactory f = KEY_FACTORY.get();
            return new KeyPair(
                f.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(dir.resolve(name + ".pub")))),
                f.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve(name + ".key")))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key pair " + name + " in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 key pair: " + name + " in " + dir, e);
        }
    }

    /** A fresh key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 not available", e);
        }
    }

    /** The 32 raw bytes of an Ed25519 public key. */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded.length != X509_PREFIX.length + PUBLIC_KEY_LENGTH
            || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: algorithm=" + key.getAlgorithm());
        }
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    /** The public key whose raw form is {@code raw} (32 bytes). */
    public static PublicKey publicKey(byte[] raw) {
        if (raw.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes: length=" + raw.length);
        }
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + PUBLIC_KEY_LENGTH);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, PUBLIC_KEY_LENGTH);
        try {
            return KEY_FACTORY.get().generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid Ed25519 public key", e);
        }
    }

    /** Signs {@code length} bytes of {@code buffer} from {@code offset}; returns 64 bytes. */
    public static byte[] sign(PrivateKey key, DirectBuffer buffer, int offset, int length) {
        byte[] message = new byte[length];
        buffer.getBytes(offset, message);
        return sign(key, message);
    }

    /** Signs {@code message}; returns 64 bytes. */
    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = SIGNATURE.get();
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with key " + key.getAlgorithm(), e);
        }
    }

    /** Whether {@code signature} is {@code key}'s signature of the given range of {@code buffer}. */
    public static boolean verify(PublicKey key, DirectBuffer buffer, int offset, int length, byte[] signature) {
        byte[] message = new byte[length];
        buffer.getBytes(offset, message);
        return verify(key, message, signature);
    }

    /** Whether {@code signature} is {@code key}'s signature of {@code message}; false on any malformed input. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = SIGNATURE.get();
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
