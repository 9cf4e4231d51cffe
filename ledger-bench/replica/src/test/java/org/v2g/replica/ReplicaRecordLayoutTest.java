package org.v2g.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.ledger.PartialResult;
import org.v2g.replica.ReplicaRecords.AppRecord;
import org.v2g.replica.ReplicaRecords.Deadline;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaRecords.EventKind;
import org.v2g.replica.ReplicaRecords.Finality;
import org.v2g.replica.ReplicaRecords.SignedPartial;
import org.v2g.replica.ReplicaRecords.SlotOpen;

/** Each replica record's bytes are its descriptor's layout: its length, fixed bytes, any offset. */
class ReplicaRecordLayoutTest {
    private static byte[] counting(int from, int length) {
        byte[] bytes = new byte[length];
        IntStream.range(0, length).forEach(i -> bytes[i] = (byte) (from + i));
        return bytes;
    }

    /** Writes a record's layout at an offset (the records' {@code encode}, package-private). */
    interface Encoder {
        void encode(MutableDirectBuffer buffer, int offset);
    }

    /** Reads a record's layout at an offset. */
    interface Decoder {
        AppRecord decode(DirectBuffer buffer, int offset);
    }

    static Stream<Arguments> records() {
        SlotOpen open = new SlotOpen(7, 1_767_250_800_000_001L);
        SignedPartial partial = new SignedPartial(new PartialResult(7, 2, 10, 20, 13, 12.5), counting(0, 64));
        Deadline deadline = new Deadline(7);
        Event event = new Event(7, 2, EventKind.SILENT_REASSIGNED, 10, 20, 3);
        Finality finality = new Finality(7, 3, 2, counting(100, 32));
        return Stream.of(
                Arguments.of(open, SlotOpenDescriptor.LENGTH,
                        "0700000000000000" + "01bc29244e470600",
                        (Encoder) open::encode, (Decoder) SlotOpen::decode),
                Arguments.of(partial, SignedPartialDescriptor.LENGTH,
                        "0700000000000000" + "02000000" + "0a000000" + "14000000" + "0d000000" + "0000000000002940"
                                + HexFormat.of().formatHex(counting(0, 64)),
                        (Encoder) partial::encode, (Decoder) SignedPartial::decode),
                Arguments.of(deadline, DeadlineDescriptor.LENGTH, "0700000000000000",
                        (Encoder) deadline::encode, (Decoder) Deadline::decode),
                Arguments.of(event, EventDescriptor.LENGTH,
                        "0700000000000000" + "02000000" + "04000000" + "0a000000" + "14000000" + "03000000",
                        (Encoder) event::encode, (Decoder) Event::decode),
                Arguments.of(finality, FinalityDescriptor.LENGTH,
                        "0700000000000000" + "03000000" + "02000000" + HexFormat.of().formatHex(counting(100, 32)),
                        (Encoder) finality::encode, (Decoder) Finality::decode));
    }

    @ParameterizedTest
    @MethodSource("records")
    void encodedBytesAreTheDescriptorsLayout(AppRecord record, int length, String hex, Encoder encoder,
            Decoder decoder) {
        byte[] bytes = record.toBytes();
        assertEquals(length, bytes.length, record + " length");
        assertEquals(hex, HexFormat.of().formatHex(bytes), record + " bytes");
    }

    /** At an odd offset inside a larger buffer: the same bytes, nothing written outside them, read back equal. */
    @ParameterizedTest
    @MethodSource("records")
    void roundTripsAtAnOddOffset(AppRecord record, int length, String hex, Encoder encoder, Decoder decoder) {
        int offset = 13;
        byte guard = (byte) 0x5A;
        byte[] bytes = new byte[offset + length + offset];
        Arrays.fill(bytes, guard);
        UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        encoder.encode(buffer, offset);
        assertArrayEquals(record.toBytes(), Arrays.copyOfRange(bytes, offset, offset + length), record + " bytes");
        for (int i = 0; i < bytes.length; i++) {
            if (i < offset || i >= offset + length) {
                assertEquals(guard, bytes[i], record + " wrote outside its layout at byte " + i);
            }
        }
        assertEquals(record, decoder.decode(buffer, offset));
    }
}
