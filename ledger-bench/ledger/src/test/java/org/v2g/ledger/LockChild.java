package org.v2g.ledger;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The other process of {@link LedgerLockTest}. Arguments: work directory (holding the {@code sealer} key
 * pair, the ledger in its {@code ledger} folder) and a mode. {@code hold}: opens the ledger, appends one
 * record, prints {@code open PID}, and closes it when standard input ends. {@code probe}: tries to open
 * it and prints {@code opened} or {@code locked MESSAGE}.
 */
public final class LockChild {
    private LockChild() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        LedgerConfig config = CrashChild.config(work, CrashChild.keys(work));
        if (args[1].equals("probe")) {
            try (SlotLedger ledger = RingBufferSlotLedger.open(config)) {
                System.out.println("opened " + ledger.durableRecordCount());
            } catch (LedgerLockedException e) {
                System.out.println("locked " + e.getMessage());
            }
            return;
        }
        try (SlotLedger ledger = RingBufferSlotLedger.open(config)) {
            ledger.newProducer().append(new Settlement("child", 1, 0.5, 1.0, 2.0));
            ledger.flush();
            System.out.println("open " + ProcessHandle.current().pid());
            System.out.flush();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                while (in.readLine() != null) {
                    // until the test closes our standard input
                }
            }
        }
        System.out.println("closed");
    }
}
