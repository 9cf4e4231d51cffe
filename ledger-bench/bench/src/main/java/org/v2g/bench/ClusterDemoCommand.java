package org.v2g.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.SlotSolution;
import org.v2g.replica.Behaviour;
import org.v2g.replica.ChainCheck;
import org.v2g.replica.DayFeed;
import org.v2g.replica.LocalCluster;
import org.v2g.replica.ReplicaNode;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.SlotMachine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code v2g cluster-demo}: four SCP nodes on 127.0.0.1 (each a Raft server with its own storage and
 * port, in this JVM) run the first slots of the case study; the leader is killed in the middle of a
 * slot, the others finish the day, the killed node restarts on its storage and catches up to the same
 * chain head. Exit 0 when every replica ends with the same head, 1 otherwise.
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

    @Spec
    CommandSpec spec;

    @Option(names = "--evs", defaultValue = "200", description = "Case-study fleet size (default: ${DEFAULT-VALUE}).")
    int evs;

    @Option(names = "--seed", defaultValue = "7", description = "Case-study seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--slots", defaultValue = "6",
            description = "Slots of the day to run, from 07:00 (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--liar", defaultValue = "none",
            description = "Make SCP 3 lie to show it caught: wrong-partial, hiding-partial, wrong-vote, silent, or "
                    + "none (default: ${DEFAULT-VALUE}).")
    String liar;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the nodes keep their Raft logs (default: a temporary directory, removed at the end).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        if (slots < 2 || slots > 96) {
            throw new InvalidInputException("slots", "--slots", slots, "must be 2..96");
        }
        Behaviour fourth = Behaviour.HONEST;
        if (!liar.equals("none")) {
            try {
                fourth = Behaviour.of(liar);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("liar", "--liar", liar,
                        "must be one of none, wrong-partial, hiding-partial, wrong-vote, silent");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = dir == null;
        Path base = temporary ? Files.createTempDirectory("v2g-cluster-") : dir;
        DayFeed feed = DayFeed.caseStudy(evs, seed, slots);
        long start = System.nanoTime();
        boolean same;
        try (LocalCluster c = LocalCluster.start(base, feed, seed, Behaviour.HONEST, Behaviour.HONEST,
                Behaviour.HONEST, fourth)) {
            say(out, start, "4 SCP nodes on 127.0.0.1, ports " + ports(c) + ", quorum " + c.config().quorum()
                    + " of 4, storage " + base + (fourth == Behaviour.HONEST ? "" : ", SCP 3 " + fourth.optionName()));
            int leader = c.leader(WAIT);
            say(out, start, "scp" + leader + " leads the Raft group");
            c.await(WAIT, "a final slot and an open one on the leader", () -> {
                SlotMachine m = c.node(leader).machine();
                return !m.finals().isEmpty() && m.hasOpenSlot();
            });
            long open = c.node(leader).machine().lastSlot();
            report(out, start, c.node(leader));
            c.kill(leader);
            say(out, start, "killed scp" + leader + " (the leader) while slot " + open + " was open");
            int next = c.leader(WAIT);
            say(out, start, "scp" + next + " leads now");
            c.awaitClosed(slots, WAIT);
            c.awaitSameHead(1, WAIT);
            say(out, start, "the 3 running SCPs closed every slot: " + describe(c.node(next)));
            c.restart(leader);
            say(out, start, "restarted scp" + leader + " on its storage");
            SlotMachine reference = c.node(next).machine();
            String head = c.awaitSameHead(reference.height(), WAIT);
            say(out, start, "scp" + leader + " caught up: " + describe(c.node(leader)));
            report(out, start, c.node(next));
            same = true;
            for (int i = 0; i < c.size(); i++) {
                ReplicaNode n = c.node(i);
                out.println("  " + describe(n));
                same &= n.head().equals(head) && ChainCheck.chainHolds(n.machine().headers());
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

    /** One node's state in one line. */
    static String describe(ReplicaNode n) {
        SlotMachine m = n.machine();
        String[] head = n.head().split(" ");
        return "scp" + n.id() + (n.isLeader() ? " (leader)" : "") + ": height " + head[0] + ", records " + head[1]
                + ", last slot " + head[3] + ", final slots " + m.finals().size() + ", head " + head[2].substring(0, 16);
    }

    private static void report(PrintWriter out, long start, ReplicaNode n) {
        SlotMachine m = n.machine();
        for (var e : new java.util.TreeMap<>(m.finals()).entrySet()) {
            SlotSolution s = e.getValue();
            out.printf("  slot %d final: p_d=%.4f CNY/kWh, revenue %.2f CNY, %d charging, %d discharging, %d idle%n",
                    e.getKey(), s.pD(), s.revenue(), s.charging(), s.discharging(), s.idle());
        }
        for (Event ev : m.events()) {
            out.println("  event: slot " + ev.slot() + " " + ev.kind() + (ev.scp() >= 0 ? " scp" + ev.scp() : "")
                    + (ev.other() >= 0 ? " -> scp" + ev.other() : ""));
        }
        out.flush();
    }

    private static String ports(LocalCluster c) {
        StringBuilder b = new StringBuilder();
        for (var m : c.config().members()) {
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
