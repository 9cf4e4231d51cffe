package org.v2g.replica;

import org.v2g.node.internal.SeededKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Several SCP nodes on this machine, on loopback ports, each with its own Raft storage directory:
 * what {@code v2g cluster-demo} and the tests run. Each node is a full Raft server; they share a JVM
 * only to keep the demonstration small, and talk over gRPC like separate machines.
 *
 * <p>Usage:
 * <pre>{@code
 * try (LocalCluster c = LocalCluster.start(dir, 4, feed, Behaviour.HONEST)) {
 *     c.awaitFinal(3, Duration.ofSeconds(60));
 *     int leader = c.leader(Duration.ofSeconds(10));
 *     c.kill(leader);
 * }
 * }</pre>
 *
 * <p>Thread-safety: one thread drives it.
 */
public final class LocalCluster implements AutoCloseable {
    /** How long a slot waits for a silent SCP: a few slot times on a busy two-core machine. */
    public static final Duration DEADLINE = Duration.ofMillis(1500);

    private final Path dir;
    private final ClusterConfig config;
    private final List<KeyPair> keys;
    private final List<ReplicaNode.Options> options;
    private final ReplicaNode[] nodes;

    private LocalCluster(Path dir, ClusterConfig config, List<KeyPair> keys, List<ReplicaNode.Options> options) {
        this.dir = dir;
        this.config = config;
        this.keys = keys;
        this.options = options;
        this.nodes = new ReplicaNode[options.size()];
    }

    /**
     * Starts {@code behaviours.length} nodes under {@code dir}, SCP {@code i} acting as
     * {@code behaviours[i]}, all able to drive {@code feed} while they lead.
     *
     * @param dir        where every node's storage goes
     * @param feed       the day the leader proposes, slot by slot
     * @param keySeed    the seed of the SCPs' key pairs
     * @param behaviours how each SCP acts (honest, or one of the lies)
     * @return the running cluster on 127.0.0.1
     */
    public static LocalCluster start(Path dir, DayFeed feed, long keySeed, Behaviour... behaviours) {
        return start(dir, feed, keySeed, DEADLINE, i -> SnapshotPolicy.DEFAULT, behaviours);
    }

    /**
     * As {@link #start(Path, DayFeed, long, Behaviour...)}, with slot deadline {@code deadline} and SCP
     * {@code i} snapshotting as {@code snapshots.apply(i)}.
     *
     * @param dir        where every node's storage goes
     * @param feed       the day the leader proposes, slot by slot
     * @param keySeed    the seed of the SCPs' key pairs
     * @param deadline   how long a slot waits for partial results and votes
     * @param snapshots  each SCP's snapshot policy, by id
     * @param behaviours how each SCP acts
     * @return the running cluster on 127.0.0.1
     */
    public static LocalCluster start(Path dir, DayFeed feed, long keySeed, Duration deadline,
                                     IntFunction<SnapshotPolicy> snapshots, Behaviour... behaviours) {
        int n = behaviours.length;
        int[] ports = freePorts(n);
        List<KeyPair> keys = new ArrayList<>(n);
        List<Member> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(SeededKeys.derive(keySeed, "scp" + i));
            members.add(new Member(i, "127.0.0.1", ports[i], 1.0, keys.get(i).getPublic()));
        }
        ClusterConfig config = ClusterConfig.of(members);
        List<ReplicaNode.Options> options = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            options.add(ReplicaNode.Options.of(config, i, keys.get(i), dir.resolve("scp" + i))
                    .withBehaviour(behaviours[i]).withFeed(feed).withDeadline(deadline)
                    .withSnapshots(snapshots.apply(i)));
        }
        LocalCluster c = new LocalCluster(dir, config, keys, options);
        try {
            for (int i = 0; i < n; i++) {
                c.restart(i);
            }
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Free loopback ports, held open together so no two are the same. */
    static int[] freePorts(int n) {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException e) {
                        // the port was only probed
                    }
                }
            }
        }
    }

    /** {@return what every node of the cluster agrees on} */
    public ClusterConfig config() {
        return config;
    }

    /** {@return the number of SCPs, running or not} */
    public int size() {
        return nodes.length;
    }

    /**
     * The node of an SCP.
     *
     * @param i the SCP id
     * @return its node, or null while it is down
     */
    public ReplicaNode node(int i) {
        return nodes[i];
    }

    /**
     * Stops SCP {@code i} as a crash would: no hand-over; its storage stays.
     *
     * @param i the SCP id
     */
    public void kill(int i) {
        if (nodes[i] != null) {
            nodes[i].close();
            nodes[i] = null;
        }
    }

    /**
     * Starts SCP {@code i} on its storage: it recovers its log and catches up from the leader.
     *
     * @param i the SCP id
     * @throws IllegalStateException if it is running
     */
    public void restart(int i) {
        if (nodes[i] != null) {
            throw new IllegalStateException("SCP " + i + " is running");
        }
        try {
            Files.createDirectories(options.get(i).storage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + options.get(i).storage(), e);
        }
        nodes[i] = ReplicaNode.start(options.get(i));
    }

    /**
     * The id of the running node that leads, waiting up to {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @return the leader's SCP id
     * @throws IllegalStateException if no running node leads in time
     */
    public int leader(Duration timeout) {
        int[] found = {-1};
        await(timeout, "a Raft leader among the running SCPs", () -> {
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i] != null && nodes[i].isLeader()) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /**
     * Waits until every running node has closed slots {@code 0 .. slots-1}.
     *
     * @param slots   the number of slots
     * @param timeout how long to wait at most
     * @throws IllegalStateException on timeout
     */
    public void awaitClosed(int slots, Duration timeout) {
        await(timeout, "every running SCP to close " + slots + " slots", () -> {
            for (ReplicaNode n : nodes) {
                if (n != null && !(n.machine().lastSlot() >= slots - 1 && !n.machine().hasOpenSlot())) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Waits until every running node holds the same chain head, at least {@code height} blocks high.
     *
     * @param height  the least number of blocks
     * @param timeout how long to wait at most
     * @return the common head
     * @throws IllegalStateException on timeout
     */
    public String awaitSameHead(int height, Duration timeout) {
        await(timeout, "every running SCP to hold the same head of height >= " + height, () -> {
            String first = null;
            for (ReplicaNode n : nodes) {
                if (n == null) {
                    continue;
                }
                String h = n.head();
                if (n.machine().height() < height || (first != null && !first.equals(h))) {
                    return false;
                }
                first = h;
            }
            return true;
        });
        return Arrays.stream(nodes).filter(n -> n != null).findFirst().orElseThrow().head();
    }

    /**
     * Polls {@code done} every 5 ms for at most {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @param what    what is awaited, for the message
     * @param done    true once the wait is over
     * @throws IllegalStateException naming what was awaited, with every node's head, on timeout
     */
    public void await(Duration timeout, String what, BooleanSupplier done) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                StringBuilder heads = new StringBuilder();
                for (int i = 0; i < nodes.length; i++) {
                    heads.append(" scp").append(i).append('=').append(nodes[i] == null ? "down" : nodes[i].head());
                }
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + ":" + heads);
            }
            try {
                Thread.sleep(5); // short: a slot can be open for only tens of milliseconds
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    /** {@return the directory holding every node's storage} */
    public Path dir() {
        return dir;
    }

    /**
     * SCP {@code i}'s Raft storage directory (its log and, under {@code <group>/sm}, its snapshots).
     *
     * @param i the SCP id
     * @return the directory
     */
    public Path storage(int i) {
        return options.get(i).storage();
    }

    /**
     * SCP {@code i}'s key pair.
     *
     * @param i the SCP id
     * @return its Ed25519 key pair
     */
    public KeyPair keys(int i) {
        return keys.get(i);
    }

    /** Stops every running node. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (int i = 0; i < nodes.length; i++) {
            try {
                kill(i);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
