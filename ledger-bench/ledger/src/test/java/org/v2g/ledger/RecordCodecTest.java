package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.internal.EvRegistrationDescriptor;
import org.v2g.ledger.internal.EvSubmissionDescriptor;
import org.v2g.ledger.internal.PartialResultDescriptor;
import org.v2g.ledger.internal.ScpVoteDescriptor;
import org.v2g.ledger.internal.SettlementDescriptor;
import org.v2g.ledger.internal.SlotMarketDescriptor;
import org.v2g.ledger.internal.SlotSolutionDescriptor;

class RecordCodecTest {
    private static final KeyPair EV = Ed25519.generate();
    private static final KeyPair SCP = Ed25519.generate();

    static List<LedgerRecord> samples() {
        SlotSolution solution = new SlotSolution(31, 1234, 3, 2, 1, -0.789, 101.5);
        return List.of(
            new EvRegistration("ev042", Ed25519.rawPublicKey(EV.getPublic()), 60.0),
            EvSubmission.signed("ev042", 31, 0.16, 0.0, 24.5, 7, EV.getPrivate()),
            new SlotMarket(31, 0.66, 0.5, 0.792, 0.1, 40, 1.32, -1.98, 0, 0.001, 3.75, 0.001, 0),
            new PartialResult(31, 2, 1000, 1980, 1234, 101.5),
            solution,
            ScpVote.signed(solution, 9, SCP.getPrivate()),
            new Settlement("ev042", 31, -0.8, -3.0, 2.367));
    }

    /** {@link #samples()} (seven records, which other tests count on) and one of each later type. */
    static List<LedgerRecord> everyType() {
        List<LedgerRecord> all = new java.util.ArrayList<>(samples());
        all.addAll(List.of(
            SlotClose.settled(new SlotSolution(31, 7, 1, 2, 3, -1.5, 12.25), 6),
            SlotClose.noQuorum(new SlotSolution(32, 7, 1, 2, 3, -1.5, 12.25), 6),
            SlotClose.aborted(33),
            new EvPlugIn("ev042", 31, -0.01),
            new EvUnplug("ev042", 40)));
        return all;
    }

    @Test
    void everyTypeRoundTripsAtAnOddOffsetAndHasItsDescribedLength() {
        for (LedgerRecord r : everyType()) {
            UnsafeBuffer b = new UnsafeBuffer(new byte[r.type().length() + 3]);
            r.encode(b, 3);
            assertEquals(r, LedgerRecord.decode(r.type().id(), b, 3, r.type().length()), r.type().toString());
            assertEquals(r.type(), RecordType.of(r.type().id()));
        }
        assertEquals(72, EvRegistrationDescriptor.LENGTH);
        assertEquals(136, EvSubmissionDescriptor.LENGTH);
        assertEquals(104, SlotMarketDescriptor.LENGTH);
        assertEquals(32, PartialResultDescriptor.LENGTH);
        assertEquals(40, SlotSolutionDescriptor.LENGTH);
        assertEquals(112, ScpVoteDescriptor.LENGTH);
        assertEquals(64, SettlementDescriptor.LENGTH);
    }

    @Test
    void signaturesCoverTheOtherFields() {
        EvSubmission s = EvSubmission.signed("ev1", 5, 0.16, 0, 10, 1, EV.getPrivate());
        assertTrue(s.verify(EV.getPublic()));
        assertFalse(s.verify(SCP.getPublic()));
        EvSubmission changed = new EvSubmission("ev1", 5, 0.16, 0, 10, 2, s.signature());
        assertFalse(changed.verify(EV.getPublic()));
        SlotSolution sol = new SlotSolution(5, 1, 1, 1, 1, -0.5, 3);
        ScpVote v = ScpVote.signed(sol, 1, SCP.getPrivate());
        assertTrue(v.verify(SCP.getPublic()));
        assertFalse(new ScpVote(5, v.solutionHash(), 2, v.signature()).verify(SCP.getPublic()));
    }

    @Test
    void badFieldsAreRejectedWithTheirNameAndValue() {
        var e = assertThrows(InvalidInputException.class,
            () -> new Settlement("ev042", 3, Double.NaN, 0, 0));
        assertEquals("x must be a finite number: ev=ev042 slot=3 value=NaN", e.getMessage());
        assertEquals(List.of("x", "ev=ev042 slot=3", "NaN"), List.of(e.field(), e.item(), e.value()));
        e = assertThrows(InvalidInputException.class,
            () -> new EvRegistration("ev042", new byte[32], -3.0));
        assertEquals("capacity_kwh must be > 0: ev=ev042 value=-3.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Settlement("", 3, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EvPlugIn("ev1", 3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new EvPlugIn("ev1", -1, -0.01));
        assertThrows(IllegalArgumentException.class, () -> new SlotClose(3, SlotClose.Outcome.ABORTED, 2, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new SlotClose(3, SlotClose.Outcome.FINAL, 2, new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> SlotClose.Outcome.of(9));
        assertThrows(IllegalArgumentException.class, () -> new Settlement("a b", 3, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Settlement("x".repeat(33), 3, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PartialResult(1, 0, 5, 5, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> RecordType.checkPayload(7, 63, 1000));
        assertThrows(IllegalArgumentException.class, () -> RecordType.checkPayload(99, 3, 1000));
        RecordType.checkPayload(1000, 0, 1000);
    }

    @Test
    void rawPublicKeysRoundTrip() {
        byte[] raw = Ed25519.rawPublicKey(EV.getPublic());
        assertEquals(EV.getPublic(), Ed25519.publicKey(raw));
    }

    @Test
    void syncPoliciesReadBackFromTheirText() {
        for (SyncPolicy p : List.of(SyncPolicy.perBlock(), SyncPolicy.none(), SyncPolicy.everyBlocks(8))) {
            assertEquals(p, SyncPolicy.parse(p.toString()));
        }
        var e = assertThrows(InvalidInputException.class, () -> SyncPolicy.parse("every:x"));
        assertEquals("sync_policy must be block, none or every:N: sync_policy value=every:x", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SyncPolicy.parse("every:0"));
    }
}
