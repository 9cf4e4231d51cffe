package org.v2g.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.v2g.ledger.SlotSolution;
import org.v2g.replica.Behaviour;
import org.v2g.replica.ClusterConfig;
import org.v2g.replica.LocalCluster;
import org.v2g.replica.ReplicaNode;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code v2g cluster-demo}: four SCP nodes on 127.0.0.1, each a Raft server with its own storage and
 * port, run the first slots of the case study; the leader is killed in the middle of a slot, the others
 * finish the day, the killed node restarts on its storage and catches up to the same chain head. The
 * nodes run in this JVM, or with {@code --processes} as four child JVMs ({@code v2g node}) where the
 * kill is a SIGKILL. Exit 0 when every replica ends with the same head, 1 otherwise.
 */
@Command(name = "cluster-demo",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Four SCP nodes on 127.0.0.1 replicate the ledger with Raft; kill the leader, restart it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every replica ends with the same chain head", "1:they do not, or a step timed out",
            "2:bad option"})
final class ClusterDemoCommand implements Callable<Integer> {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int NODES = 4;

    @Spec
    CommandSpec spec;

    /** The checked {@code --slot-count}. */
    private int slots;

    @Mixin
    DayMixin day;

    @Mixin
    SlotCountMixin slotCount;

    @Mixin
    BehaviourMixin fourthScp;

    @Option(names = "--processes",
            description = "Run each node as a child JVM (v2g node) and kill the leader with SIGKILL.")
    boolean processes;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the nodes keep their Raft logs (default: a temporary directory, removed at the end).")
    Path dir;

    /** The four nodes, in this JVM or as child processes. */
    private interface Nodes extends AutoCloseable {
        /** The node's status; empty while it is down. */
        Optional<NodeStatus> status(int i);

        void kill(int i);

        void restart(int i);

        @Override
        void close();
    }

    @Override
    public Integer call() throws IOException {
        // two at least: one slot closes before the leader is killed in the next
        slots = slotCount.count(2);
        Behaviour fourth = fourthScp.behaviour();
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = dir == null;
        Path base = temporary ? Files.createTempDirectory("v2g-cluster-") : dir;
        long start = System.nanoTime();
        LocalCluster local = null;
        Nodes nodes;
        if (processes) {
            nodes = children(base, fourth);
            say(out, start, "4 SCP nodes as child JVMs on 127.0.0.1, quorum " + ClusterConfig.defaultQuorum(NODES)
                    + " of 4, storage " + base + liarNote(fourth));
        } else {
            local = LocalCluster.start(base, day.feed(slots), day.seed(), Behaviour.HONEST,
                    Behaviour.HONEST, Behaviour.HONEST, fourth);
            nodes = inProcess(local);
            say(out, start, "4 SCP nodes on 127.0.0.1, ports " + ports(local.config()) + ", quorum "
                    + local.config().quorum() + " of 4, storage " + base + liarNote(fourth));
        }
        boolean same;
        try (Nodes n = nodes) {
            int first = leader(n, -1);
            say(out, start, "scp" + first + " leads the Raft group");
            NodeStatus[] seen = {null};
            await("a final slot and an open one on the leader (more --slot-count if the day ended first)", () -> {
                for (int i = 0; i < NODES; i++) {
                    Optional<NodeStatus> s = n.status(i).filter(x -> x.leader() && x.finals() > 0 && x.open());
                    if (s.isPresent()) {
                        seen[0] = s.get();
                        return true;
                    }
                }
                return false;
            });
            int leader = seen[0].id();
            long open = seen[0].lastSlot();
            n.kill(leader);
            say(out, start, "killed scp" + leader + " (the leader) while slot " + open + " was open");
            int next = leader(n, leader);
            say(out, start, "scp" + next + " leads now");
            await("the running SCPs to close every slot with the same head", () -> sameHeads(n, leader, 0));
            NodeStatus reference = n.status(next).orElseThrow();
            say(out, start, "the 3 running SCPs closed every slot: " + reference.shortLine());
            n.restart(leader);
            say(out, start, "restarted scp" + leader + " on its storage");
            await("scp" + leader + " to catch up", () -> sameHeads(n, -1, reference.height()));
            say(out, start, "scp" + leader + " caught up: " + n.status(leader).orElseThrow().shortLine());
            if (local != null) {
                report(out, local.node(next).status());
            }
            same = true;
            for (int i = 0; i < NODES; i++) {
                NodeStatus s = n.status(i).orElseThrow();
                out.println("  " + s.shortLine());
                same &= s.sameChain(reference);
            }
            say(out, start, same ? "every replica holds the same chain head" : "replicas DIFFER");
        } finally {
            if (temporary) {
                delete(base);
            }
        }
        out.flush();
        return same ? 0 : Main.FAILURE;
    }

    private Nodes children(Path base, Behaviour fourth) {
        int[] ports = freePorts();
        StringBuilder peers = new StringBuilder();
        for (int p : ports) {
            peers.append(peers.isEmpty() ? "" : ",").append("127.0.0.1:").append(p);
        }
        List<List<String>> args = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            List<String> a = new ArrayList<>(List.of("--id", String.valueOf(i), "--peers", peers.toString(), "--storage",
                    base.resolve("scp" + i).toString(), "--key-seed", String.valueOf(day.seed()), "--evs",
                    String.valueOf(day.evs()), "--seed", String.valueOf(day.seed()), "--slot-count", String.valueOf(slots),
                    "--deadline-ms", String.valueOf(LocalCluster.DEADLINE.toMillis()), "--behaviour",
                    (i == NODES - 1 ? fourth : Behaviour.HONEST).optionName()));
            if (day.hasTargetSoc()) { // every node must derive the same floors
                a.addAll(List.of("--target-soc", Double.toString(day.targetSoc())));
            }
            args.add(List.copyOf(a));
        }
        NodeProcesses p = new NodeProcesses(base, args);
        for (int i = 0; i < NODES; i++) {
            p.start(i);
        }
        return new Nodes() {
            @Override
            public Optional<NodeStatus> status(int i) {
                return p.status(i);
            }

            @Override
            public void kill(int i) {
                p.kill(i);
            }

            @Override
            public void restart(int i) {
                p.start(i);
            }

            @Override
            public void close() {
                p.close();
            }
        };
    }

    private static Nodes inProcess(LocalCluster c) {
        return new Nodes() {
            @Override
            public Optional<NodeStatus> status(int i) {
                ReplicaNode n = c.node(i);
                return n == null ? Optional.empty() : Optional.of(NodeStatus.of(n));
            }

            @Override
            public void kill(int i) {
                c.kill(i);
            }

            @Override
            public void restart(int i) {
                c.restart(i);
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }

    /** Free loopback ports for the child nodes. */
    private static int[] freePorts() {
        java.net.ServerSocket[] sockets = new java.net.ServerSocket[NODES];
        try {
            int[] ports = new int[NODES];
            for (int i = 0; i < NODES; i++) {
                sockets[i] = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            for (java.net.ServerSocket s : sockets) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException e) {
                        // only probed
                    }
                }
            }
        }
    }

    /** The running node that leads, other than {@code not}. */
    private static int leader(Nodes n, int not) {
        int[] found = {-1};
        await("a Raft leader", () -> {
            for (int i = 0; i < NODES; i++) {
                if (i != not && n.status(i).filter(NodeStatus::leader).isPresent()) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Every node but {@code down} is up, has closed the day's slots and holds the same chain of >= height. */
    private boolean sameHeads(Nodes n, int down, int height) {
        NodeStatus first = null;
        for (int i = 0; i < NODES; i++) {
            if (i == down) {
                continue;
            }
            Optional<NodeStatus> s = n.status(i);
            if (s.isEmpty() || s.get().open() || s.get().lastSlot() != slots - 1 || s.get().height() < height
                    || (first != null && !first.sameChain(s.get()))) {
                return false;
            }
            first = first == null ? s.get() : first;
        }
        return true;
    }

    private static void await(String what, BooleanSupplier done) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    private static String liarNote(Behaviour b) {
        return b == Behaviour.HONEST ? "" : ", SCP 3 " + b.optionName();
    }

    private static void report(PrintWriter out, ReplicaStatus m) {
        for (var e : m.finalsBySlot().entrySet()) {
            SlotSolution s = e.getValue();
            out.printf("  slot %d final: p_d=%.4f CNY/kWh, revenue %.2f CNY, %d charging, %d discharging, %d idle%n",
                    e.getKey(), s.price(), s.revenue(), s.charging(), s.discharging(), s.idle());
        }
        for (Event ev : m.events()) {
            out.println("  event: slot " + ev.slot() + " " + ev.kind() + (ev.scp() >= 0 ? " scp" + ev.scp() : "")
                    + (ev.other() >= 0 ? " -> scp" + ev.other() : ""));
        }
        out.flush();
    }

    private static String ports(ClusterConfig c) {
        StringBuilder b = new StringBuilder();
        for (var m : c.members()) {
            b.append(b.isEmpty() ? "" : ",").append(m.port());
        }
        return b.toString();
    }

    private static void say(PrintWriter out, long start, String line) {
        out.printf("[%5.1f s] %s%n", (System.nanoTime() - start) / 1e9, line);
        out.flush();
    }

    private static void delete(Path base) {
        try (Stream<Path> paths = Files.walk(base)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + base, e);
        }
    }
}
