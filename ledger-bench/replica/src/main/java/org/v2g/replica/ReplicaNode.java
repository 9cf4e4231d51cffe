package org.v2g.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.TimeDuration;
import org.v2g.replica.ReplicaRecords.Deadline;

/**
 * One SCP on its machine: a Raft server holding a replica of the ledger, the SCP's own work (partial
 * results and votes, see {@link ScpAgent}) and, while it leads the Raft group, the day driver that
 * opens slots and declares deadlines.
 *
 * <p>Usage:
 * <pre>{@code
 * ReplicaNode.Options o = ReplicaNode.Options.of(config, 0, keys, storageDir).withFeed(DayFeed.caseStudy(200, 7, 8));
 * try (ReplicaNode node = ReplicaNode.start(o)) {      // one per machine; peers from config
 *     ...                                               // the node works on its own threads
 *     Map<Long, SlotSolution> finals = node.status().finals();
 *     List<BlockHeader> headers = node.ledger().headers();
 * }
 * }</pre>
 *
 * <p>Thread-safety: the public methods are thread-safe.
 */
public final class ReplicaNode implements AutoCloseable {
    /** The Raft group of the ledger: one group per aggregator. */
    public static final RaftGroupId GROUP_ID =
            RaftGroupId.valueOf(UUID.nameUUIDFromBytes("v2g-ledger".getBytes(StandardCharsets.UTF_8)));

    /** gRPC logs through java.util.logging; its start-up notes are not the program's output. */
    private static final java.util.logging.Logger GRPC_LOG = quiet("org.apache.ratis.thirdparty.io.grpc");

    private final Options options;
    private final SlotMachine machine;
    private final LedgerStateMachine stateMachine;
    private final RaftServer server;
    private final RaftClient client;
    private final ScpAgent agent;
    private final Thread worker;
    private volatile boolean running = true;
    private long openSlotSeen = -1;
    private long openSlotSince;
    /** The last slot this node's driver opened in this run; -2 before it opened any. */
    private long openedHere = -2;
    /** Why this node's day feed may not drive the replicated day, once found; then it never drives. */
    private volatile String feedRefusal;

    /**
     * How a node runs.
     *
     * @param config    the cluster
     * @param id        this SCP's id
     * @param keys      this SCP's key pair
     * @param storage   the Raft log's directory (kept across restarts)
     * @param behaviour honest, or a fault to demonstrate
     * @param feed      the day to drive while leading; empty: this node never opens slots
     * @param deadline  how long a slot may wait for silent SCPs before their shares move
     * @param electionMin the shortest Raft election timeout
     * @param snapshots when the replica snapshots its state and purges its log
     */
    public record Options(ClusterConfig config, int id, KeyPair keys, Path storage, Behaviour behaviour,
                          Optional<DayFeed> feed, Duration deadline, Duration electionMin, SnapshotPolicy snapshots) {
        /**
         * Checks that {@code id} is a member of {@code config}.
         *
         * @throws IllegalArgumentException if it is not
         */
        public Options {
            config.member(id);
        }

        /**
         * Honest, no day to drive, 2 s deadline, 1-2 s election timeout, {@link SnapshotPolicy#DEFAULT}.
         *
         * @param config  the cluster
         * @param id      this SCP's id, a member of {@code config}
         * @param keys    this SCP's key pair
         * @param storage the Raft log's directory
         * @return the options
         */
        public static Options of(ClusterConfig config, int id, KeyPair keys, Path storage) {
            return new Options(config, id, keys, storage, Behaviour.HONEST, Optional.empty(), Duration.ofSeconds(2),
                    Duration.ofSeconds(1), SnapshotPolicy.DEFAULT);
        }

        /**
         * A copy that acts as {@code b}.
         *
         * @param b honest, or a fault to demonstrate
         * @return the copy
         */
        public Options withBehaviour(Behaviour b) {
            return new Options(config, id, keys, storage, b, feed, deadline, electionMin, snapshots);
        }

        /**
         * A copy with another slot deadline.
         *
         * @param d how long a slot may wait for silent SCPs
         * @return the copy
         */
        public Options withDeadline(Duration d) {
            return new Options(config, id, keys, storage, behaviour, feed, d, electionMin, snapshots);
        }

        /**
         * A copy that drives {@code f} while it leads.
         *
         * @param f the day to drive
         * @return the copy
         */
        public Options withFeed(DayFeed f) {
            return new Options(config, id, keys, storage, behaviour, Optional.of(f), deadline, electionMin,
                    snapshots);
        }

        /**
         * A copy with another snapshot policy.
         *
         * @param p when to snapshot and purge the log
         * @return the copy
         */
        public Options withSnapshots(SnapshotPolicy p) {
            return new Options(config, id, keys, storage, behaviour, feed, deadline, electionMin, p);
        }
    }

    private ReplicaNode(Options options) throws IOException {
        this.options = options;
        GRPC_LOG.fine("starting SCP " + options.id());
        this.machine = new SlotMachine(options.config());
        this.stateMachine = new LedgerStateMachine(machine);
        RaftGroup group = group(options.config());
        RaftProperties p = properties(options);
        Member me = options.config().member(options.id());
        RaftServerConfigKeys.setStorageDir(p, List.of(options.storage().toFile()));
        GrpcConfigKeys.Server.setPort(p, me.port());
        this.server = RaftServer.newBuilder()
                .setServerId(peerId(options.id()))
                .setGroup(group)
                .setProperties(p)
                .setStateMachine(stateMachine)
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
        this.client = RaftClient.newBuilder()
                .setRaftGroup(group)
                .setProperties(properties(options))
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(10,
                        TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
                .build();
        this.agent = new ScpAgent(options.id(), options.keys(), options.behaviour());
        this.worker = new Thread(this::work, "v2g-replica-scp" + options.id());
        this.worker.setDaemon(true);
    }

    /**
     * Starts the node: its Raft server (recovering its log if the storage holds one) and its work.
     *
     * @param options how the node runs
     * @return the running node; {@link #close()} stops it
     */
    public static ReplicaNode start(Options options) {
        ReplicaNode node = null;
        try {
            node = new ReplicaNode(options);
            node.server.start();
            node.worker.start();
            return node;
        } catch (IOException | RuntimeException e) {
            if (node != null) {
                try {
                    node.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            // Ratis starts its state machine asynchronously: name the failure itself, not its wrapper.
            Throwable cause = e;
            while (!(cause instanceof IOException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            IOException io = cause instanceof IOException found ? found : new IOException(e.getMessage(), e);
            throw new UncheckedIOException("cannot start SCP " + options.id() + " on " + options.storage() + ": "
                    + io.getMessage(), io);
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
        log.setLevel(java.util.logging.Level.WARNING);
        return log;
    }

    static RaftPeerId peerId(int id) {
        return RaftPeerId.valueOf("scp" + id);
    }

    static RaftGroup group(ClusterConfig config) {
        List<RaftPeer> peers = new ArrayList<>();
        for (Member m : config.members()) {
            peers.add(RaftPeer.newBuilder().setId(peerId(m.id())).setAddress(m.address()).build());
        }
        return RaftGroup.valueOf(GROUP_ID, peers);
    }

    /** Raft settings for a small cluster on a busy machine: 1-2 s elections, 3 s client requests. */
    static RaftProperties properties(Options o) {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        long min = o.electionMin().toMillis();
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(min, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2 * min, TimeUnit.MILLISECONDS));
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        // A follower that comes back is retried every 500 ms, not every 5 s as by default.
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(p, "1ms,10, 500ms,1000000");
        o.snapshots().apply(p);
        return p;
    }

    /** The node's loop: the SCP's own work, and the day driver while it leads. */
    private void work() {
        while (running) {
            try {
                Optional<SlotWork> open = machine.work();
                if (open.isPresent()) {
                    Optional<LogBatch> due = agent.due(open.get(), System.nanoTime());
                    if (due.isPresent()) {
                        submit(due.get());
                    }
                }
                if (options.feed().isPresent() && isLeader()) {
                    drive(options.feed().get(), open);
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                // A failed submission (no leader yet, leader lost): the loop tries again from the state.
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void drive(DayFeed feed, Optional<SlotWork> open) throws IOException {
        if (open.isPresent()) {
            long slot = open.get().slot();
            if (slot != openSlotSeen) {
                openSlotSeen = slot;
                openSlotSince = System.nanoTime();
            } else if (System.nanoTime() - openSlotSince > options.deadline().toNanos()) {
                openSlotSince = System.nanoTime(); // the next deadline, if the first one did not do
                submit(LogBatch.of(Frame.of(new Deadline(slot))));
            }
            return;
        }
        long last = machine.lastSlot();
        if (last + 1 >= feed.slots() || feedRefusal != null) {
            return;
        }
        if (last != openedHere) {
            // Another run or another leader opened the last slot: continue only the day it belongs to.
            Optional<String> differs = feed.differsFrom(machine);
            if (differs.isPresent()) {
                feedRefusal = "scp" + options.id() + " does not drive the day: its feed is not the day its replicated"
                        + " ledger holds (" + differs.get() + "); start it with the day's --evs and --seed";
                return;
            }
        }
        submit(feed.openBatch((int) last + 1, machine));
        openedHere = last + 1;
    }

    /**
     * Why this node refused to drive the day, if it did: while leading, before it opens a slot that
     * follows one it did not open itself, it checks that its feed is the day its replica holds (the
     * last slot's market, the registered EVs' capacities and keys) and never drives it otherwise.
     *
     * @return the refusal, naming the first difference, or empty
     */
    public Optional<String> feedRefusal() {
        return Optional.ofNullable(feedRefusal);
    }

    /**
     * Sends a batch through the Raft log.
     *
     * @param batch the frames of one log entry
     * @return apply's summary of the entry, once committed
     * @throws IOException if the entry was not committed
     */
    public String submit(LogBatch batch) throws IOException {
        RaftClientReply reply = client.io().send(Message.valueOf(
                org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(batch.toBytes())));
        if (!reply.isSuccess()) {
            throw new IOException("log entry not committed: " + reply.getException());
        }
        return reply.getMessage().getContent().toString(StandardCharsets.UTF_8);
    }

    /**
     * Asks SCP {@code peer}'s replica for its head through Raft's read-only path (answered by that
     * server's state machine, over gRPC): {@code height records headHashHex lastSlot}.
     *
     * @param peer the SCP asked
     * @return its head
     * @throws IOException if it does not answer
     */
    public String queryHead(int peer) throws IOException {
        RaftClientReply reply = client.io().sendReadOnly(Message.valueOf(LedgerStateMachine.HEAD), peerId(peer));
        if (!reply.isSuccess()) {
            throw new IOException("scp" + peer + " did not answer the head query: " + reply.getException());
        }
        return reply.getMessage().getContent().toString(StandardCharsets.UTF_8);
    }

    /** {@return whether this node leads the Raft group now} */
    public boolean isLeader() {
        try {
            return server.getDivision(GROUP_ID).getInfo().isLeader();
        } catch (IOException e) {
            return false;
        }
    }

    /** {@return this SCP's id} */
    public int id() {
        return options.id();
    }

    /** {@return one consistent read of this replica's state: chain, last slot, finals, events} */
    public ReplicaStatus status() {
        return machine.status();
    }

    /** This replica's state machine (the tests and the cluster in this package read it). */
    SlotMachine machine() {
        return machine;
    }

    /**
     * {@return the index of the snapshot this replica loaded last (at start or installed by the leader), -1 if none}
     */
    public long loadedSnapshotIndex() {
        return stateMachine.loadedSnapshotIndex();
    }

    /** {@return snapshots the leader installed on this replica since it started} */
    public int snapshotInstalls() {
        return stateMachine.snapshotInstalls();
    }

    /** {@return why each snapshot file refused at start was refused (empty when none was)} */
    public List<String> refusedSnapshots() {
        return stateMachine.refusedSnapshots();
    }

    /**
     * {@return the first index this replica's Raft log still holds (entries before it were purged behind a snapshot)}
     *
     * @throws IOException if the Raft server cannot be reached
     */
    public long logStartIndex() throws IOException {
        return server.getDivision(GROUP_ID).getRaftLog().getStartIndex();
    }

    /**
     * {@return the index of the last entry in this replica's Raft log, -1 when empty}
     *
     * @throws IOException if the Raft server cannot be reached
     */
    public long logLastIndex() throws IOException {
        var last = server.getDivision(GROUP_ID).getRaftLog().getLastEntryTermIndex();
        return last == null ? -1 : last.getIndex();
    }

    /** {@return {@code height records headHashHex lastSlot} of this replica} */
    public String head() {
        return LedgerStateMachine.head(machine);
    }

    /** {@return the ledger view of this replica} */
    public ReplicatedLedger ledger() {
        return new ReplicatedLedger(machine);
    }

    /** Stops the work loop, the client and the Raft server; the storage stays for a restart. */
    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            client.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the Raft server of SCP " + options.id(), e);
        }
    }
}
