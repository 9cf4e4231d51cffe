package org.v2g.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.SlotSolver;
import org.v2g.kernel.Solvers;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerVerifier;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.SlotLedger;
import org.v2g.ledger.VerificationResult;
import org.v2g.node.internal.SeededKeys;

/**
 * SPEC section 8 across a restart: the targets travel in signed records, so a node that stops in the
 * middle of a day and is recovered from its ledger gives the EVs the floors the uninterrupted node gives,
 * and the day ends with the same accounts, bit for bit.
 */
class DepartureTargetRestartTest {
    private static final int STOP_AFTER = 40;

    @TempDir
    Path once;
    @TempDir
    Path twice;

    @Test
    void aDayWithTargetsStoppedAndResumedEndsAsTheUninterruptedDay() throws Exception {
        DayPlan paper = DayPlan.caseStudy(60, 11, Optional.empty());
        DayPlan plan = new DayPlan(paper.fleet().withTargetSocWhereMissing(0.8), paper.slots());
        SlotSolver simd = Solvers.byName("simd");
        KeyPair sealer = Ed25519.generate();
        Function<String, KeyPair> evKeys = id -> SeededKeys.derive(11, "ev/" + id);

        DayResult uninterrupted;
        try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(once, sealer))) {
            uninterrupted = new TradingDay(node(simd, ledger), simd.name(), SlotListener.NONE).withEvKeys(evKeys)
                    .run(plan);
        }

        try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(twice, sealer))) {
            SlotListener crash = (slot, report) -> {
                if (report.slot() == STOP_AFTER) {
                    throw new IllegalStateException("stop");
                }
            };
            assertThrows(IllegalStateException.class,
                    () -> new TradingDay(node(simd, ledger), simd.name(), crash).withEvKeys(evKeys).run(plan));
        }
        DayResult resumed;
        int departures;
        try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(twice, sealer))) {
            AggregatorNode node = node(simd, ledger);
            assertEquals(STOP_AFTER, node.lastSlot());
            resumed = new TradingDay(node, simd.name(), SlotListener.NONE).withEvKeys(evKeys).run(plan);
            node.flush();
            int[] count = {0};
            ledger.forEachRecord((seq, type, buf, off, len) -> count[0] += type == RecordType.EV_DEPARTURE.id() ? 1 : 0);
            departures = count[0];
        }
        VerificationResult chain = LedgerVerifier.verify(twice, sealer.getPublic());
        assertTrue(chain.ok(), chain.message());

        Fleet fleet = plan.fleet();
        assertTrue(departures > 0 && departures <= fleet.size(), "departure records: " + departures);
        assertEquals(uninterrupted.evs().size(), resumed.evs().size());
        for (int i = 0; i < fleet.size(); i++) {
            EvAccount a = uninterrupted.evs().get(i);
            EvAccount b = resumed.evs().get(i);
            assertEquals(a.finalKwh(), b.finalKwh(), 0.0, "energy at departure of ev=" + a.id());
            assertEquals(a.netCostCny(), b.netCostCny(), 0.0, "net cost of ev=" + a.id());
        }
        assertEquals(uninterrupted.slots().size(), resumed.slots().size());
        for (int s = 0; s < plan.slots().size(); s++) {
            assertEquals(uninterrupted.slots().get(s).result().price(), resumed.slots().get(s).result().price(), 0.0, "slot " + s);
        }
    }

    private static AggregatorNode node(SlotSolver solver, SlotLedger ledger) {
        return AggregatorNode.builder(solver).ledger(ledger).scps(AggregatorNode.scps(solver, 1, 1, 1, 1)).build();
    }
}
