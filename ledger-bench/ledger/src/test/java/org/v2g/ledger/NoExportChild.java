package org.v2g.ledger;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child of {@link JvmFlagsTest}, started without {@code --add-exports}: opens each ledger in the
 * given directory and prints, per ledger, {@code KIND: MESSAGE} of the error, then whether the
 * directory was touched.
 */
public final class NoExportChild {
    private NoExportChild() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        LedgerConfig config = LedgerConfig.of(dir, Ed25519.generate());
        for (LedgerKind kind : LedgerKind.values()) {
            try (SlotLedger ledger = kind.open(config)) {
                System.out.println(kind + ": opened " + ledger.durableRecordCount());
            } catch (RuntimeException | Error e) {
                System.out.println(kind + ": " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
        System.out.println("directory exists: " + Files.exists(dir));
    }
}
