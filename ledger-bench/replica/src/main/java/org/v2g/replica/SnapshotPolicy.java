package org.v2g.replica;


import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;

/**
 * When a replica snapshots its state and how much Raft log it keeps behind the snapshot.
 *
 * <p>With snapshots on, Ratis asks the state machine for a snapshot every {@code everyEntries} applied
 * entries (and once more when the server stops), keeps the newest {@code retained} snapshot files and
 * purges the log's closed segments up to the snapshot's index less {@code preservedEntries}. Keeping
 * at least {@code everyEntries} entries means the log still reaches back to the previous snapshot, so
 * a replica whose newest snapshot file is corrupt restarts from the one before it plus the log.
 *
 * @param everyEntries     applied entries between snapshots; 0 turns snapshots (and purging) off
 * @param retained         snapshot files kept, at least 2 (the newest and one to fall back to)
 * @param preservedEntries log entries kept before the newest snapshot's index
 * @param segmentBytes     the size at which a log segment is closed: only closed segments are purged
 * @param onStop           whether a stopping server takes one more snapshot (Ratis' default: yes)
 */
public record SnapshotPolicy(long everyEntries, int retained, long preservedEntries, long segmentBytes,
                             boolean onStop) {
    /** A snapshot every 1000 entries (about 170 slots of four SCPs), two kept, 1 MB segments. */
    public static final SnapshotPolicy DEFAULT = every(1000);

    /** No snapshots and no purging: the log is the whole history (existing snapshots are still loaded). */
    public static final SnapshotPolicy OFF = new SnapshotPolicy(0, 2, 0, 1 << 20, false);

    /**
     * Checks the policy.
     *
     * @throws IllegalArgumentException naming the field for a negative count, fewer than 2 retained
     *                                  snapshots or segments below 1024 bytes
     */
    public SnapshotPolicy {
        if (everyEntries < 0) {
            throw new IllegalArgumentException("everyEntries must be >= 0: value=" + everyEntries);
        }
        if (retained < 2) {
            throw new IllegalArgumentException("retained must be >= 2: value=" + retained);
        }
        if (preservedEntries < 0) {
            throw new IllegalArgumentException("preservedEntries must be >= 0: value=" + preservedEntries);
        }
        if (segmentBytes < 1024) {
            throw new IllegalArgumentException("segmentBytes must be >= 1024: value=" + segmentBytes);
        }
    }

    /**
     * A snapshot every {@code entries} entries, the log kept back to the previous snapshot.
     *
     * @param entries log entries between snapshots; 0: off
     * @return the policy (two snapshots kept, 1 MB segments, a snapshot at stop)
     */
    public static SnapshotPolicy every(long entries) {
        return new SnapshotPolicy(entries, 2, entries, 1 << 20, true);
    }

    /**
     * The same policy with log segments closed at {@code bytes}.
     *
     * @param bytes the segment size, {@code ≥ 1024}
     * @return the copy
     */
    public SnapshotPolicy withSegmentBytes(long bytes) {
        return new SnapshotPolicy(everyEntries, retained, preservedEntries, bytes, onStop);
    }

    /** {@return the same policy without the snapshot at stop: a restart then replays the log after the last one} */
    public SnapshotPolicy withoutSnapshotOnStop() {
        return new SnapshotPolicy(everyEntries, retained, preservedEntries, segmentBytes, false);
    }

    /** {@return whether the replica snapshots at all} */
    public boolean enabled() {
        return everyEntries > 0;
    }

    /** Sets Ratis' snapshot and purge keys. */
    void apply(RaftProperties p) {
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, enabled());
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, enabled() && onStop);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(segmentBytes));
        if (!enabled()) {
            return;
        }
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, everyEntries);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, retained);
        // Purge up to the snapshot even when a follower is behind: the leader then installs the snapshot.
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgePreservationLogNum(p, preservedEntries);
        RaftServerConfigKeys.Log.setPurgeGap(p, 1);
    }

    @Override
    public String toString() {
        return enabled() ? "every " + everyEntries + " entries, keep " + retained + ", preserve " + preservedEntries
                : "off";
    }
}
