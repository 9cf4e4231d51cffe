package org.v2g.replica;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.ledger.internal.FrameDescriptor;

/**
 * The content of one Raft log entry: a batch of frames, applied in order by every replica.
 *
 * <pre>
 *   0          4
 *   +----------+----------------------------------------------------------+
 *   |count i32 | count frames: length i32, type i32, payload (FrameDescriptor) |
 *   +----------+----------------------------------------------------------+
 * </pre>
 * Little-endian, no padding; the entry holds exactly these bytes.
 *
 * @param frames the records, in the order they are applied
 */
record LogBatch(List<Frame> frames) {
    /** Largest payload of one frame. */
    public static final int MAX_PAYLOAD = 64 * 1024;
    /** Most frames in one entry. */
    public static final int MAX_FRAMES = 100_000;

    public LogBatch {
        frames = List.copyOf(frames);
        if (frames.isEmpty() || frames.size() > MAX_FRAMES) {
            throw new IllegalArgumentException("a log batch holds 1.." + MAX_FRAMES + " frames: count=" + frames.size());
        }
    }

    /** A batch of the given frames. */
    public static LogBatch of(Frame... frames) {
        return new LogBatch(List.of(frames));
    }

    /** The entry's bytes. */
    public byte[] toBytes() {
        int n = Integer.BYTES;
        for (Frame f : frames) {
            n += FrameDescriptor.PAYLOAD_OFFSET + f.payload().length;
        }
        byte[] bytes = new byte[n];
        UnsafeBuffer b = new UnsafeBuffer(bytes);
        b.putInt(0, frames.size(), ByteOrder.LITTLE_ENDIAN);
        int at = Integer.BYTES;
        for (Frame f : frames) {
            byte[] frame = f.frameBytes();
            b.putBytes(at, frame);
            at += frame.length;
        }
        return bytes;
    }

    /**
     * Reads an entry.
     *
     * @throws IllegalArgumentException naming the frame and the field when the bytes are not a batch
     */
    public static LogBatch decode(byte[] bytes) {
        if (bytes.length < Integer.BYTES) {
            throw new IllegalArgumentException("log entry too short for a frame count: length=" + bytes.length);
        }
        UnsafeBuffer b = new UnsafeBuffer(bytes);
        int count = b.getInt(0, ByteOrder.LITTLE_ENDIAN);
        if (count < 1 || count > MAX_FRAMES) {
            throw new IllegalArgumentException("log entry frame count must be 1.." + MAX_FRAMES + ": value=" + count);
        }
        List<Frame> frames = new ArrayList<>(count);
        int at = Integer.BYTES;
        for (int i = 0; i < count; i++) {
            if (at + FrameDescriptor.PAYLOAD_OFFSET > bytes.length) {
                throw new IllegalArgumentException("log entry ends inside the header of frame " + i + ": length=" + bytes.length);
            }
            int length = b.getInt(at + FrameDescriptor.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            int type = b.getInt(at + FrameDescriptor.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (length < 0 || length > MAX_PAYLOAD || at + FrameDescriptor.PAYLOAD_OFFSET + length > bytes.length) {
                throw new IllegalArgumentException("frame " + i + " length out of the entry: length=" + length);
            }
            byte[] payload = new byte[length];
            b.getBytes(at + FrameDescriptor.PAYLOAD_OFFSET, payload);
            frames.add(new Frame(type, payload));
            at += FrameDescriptor.PAYLOAD_OFFSET + length;
        }
        if (at != bytes.length) {
            throw new IllegalArgumentException("log entry has " + (bytes.length - at) + " bytes after its last frame");
        }
        return new LogBatch(frames);
    }
}
