package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every use of a closed ledger is {@code IllegalStateException("ledger in DIR is closed")}, never an I/O error. */
class ClosedLedgerTest {
    @TempDir
    Path dir;

    private void assertClosed(LedgerKind kind, java.util.function.Consumer<SlotLedger> use) {
        SlotLedger ledger = kind.open(SlotLedgerContractTest.config(dir));
        ledger.newProducer().append(new Settlement("ev1", 1, 0.5, 1.875, -1.2));
        ledger.close();
        Executable call = () -> use.accept(ledger);
        var e = assertThrows(IllegalStateException.class, call);
        assertEquals("ledger in " + dir + " is closed", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void proofAfterClose(LedgerKind kind) {
        assertClosed(kind, l -> l.proof("ev1", 1));
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void headersAfterClose(LedgerKind kind) {
        assertClosed(kind, SlotLedger::headers);
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void forEachRecordAfterClose(LedgerKind kind) {
        assertClosed(kind, l -> l.forEachRecord((seq, type, buf, off, len) -> { }));
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void newProducerAfterClose(LedgerKind kind) {
        assertClosed(kind, SlotLedger::newProducer);
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void flushAfterClose(LedgerKind kind) {
        assertClosed(kind, SlotLedger::flush);
    }
}
