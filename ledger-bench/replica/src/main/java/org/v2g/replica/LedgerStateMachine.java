package org.v2g.replica;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;

/**
 * The Ratis state machine of a replica: hands each committed log entry to the {@link SlotMachine},
 * in log order, and answers read-only queries about the chain head.
 *
 * <p>It keeps no snapshot: the Raft log is the durable store, and a replica restarted on its storage
 * applies the log again from the first entry, rebuilding the same blocks (apply is deterministic).
 *
 * <p>Query: the message {@code head} answers {@code height records headHashHex lastSlot}.
 */
final class LedgerStateMachine extends BaseStateMachine {
    /** The read-only query for the chain head. */
    static final String HEAD = "head";

    private final SlotMachine machine;

    LedgerStateMachine(SlotMachine machine) {
        this.machine = machine;
    }

    SlotMachine machine() {
        return machine;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
        String summary = machine.apply(data);
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.valueOf(summary));
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        String q = request.getContent().toString(StandardCharsets.UTF_8);
        if (!HEAD.equals(q)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown query: " + q));
        }
        return CompletableFuture.completedFuture(Message.valueOf(head(machine)));
    }

    /** {@code height records headHashHex lastSlot}. */
    static String head(SlotMachine m) {
        synchronized (m) {
            return m.height() + " " + m.records() + " " + HexFormat.of().formatHex(m.headHash()) + " " + m.lastSlot();
        }
    }
}
