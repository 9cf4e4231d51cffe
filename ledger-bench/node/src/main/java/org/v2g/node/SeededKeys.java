package org.v2g.node;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;

import org.v2g.ledger.Sha256;

/**
 * Ed25519 key pairs derived from a seed and a label, for the simulated parties of a demonstration day:
 * the EVs' devices, which any node's day driver must be able to speak for after a leader change, and
 * the SCPs of {@code cluster-demo}. Real SCPs and EVs generate their keys ({@code Ed25519.generate}).
 */
public final class SeededKeys {
    private SeededKeys() {
    }

    /** The key pair of {@code label} under {@code seed}: the same on every machine. */
    public static KeyPair derive(long seed, String label) {
        byte[] material = (seed + "/" + label).getBytes(StandardCharsets.UTF_8);
        byte[] privateKey = Sha256.hash(material, 0, material.length);
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519, new FixedBytes(privateKey));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519 key pair generator", e);
        }
    }

    /** A source that hands out the given 32 bytes: the RFC 8032 private key the generator draws. */
    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("expected a draw of " + bytes.length + " bytes: length=" + out.length);
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
