package org.v2g.node.internal;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;

import org.v2g.ledger.Ed25519;
import org.v2g.ledger.internal.Sha256;

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
        // The RFC 8032 private key is the hash; the public key follows (BouncyCastle's fixed-base
        // multiplication, several times faster than the JDK's generator for a day of EVs).
        return Ed25519.keyPair(Sha256.hash(material, 0, material.length));
    }
}
