package org.v2g.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.Ed25519;
import org.v2g.replica.Behaviour;
import org.v2g.replica.ClusterConfig;
import org.v2g.replica.Member;
import org.v2g.replica.ReplicaNode;
import org.v2g.replica.ReplicaStatus;
import org.v2g.node.internal.SeededKeys;
import org.v2g.replica.SnapshotPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code v2g node --id N --peers host:port,...}: one SCP of a replicated ledger (docs/REPLICATION.md).
 * Peer {@code i} of the list is SCP {@code i}. The node holds a Raft replica of the ledger in
 * {@code --storage}, solves its share of each slot's grid, votes, and drives the case-study day while it
 * leads. It prints a line whenever its chain grows and runs until stopped (Ctrl-C) or for
 * {@code --run-for} seconds.
 */
@Command(name = "node",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Run one SCP node of the replicated ledger (Apache Ratis) on this machine.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:internal failure", "2:bad option or missing key, or a day other than the one its storage or replicated ledger holds"})
final class NodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--id", required = true, description = "This SCP's id: its index in --peers.")
    int id;

    @Option(names = "--peers", required = true, split = ",", paramLabel = "HOST:PORT",
            description = "Every SCP's Raft address, SCP 0 first (the same list on every node).")
    List<String> peers;

    @Option(names = "--storage", paramLabel = "DIR",
            description = "The Raft log's directory, kept across restarts (default: ./v2g-node-<id>).")
    Path storage;

    @Option(names = "--keys", paramLabel = "DIR",
            description = {OptionHelp.KEYS, "Holds every SCP's scp<i>.pub and this SCP's scp<id>.key, written on first "
                    + "use (copy its .pub to the other nodes). Without it keys derive from --key-seed."})
    Path keys;

    @Option(names = "--key-seed", defaultValue = "1",
            description = "Derives every SCP's key from this seed when --keys is absent: a trial on one's own "
                    + "machines only, since whoever knows the seed can sign as any SCP (default: ${DEFAULT-VALUE}).")
    long keySeed;

    @Mixin
    DayMixin day;

    @Mixin
    SlotCountMixin slots;

    @Mixin
    BehaviourMixin behaviour;

    @Option(names = "--deadline-ms", defaultValue = "2000",
            description = "How long a slot waits for a silent SCP before its share moves (default: ${DEFAULT-VALUE}).")
    long deadlineMs;

    @Option(names = "--snapshot-every", defaultValue = "1000", paramLabel = "ENTRIES",
            description = "Snapshot the replica every ENTRIES applied log entries and purge the log behind it; "
                    + "0: never (default: ${DEFAULT-VALUE}).")
    long snapshotEvery;

    @Option(names = "--run-for", defaultValue = "0",
            description = "Stop after this many seconds; 0: run until stopped (default: ${DEFAULT-VALUE}).")
    long runFor;

    @Option(names = "--exit-when-done",
            description = "Stop once this replica holds every slot of the day closed (the others may still need it).")
    boolean exitWhenDone;

    @Override
    public Integer call() throws InterruptedException {
        if (peers.isEmpty() || id < 0 || id >= peers.size()) {
            throw new InvalidInputException("id", "--id", id, "must be an index of --peers (0.." + (peers.size() - 1) + ")");
        }
        int slotCount = slots.count(1);
        if (deadlineMs < 100) {
            throw new InvalidInputException("deadline_ms", "--deadline-ms", deadlineMs, "must be >= 100");
        }
        if (snapshotEvery < 0) {
            throw new InvalidInputException("snapshot_every", "--snapshot-every", snapshotEvery, "must be >= 0");
        }
        Behaviour b = behaviour.behaviour();
        KeyPair own = ownKeys();
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            members.add(member(i, peers.get(i), i == id ? own.getPublic() : publicKey(i)));
        }
        ClusterConfig config = ClusterConfig.of(members);
        Path dir = storage != null ? storage : Path.of("v2g-node-" + id);
        keepDay(dir);
        ReplicaNode.Options options = new ReplicaNode.Options(config, id, own, dir, b,
                java.util.Optional.of(day.feed(slotCount)), Duration.ofMillis(deadlineMs),
                Duration.ofSeconds(1), SnapshotPolicy.every(snapshotEvery));
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        try (ReplicaNode node = ReplicaNode.start(options)) {
            Thread hook = new Thread(stop::countDown, "v2g-node-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("scp" + id + " listening on " + config.member(id).address() + ", storage " + dir
                    + ", quorum " + config.quorum() + " of " + members.size() + ", " + b.optionName());
            out.flush();
            long end = runFor > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(runFor) : Long.MAX_VALUE;
            String last = "";
            int code = 0;
            while (System.nanoTime() < end && !stop.await(20, TimeUnit.MILLISECONDS)) {
                String head = NodeStatus.of(node).line();
                if (!head.equals(last)) {
                    out.println(head);
                    out.flush();
                    last = head;
                }
                if (node.feedRefusal().isPresent()) {
                    // leading with another day's feed: stop, so that a node with the right day can lead
                    spec.commandLine().getErr().println("error: " + node.feedRefusal().get());
                    spec.commandLine().getErr().flush();
                    code = 2;
                    break;
                }
                ReplicaStatus now = node.status();
                if (exitWhenDone && now.lastSlot() == slotCount - 1 && !now.openSlot()) {
                    break;
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // stopped by a signal: the hook has run
            }
            return code;
        }
    }

    /**
     * A restarted node continues the day its storage holds: the day's options are written beside the Raft
     * log on first start and checked on every later one (a node fed another day would record, while it
     * leads, slots of that day into this day's chain).
     */
    private void keepDay(Path dir) {
        Path manifest = dir.resolve(DayManifest.FILE);
        if (Files.exists(manifest)) {
            DayManifest.check(manifest, day.manifest(), "storage=" + dir, "--storage");
        } else {
            DayManifest.write(manifest, day.manifest(), "the options of the day this node's storage holds;"
                    + " v2g node checks them on every restart");
        }
    }

    private static Member member(int i, String peer, PublicKey key) {
        int colon = peer.lastIndexOf(':');
        if (colon <= 0 || colon == peer.length() - 1) {
            throw new InvalidInputException("peers", "peer " + i, peer, "must be host:port");
        }
        int port;
        try {
            port = Integer.parseInt(peer.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("peers", "peer " + i, peer, "has a port that is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("peers", "peer " + i, peer, "port must be 1..65535");
        }
        return new Member(i, peer.substring(0, colon), port, 1.0, key);
    }

    private KeyPair ownKeys() {
        if (keys == null) {
            return SeededKeys.derive(keySeed, "scp" + id);
        }
        String name = "scp" + id;
        if (!Files.exists(keys.resolve(name + ".key"))) {
            Ed25519.store(Ed25519.generate(), keys, name);
            spec.commandLine().getOut().println("wrote " + keys.resolve(name + ".pub")
                    + ": copy it into the --keys directory of every other node");
        }
        return Ed25519.load(keys, name);
    }

    private PublicKey publicKey(int i) {
        if (keys == null) {
            return SeededKeys.derive(keySeed, "scp" + i).getPublic();
        }
        Path pub = keys.resolve("scp" + i + ".pub");
        if (!Files.isRegularFile(pub)) {
            throw new InvalidInputException("keys", "scp" + i, pub.toString(),
                    "is missing: every node needs every SCP's public key");
        }
        try {
            return Ed25519.x509PublicKey(Files.readAllBytes(pub));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new InvalidInputException("keys", "scp" + i, pub.toString(), "is not an Ed25519 public key");
        }
    }
}
