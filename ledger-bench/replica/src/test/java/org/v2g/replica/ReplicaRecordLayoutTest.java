package org.v2g.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.ledger.PartialResult;
import org.v2g.replica.ReplicaRecords.AppRecord;
import org.v2g.replica.ReplicaRecords.Deadline;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaRecords.EventKind;
import org.v2g.replica.ReplicaRecords.EvUnplug;
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

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(new SlotOpen(7, 1_767_250_800_000_001L), SlotOpenDescriptor.LENGTH,
                        "0700000000000000" + "01bc29244e470600"),
                Arguments.of(new SignedPartial(new PartialResult(7, 2, 10, 20, 13, 12.5), counting(0, 64)),
                        SignedPartialDescriptor.LENGTH,
                        "0700000000000000" + "02000000" + "0a000000" + "14000000" + "0d000000" + "0000000000002940"
                                + HexFormat.of().formatHex(counting(0, 64))),
                Arguments.of(new Deadline(7), DeadlineDescriptor.LENGTH, "0700000000000000"),
                Arguments.of(new Event(7, 2, EventKind.SILENT_REASSIGNED, 10, 20, 3), EventDescriptor.LENGTH,
                        "0700000000000000" + "02000000" + "04000000" + "0a000000" + "14000000" + "03000000"),
                Arguments.of(new Finality(7, 3, 2, counting(100, 32)), FinalityDescriptor.LENGTH,
                        "0700000000000000" + "03000000" + "02000000" + HexFormat.of().formatHex(counting(100, 32))),
                Arguments.of(new EvUnplug("car-7", 4), EvUnplugDescriptor.LENGTH,
                        "6361722d37" + "00".repeat(27) + "0400000000000000"));
    }

    @ParameterizedTest
    @MethodSource("records")
    void encodedBytesAreTheDescriptorsLayout(AppRecord record, int length, String hex) {
        byte[] bytes = record.toBytes();
        assertEquals(length, bytes.length, record + " length");
        assertEquals(hex, HexFormat.of().formatHex(bytes), record + " bytes");
    }
}
