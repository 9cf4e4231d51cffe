package org.v2g.example;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.Solvers;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SlotLedger;
import org.v2g.node.AggregatorNode;
import org.v2g.node.EvWallet;
import org.v2g.node.SlotReport;

/**
 * An application embedding the library: the paper's Table II EVs plug into an {@link AggregatorNode}
 * with four voting SCPs and a ledger in a directory, one peak slot is run, and the price and revenue are
 * printed. Run it with {@code --add-modules jdk.incubator.vector
 * --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}.
 */
public final class OneSlot {
    /** The Table II EVs: id, battery capacity (kWh), stored energy at plug-in (kWh). */
    static final List<Ev> TABLE_II = List.of(new Ev("1", 160, 57.2), new Ev("71", 64, 19.9),
            new Ev("74", 65, 17.7), new Ev("215", 40, 26.2), new Ev("217", 65, 37.1), new Ev("486", 32, 20.2));

    /** The Shenzhen peak tariff (1.12 CNY/kWh) with the paper's other defaults. */
    static final Market PEAK = Market.builder(1.12).eLimit(10).build();

    /** One EV of the example; every one uses the paper's preference β and idle utility. */
    record Ev(String id, double capacityKwh, double energyKwh) {
    }

    private OneSlot() {
    }

    /**
     * Runs slot 0 for the Table II EVs with a ledger in {@code ledgerDir}, printing the price, the
     * revenue and each EV's settlement to {@code out}.
     */
    static SlotReport run(Path ledgerDir, PrintStream out) {
        try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(ledgerDir, Ed25519.generate()));
             AggregatorNode node = AggregatorNode.builder(Solvers.byName("simd")).ledger(ledger)
                     .scps(AggregatorNode.scps(Solvers.byName("reference"), 1, 1, 1, 1)).build()) {
            for (Ev ev : TABLE_II) {
                EvWallet wallet = EvWallet.create(ev.id(), ev.capacityKwh());
                node.plugIn(wallet.registration(),
                        wallet.preferences(0, Fleet.DEFAULT_BETA, Fleet.DEFAULT_U_IDLE, ev.energyKwh()));
            }
            SlotReport slot = node.runSlot(0, PEAK);
            out.printf("price %s CNY/kWh revenue %s CNY final %s%n", slot.result().price(),
                    slot.result().revenue(), slot.isFinal());
            for (Settlement s : slot.settlements()) {
                out.printf("ev %s %s kWh %s CNY%n", s.evId(), s.kwh(), s.cny());
            }
            return slot;
        }
    }

    /** Runs the slot with a ledger in a new temporary directory and prints the outcome. */
    public static void main(String[] args) throws IOException {
        run(Files.createTempDirectory("v2g-ledger"), System.out);
    }
}
