package org.v2g.replica;

import org.v2g.node.internal.SeededKeys;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.v2g.replica.ReplicaRecords.Deadline;

/**
 * A log made without Raft: the feed's slots driven over one {@link SlotMachine} by four SCP agents
 * (deadlines when they fall silent), every entry recorded in apply order, as Raft would commit them.
 *
 * @param config  the cluster the entries were made for
 * @param entries the log, oldest first
 */
record RecordedLog(ClusterConfig config, List<byte[]> entries) {
    /** Four SCPs of equal capacity with keys from a fixed seed, SCP {@code i} acting as {@code behaviours[i]}. */
    static RecordedLog of(DayFeed feed, Behaviour... behaviours) {
        List<KeyPair> keys = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(SeededKeys.derive(99, "scp" + i));
            members.add(new Member(i, "127.0.0.1", 9000 + i, 1.0, keys.get(i).getPublic()));
        }
        ClusterConfig config = ClusterConfig.of(members);
        SlotMachine m = new SlotMachine(config);
        List<ScpAgent> agents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            agents.add(new ScpAgent(i, keys.get(i), behaviours[i]));
        }
        List<byte[]> entries = new ArrayList<>();
        long now = 0;
        for (int s = 0; s < feed.slots(); s++) {
            append(m, entries, feed.openBatch(s, m).toBytes());
            for (int round = 0; round < 10 && m.hasOpenSlot(); round++) {
                boolean any = false;
                for (ScpAgent a : agents) {
                    Optional<SlotWork> work = m.work();
                    if (work.isEmpty()) {
                        break;
                    }
                    Optional<LogBatch> due = a.due(work.get(), now);
                    if (due.isPresent()) {
                        append(m, entries, due.get().toBytes());
                        any = true;
                    }
                }
                if (!any && m.hasOpenSlot()) {
                    append(m, entries, LogBatch.of(Frame.of(new Deadline(s))).toBytes());
                }
                now += ScpAgent.RESEND_NANOS / 10;
            }
        }
        return new RecordedLog(config, List.copyOf(entries));
    }

    private static void append(SlotMachine m, List<byte[]> entries, byte[] entry) {
        m.apply(entry);
        entries.add(entry);
    }

    /** A fresh machine that applied entries {@code [0, upTo)}. */
    SlotMachine replay(int upTo) {
        SlotMachine m = new SlotMachine(config);
        applyTail(m, 0, upTo);
        return m;
    }

    /** Applies entries {@code [from, to)} to {@code m}. */
    void applyTail(SlotMachine m, int from, int to) {
        for (int i = from; i < to; i++) {
            m.apply(entries.get(i));
        }
    }
}
