package org.v2g.ledger;

import java.io.ObjectStreamException;
import java.io.Serial;
import java.math.BigInteger;
import java.security.Key;
import java.security.KeyRep;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * An Ed25519 public key made from its 32 raw bytes without the JDK's {@code KeyFactory}, whose first use
 * (the SunEC provider, its curve tables for Ed25519 and Ed448) costs every {@code v2g verify} and
 * {@code v2g prove} start some 20 to 50 ms. It is what the JDK's key for the same bytes is: algorithm
 * {@code EdDSA}, format {@code X.509}, the same encoding, point and parameters (the JDK checks the
 * length only, and so does {@link Ed25519#publicKey}), equal to it and with its hash code either way, and
 * serialized as the JDK's own key.
 *
 * <p>Immutable.
 */
final class Ed25519PublicKey implements EdECPublicKey {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The X.509 encoding: the SubjectPublicKeyInfo prefix, then the raw key. */
    private final byte[] encoded;

    /** {@code x509} must be the Ed25519 X.509 prefix followed by 32 bytes; it is not copied. */
    Ed25519PublicKey(byte[] x509) {
        this.encoded = x509;
    }

    /** The raw key, a copy. */
    byte[] raw() {
        return Arrays.copyOfRange(encoded, encoded.length - Ed25519.PUBLIC_KEY_LENGTH, encoded.length);
    }

    @Override
    public String getAlgorithm() {
        return "EdDSA";
    }

    @Override
    public String getFormat() {
        return "X.509";
    }

    @Override
    public byte[] getEncoded() {
        return encoded.clone();
    }

    /** The point as the JDK decodes it: the high bit of the last byte is x's parity, the rest y little-endian. */
    @Override
    public EdECPoint getPoint() {
        byte[] y = raw();
        boolean xOdd = (y[y.length - 1] & 0x80) != 0;
        y[y.length - 1] &= 0x7F;
        for (int i = 0, j = y.length - 1; i < j; i++, j--) {
            byte t = y[i];
            y[i] = y[j];
            y[j] = t;
        }
        return new EdECPoint(xOdd, new BigInteger(1, y));
    }

    @Override
    public NamedParameterSpec getParams() {
        return NamedParameterSpec.ED25519;
    }

    /** Equal to any key with the same encoding, as the JDK's X.509 keys are. */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Key k && Arrays.equals(encoded, k.getEncoded());
    }

    /** The JDK's X.509 keys' hash code: the same key hashes alike whichever class made it. */
    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Ed25519 public key " + java.util.HexFormat.of().formatHex(encoded, encoded.length
            - Ed25519.PUBLIC_KEY_LENGTH, encoded.length);
    }

    @Serial
    private Object writeReplace() throws ObjectStreamException {
        return new KeyRep(KeyRep.Type.PUBLIC, getAlgorithm(), getFormat(), getEncoded());
    }
}
