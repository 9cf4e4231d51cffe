package org.v2g.ledger;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The process {@link CrashTest} kills: two producers append records {@code (run, producer, i)} to a
 * ring-buffer ledger and print {@code ack run producer i} once record {@code i} and all before it are
 * durable. Arguments: work directory, run number.
 */
public final class CrashChild {
    static final int TYPE = 1000;

    private CrashChild() {
    }

    static LedgerConfig config(Path work, KeyPair keys) {
        return LedgerConfig.of(work.resolve("ledger"), keys).withMaxRecordsPerBlock(8).withMaxPayloadLength(256)
            .withRingCapacity(1 << 16);
    }

    static KeyPair keys(Path work) {
        return Ed25519.load(work, "sealer");
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int run = Integer.parseInt(args[1]);
        SlotLedger ledger = RingBufferSlotLedger.open(config(work, keys(work)));
        System.out.println("ready " + ledger.recovery());
        System.out.flush();
        for (int p = 0; p < 2; p++) {
            int id = p;
            Thread.ofPlatform().start(() -> {
                LedgerProducer producer = ledger.newProducer();
                SplittableRandom rnd = new SplittableRandom(run * 7919L + id);
                UnsafeBuffer b = new UnsafeBuffer(new byte[256]);
                for (int i = 0; ; i++) {
                    int len = 12 + rnd.nextInt(200);
                    b.putInt(0, run, ByteOrder.LITTLE_ENDIAN);
                    b.putInt(4, id, ByteOrder.LITTLE_ENDIAN);
                    b.putInt(8, i, ByteOrder.LITTLE_ENDIAN);
                    long seq = producer.append(TYPE, b, 0, len);
                    if (seq != i) {
                        throw new AssertionError("sequence " + seq + " for record " + i);
                    }
                    if (i % 4 == 3 && producer.awaitDurable(seq, Duration.ofSeconds(30))) {
                        synchronized (System.out) {
                            System.out.println("ack " + run + " " + id + " " + i);
                            System.out.flush();
                        }
                    }
                }
            });
        }
    }
}
