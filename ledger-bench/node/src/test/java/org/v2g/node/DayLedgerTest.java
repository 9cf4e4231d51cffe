package org.v2g.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.kernel.SlotSolver;
import org.v2g.kernel.Solvers;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerVerifier;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.SlotLedger;
import org.v2g.ledger.VerificationResult;

/** A whole day on a ledger: the chain verifies and every settlement of the day has a checkable proof. */
class DayLedgerTest {
    @TempDir
    Path dir;

    @Test
    void theDaysLedgerVerifiesAndEverySettlementIsProvable() throws Exception {
        DayPlan plan = DayPlan.caseStudy(80, 5, Optional.empty());
        SlotSolver simd = Solvers.byName("simd");
        KeyPair sealer = Ed25519.generate();
        List<Settlement> settled = new ArrayList<>();
        try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(dir, sealer))) {
            AggregatorNode node = AggregatorNode.builder(simd).ledger(ledger)
                    .scps(AggregatorNode.scps(simd, 1, 1, 1, 1)).build();
            DayResult day = new TradingDay(node, simd.name(), (slot, report) -> settled.addAll(report.settlements()))
                    .run(plan);
            assertTrue(day.slots().stream().allMatch(SlotOutcome::isFinal));
            node.flush();
            VerificationResult chain = LedgerVerifier.verify(dir, sealer.getPublic());
            assertTrue(chain.ok(), chain.message());
            assertTrue(settled.size() > 1000, "settlements: " + settled.size());
            var headers = node.headers();
            for (Settlement s : settled) {
                SettlementProof proof = node.proof(s.evId(), s.slot()).orElseThrow(
                        () -> new AssertionError("no proof for " + s));
                assertEquals(s, proof.settlement());
                assertEquals(s, proof.verify(s, headers, sealer.getPublic()));
            }
        }
    }
}
