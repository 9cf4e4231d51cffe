package org.v2g.ledger;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Random;

/**
 * Per-operation cost of {@link Ed25519} (keygen, sign, verify of a 72-byte message, the size an EV
 * signs) next to the JDK's {@code Signature.getInstance("Ed25519")} in the same JVM. Not a test: run
 * by hand, for example
 *
 * <pre>
 * mvn -q -pl ledger-bench/ledger -am test-compile
 * java -cp ledger-bench/ledger/target/test-classes:ledger-bench/ledger/target/classes:$(deps) \
 *     org.v2g.ledger.Ed25519Bench [ops per round] [rounds]
 * </pre>
 *
 * Each round times {@code ops} operations of each kind for both implementations, interleaved, after
 * one warm-up round; the median round is reported, in microseconds per operation.
 */
public final class Ed25519Bench {
    private static volatile Object sink;

    private Ed25519Bench() {
    }

    public static void main(String[] args) throws GeneralSecurityException {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[][] messages = new byte[ops][72];
        Random random = new Random(42);
        for (byte[] m : messages) {
            random.nextBytes(m);
        }
        String[] names = {"keygen", "sign", "verify"};
        double[][][] micros = new double[2][3][rounds];
        for (int r = -1; r < rounds; r++) {
            double[][] lib = round(ops, messages, false);
            double[][] jdk = round(ops, messages, true);
            if (r >= 0) {
                for (int k = 0; k < 3; k++) {
                    micros[0][k][r] = lib[k][0];
                    micros[1][k][r] = jdk[k][0];
                }
            }
        }
        System.out.printf("ops per round %d, rounds %d (median shown, us/op)%n", ops, rounds);
        System.out.printf("%-8s %12s %12s %8s%n", "op", "Ed25519", "JDK direct", "JDK/lib");
        for (int k = 0; k < 3; k++) {
            double lib = median(micros[0][k]);
            double jdk = median(micros[1][k]);
            System.out.printf("%-8s %12.1f %12.1f %8.1f%n", names[k], lib, jdk, jdk / lib);
        }
    }

    /** One round: {keygen, sign, verify} microseconds per op. */
    private static double[][] round(int ops, byte[][] messages, boolean jdk) throws GeneralSecurityException {
        KeyPair[] keys = new KeyPair[ops];
        byte[][] sigs = new byte[ops][];
        KeyPairGenerator g = jdk ? KeyPairGenerator.getInstance("Ed25519") : null;
        Signature s = jdk ? Signature.getInstance("Ed25519") : null;

        long t0 = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            keys[i] = jdk ? g.generateKeyPair() : Ed25519.generate();
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            if (jdk) {
                s.initSign(keys[i].getPrivate());
                s.update(messages[i]);
                sigs[i] = s.sign();
            } else {
                sigs[i] = Ed25519.sign(keys[i].getPrivate(), messages[i]);
            }
        }
        long t2 = System.nanoTime();
        int ok = 0;
        for (int i = 0; i < ops; i++) {
            boolean v;
            if (jdk) {
                s.initVerify(keys[i].getPublic());
                s.update(messages[i]);
                v = s.verify(sigs[i]);
            } else {
                v = Ed25519.verify(keys[i].getPublic(), messages[i], sigs[i]);
            }
            ok += v ? 1 : 0;
        }
        long t3 = System.nanoTime();
        if (ok != ops) {
            throw new AssertionError("verified " + ok + " of " + ops);
        }
        sink = sigs;
        return new double[][] {
            {(t1 - t0) / 1e3 / ops}, {(t2 - t1) / 1e3 / ops}, {(t3 - t2) / 1e3 / ops}};
    }

    private static double median(double[] xs) {
        double[] c = xs.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
