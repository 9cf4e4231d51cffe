package org.v2g.ledger;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The process {@link DiskFullTest} starts under a file-size limit ({@code ulimit -f}), so that writing the
 * block file fails as on a full disk. One producer appends records {@code i} and prints {@code ack i}
 * each time records {@code 0..i} are durable, until the ledger fails; then it prints what the failed
 * ledger does ({@code failed}, {@code refuses}, {@code closed}) and, in the same JVM, reopens the
 * directory and prints {@code reopened <records>}. Arguments: work directory, {@link LedgerKind} name.
 */
public final class DiskFullChild {
    private DiskFullChild() {
    }

    public static void main(String[] args) {
        Path work = Path.of(args[0]);
        LedgerKind kind = LedgerKind.valueOf(args[1]);
        LedgerConfig config = CrashChild.config(work, CrashChild.keys(work));
        SlotLedger ledger = kind.open(config);
        LedgerProducer producer = ledger.newProducer();
        UnsafeBuffer b = new UnsafeBuffer(new byte[256]);
        try {
            for (int i = 0; ; i++) {
                b.putInt(0, i, ByteOrder.LITTLE_ENDIAN);
                long seq = producer.append(CrashChild.TYPE, b, 0, 200);
                if (i % 4 == 3 && producer.awaitDurable(seq, Duration.ofSeconds(30))) {
                    System.out.println("ack " + i);
                }
            }
        } catch (LedgerFailedException e) {
            System.out.println("failed " + e.getMessage().replace('\n', ' '));
        }
        try {
            producer.append(CrashChild.TYPE, b, 0, 200);
            System.out.println("accepted a record after the failure");
        } catch (LedgerFailedException e) {
            System.out.println("refuses");
        }
        try {
            ledger.close();
            System.out.println("closed");
        } catch (LedgerFailedException e) {
            System.out.println("closed, with " + e.getClass().getSimpleName());
        }
        try (SlotLedger again = kind.open(config)) {
            System.out.println("reopened " + again.recovery().records());
        }
        System.out.flush();
    }
}
