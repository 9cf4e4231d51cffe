package org.v2g.replica;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;

/**
 * The Ratis state machine of a replica: hands each committed log entry to the {@link SlotMachine},
 * in log order, answers read-only queries about the chain head, and snapshots the machine.
 *
 * <p>Snapshots: {@link #takeSnapshot} writes the machine's whole state ({@link SlotMachineSnapshot}) to
 * {@code snapshot.<term>_<index>} in the state machine directory, with Ratis' {@code .md5} beside it (which
 * the leader sends when it installs the snapshot on a follower too far behind its log). On start the
 * newest snapshot that decodes is loaded and Ratis applies the log after it; a snapshot that does not
 * decode (CRC, magic, version, configuration, chain) is renamed {@code .corrupt}, reported on stderr
 * and the next older one is tried, and with none left the log is replayed from its first entry. If the
 * log no longer reaches back to what is loaded, the start fails with an error saying so. After the
 * leader installed a snapshot, {@link #reinitialize} loads it in place of the current state.
 *
 * <p>Query: the message {@code head} answers {@code height records headHashHex lastSlot}.
 */
final class LedgerStateMachine extends BaseStateMachine {
    /** The read-only query for the chain head. */
    static final String HEAD = "head";

    /** Ratis' segment names in the log directory: {@code log_<start>-<end>} and {@code log_inprogress_<start>}. */
    private static final Pattern SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?");

    private final SlotMachine machine;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final AtomicLong loadedIndex = new AtomicLong(RaftLog.INVALID_LOG_INDEX);
    private final AtomicInteger installs = new AtomicInteger();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    LedgerStateMachine(SlotMachine machine) {
        this.machine = machine;
    }

    SlotMachine machine() {
        return machine;
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            File dir = raftStorage.getStorageDir().getStateMachineDir();
            SlotMachineSnapshot.Decoded loaded = newestValid(dir.toPath());
            storage.init(raftStorage); // after the corrupt files are set aside: it finds the one loaded
            long from = loaded == null ? RaftLog.INVALID_LOG_INDEX : loaded.index();
            long logStart = logStart(raftStorage.getStorageDir().getCurrentDir().toPath());
            if (logStart > from + 1) {
                throw new IOException("SCP state in " + raftStorage.getStorageDir().getRoot() + " cannot be rebuilt:"
                        + " the newest valid snapshot ends at index " + from + " but the Raft log starts at "
                        + logStart + (refused.isEmpty() ? "" : " (refused: " + refused + ")")
                        + "; restore a snapshot file, or clear this storage so the leader installs one");
            }
            if (loaded != null) {
                restore(loaded);
            }
        }, IOException.class);
    }

    /** The newest snapshot in {@code dir} that decodes; the ones that do not are renamed {@code .corrupt}. */
    private SlotMachineSnapshot.Decoded newestValid(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(p.getFileName().toString()).matches()) {
                    files.add(p);
                }
            }
        }
        files.sort(Comparator.comparingLong((Path p) -> indexOf(p)).reversed());
        for (Path p : files) {
            try {
                return read(p);
            } catch (IOException e) {
                String why = e.getMessage();
                refused.add(why);
                Path aside = p.resolveSibling(p.getFileName() + ".corrupt");
                Files.move(p, aside, StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(MD5FileUtil.getDigestFileForFile(p.toFile()).toPath());
                System.err.println("v2g replica: refused " + why + "; moved to " + aside.getFileName()
                        + ", trying an older snapshot or the full log");
            }
        }
        return null;
    }

    private static long indexOf(Path snapshot) {
        return SimpleStateMachineStorage.getTermIndexFromSnapshotFile(snapshot.toFile()).getIndex();
    }

    /** Reads and decodes one snapshot file, its term and index checked against its name. */
    private SlotMachineSnapshot.Decoded read(Path file) throws IOException {
        SlotMachineSnapshot.Decoded d = SlotMachineSnapshot.decode(Files.readAllBytes(file), machine.config(),
                file.toString());
        TermIndex named = SimpleStateMachineStorage.getTermIndexFromSnapshotFile(file.toFile());
        if (named.getTerm() != d.term() || named.getIndex() != d.index()) {
            throw new CorruptSnapshotException("snapshot " + file + ": holds term " + d.term() + " index " + d.index()
                    + ", its name says " + named);
        }
        return d;
    }

    /** The first index of the Raft log on disk (0 when it holds no segment yet). */
    private static long logStart(Path currentDir) throws IOException {
        long start = Long.MAX_VALUE;
        if (Files.isDirectory(currentDir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(currentDir)) {
                for (Path p : s) {
                    Matcher m = SEGMENT.matcher(p.getFileName().toString());
                    if (m.matches()) {
                        start = Math.min(start, Long.parseLong(m.group(1)));
                    }
                }
            }
        }
        return start == Long.MAX_VALUE ? 0 : start;
    }

    private void restore(SlotMachineSnapshot.Decoded d) throws CorruptSnapshotException {
        synchronized (machine) {
            try {
                machine.importState(d.state());
            } catch (IllegalArgumentException e) {
                throw new CorruptSnapshotException("snapshot at index " + d.index() + ": " + e.getMessage(), e);
            }
            setLastAppliedTermIndex(TermIndex.valueOf(d.term(), d.index()));
        }
        loadedIndex.set(d.index());
    }

    @Override
    public void pause() {
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /** Loads the snapshot the leader just installed: the state is replaced, the log goes on after it. */
    @Override
    public void reinitialize() throws IOException {
        SingleFileSnapshotInfo info = storage.loadLatestSnapshot();
        if (info == null) {
            throw new IOException("no snapshot to load after installation in " + storage);
        }
        restore(read(info.getFile().getPath()));
        installs.incrementAndGet();
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public long takeSnapshot() throws IOException {
        byte[] bytes;
        TermIndex last;
        synchronized (machine) {
            last = getLastAppliedTermIndex();
            if (last == null || last.getIndex() < 0) {
                return RaftLog.INVALID_LOG_INDEX;
            }
            bytes = SlotMachineSnapshot.encode(last.getTerm(), last.getIndex(), machine.exportState(),
                    machine.config());
        }
        File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        Path tmp = file.toPath().resolveSibling(file.getName() + ".tmp");
        Files.write(tmp, bytes);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
        return last.getIndex();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
        String summary;
        synchronized (machine) { // a snapshot sees the machine and its index together
            summary = machine.apply(data);
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        }
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

    /** The index of the snapshot loaded last (at start or by installation), -1 if none. */
    long loadedSnapshotIndex() {
        return loadedIndex.get();
    }

    /** Snapshots the leader installed on this replica since it started. */
    int snapshotInstalls() {
        return installs.get();
    }

    /** Why each snapshot refused at start was refused. */
    List<String> refusedSnapshots() {
        return List.copyOf(refused);
    }

    /** {@code height records headHashHex lastSlot}. */
    static String head(SlotMachine m) {
        synchronized (m) {
            return m.height() + " " + m.records() + " " + HexFormat.of().formatHex(m.headHash()) + " " + m.lastSlot();
        }
    }
}
