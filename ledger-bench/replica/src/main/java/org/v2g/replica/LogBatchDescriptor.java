package org.v2g.replica;

import org.v2g.ledger.internal.FrameDescriptor;

/**
 * Layout of a {@link LogBatch}, one Raft log entry (little-endian, no padding; the entry holds exactly
 * these bytes): a frame count, then that many frames, each in the ledger's frame layout
 * ({@link FrameDescriptor}: length i32, type i32, payload).
 *
 * <pre>
 *   0          4
 *   +----------+--------------------------------------------------------------+
 *   |count i32 | count frames: length i32, type i32, payload (FrameDescriptor) |
 *   +----------+--------------------------------------------------------------+
 * </pre>
 */
final class LogBatchDescriptor {
    /** Offset of the number of frames (int). */
    static final int COUNT_OFFSET = 0;
    /** Offset of the first frame; each frame follows the one before it. */
    static final int FRAMES_OFFSET = COUNT_OFFSET + Integer.BYTES;

    private LogBatchDescriptor() {
    }
}
