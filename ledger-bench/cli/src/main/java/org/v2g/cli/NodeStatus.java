package org.v2g.cli;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.v2g.replica.ReplicaNode;
import org.v2g.replica.ReplicaStatus;

/**
 * One node's state in one line: what {@code v2g node} prints whenever it changes, and what
 * {@code cluster-demo --processes} reads back from its child nodes.
 *
 * <pre>scp2 (leader): height 6, records 200, last slot 5 (closed), final slots 6, head 20600ed9…(64 hex)</pre>
 *
 * @param id       the SCP
 * @param leader   whether it led the Raft group
 * @param height   blocks in its chain
 * @param records  records in its chain
 * @param lastSlot the last slot opened, -1 before the first
 * @param open     whether that slot is still being solved
 * @param finals   slots final on this replica
 * @param head     the chain head (the last header's hash), 64 hex digits
 */
record NodeStatus(int id, boolean leader, int height, long records, long lastSlot, boolean open, int finals,
                  String head) {
    private static final Pattern LINE = Pattern.compile("scp(\\d+)( \\(leader\\))?: height (\\d+), records (\\d+), "
            + "last slot (-?\\d+) \\((open|closed)\\), final slots (\\d+), head ([0-9a-f]{64})");

    /** The node's state now (one consistent read of its replica). */
    static NodeStatus of(ReplicaNode n) {
        boolean leader = n.isLeader();
        ReplicaStatus m = n.status();
        return new NodeStatus(n.id(), leader, m.height(), m.records(), m.lastSlot(), m.openSlot(), m.finals().size(),
                java.util.HexFormat.of().formatHex(m.headHash()));
    }

    /** The line {@link #parse} reads. */
    String line() {
        return "scp" + id + (leader ? " (leader)" : "") + ": height " + height + ", records " + records + ", last slot "
                + lastSlot + (open ? " (open)" : " (closed)") + ", final slots " + finals + ", head " + head;
    }

    /** {@link #line} with the head cut to 16 hex digits, for people. */
    String shortLine() {
        return line().substring(0, line().length() - 48);
    }

    /** The same chain: height, records and head. */
    boolean sameChain(NodeStatus o) {
        return height == o.height && records == o.records && head.equals(o.head);
    }

    /** The status in a line printed by {@code v2g node}, if it is one. */
    static Optional<NodeStatus> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new NodeStatus(Integer.parseInt(m.group(1)), m.group(2) != null,
                Integer.parseInt(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)),
                m.group(6).equals("open"), Integer.parseInt(m.group(7)), m.group(8)));
    }
}
