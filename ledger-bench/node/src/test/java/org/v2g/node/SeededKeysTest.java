package org.v2g.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.internal.Sha256;
import org.v2g.node.internal.SeededKeys;

/** Derived keys are the JDK's RFC 8032 key pairs of the derived private key, and differ by label and seed. */
class SeededKeysTest {
    /** The JDK's own generator fed the derived private key: the oracle. */
    private static KeyPair jdk(long seed, String label) throws Exception {
        byte[] m = (seed + "/" + label).getBytes(StandardCharsets.UTF_8);
        byte[] sk = Sha256.hash(m, 0, m.length);
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] out) {
                System.arraycopy(sk, 0, out, 0, out.length);
            }
        });
        return g.generateKeyPair();
    }

    @Test
    void derivedKeysAreTheJdksAndSignLikeThem() throws Exception {
        for (String label : new String[] {"ev/ev0001", "ev/bus-17", "scp0", "scp3"}) {
            for (long seed : new long[] {0, 7, 42, -5}) {
                KeyPair ours = SeededKeys.derive(seed, label);
                KeyPair theirs = jdk(seed, label);
                assertArrayEquals(theirs.getPublic().getEncoded(), ours.getPublic().getEncoded(), label + " " + seed);
                assertArrayEquals(theirs.getPrivate().getEncoded(), ours.getPrivate().getEncoded(), label + " " + seed);
                byte[] msg = (label + seed).getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(Ed25519.sign(theirs.getPrivate(), msg), Ed25519.sign(ours.getPrivate(), msg));
            }
        }
        assertFalse(Arrays.equals(SeededKeys.derive(1, "a").getPublic().getEncoded(),
                SeededKeys.derive(2, "a").getPublic().getEncoded()));
    }
}
