package org.v2g.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.cli.report.DayCharts;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerProducer;
import org.v2g.ledger.LedgerVerifier;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SlotLedger;
import org.v2g.node.internal.DayFiles;

/** {@code v2g case-study}: outputs on success; on bad input one line, exit 2, and nothing written. */
class CaseStudyCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesCsvsSummaryAndCharts() throws IOException {
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.run("case-study", "--evs", "150", "--seed", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : List.of(DayFiles.SLOTS_CSV, DayFiles.EVS_CSV, DayFiles.SUMMARY_JSON, DayCharts.LOAD_PNG,
                DayCharts.POWER_PNG, DayCharts.REVENUE_PNG)) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        for (String chart : List.of(DayCharts.LOAD_PNG, DayCharts.POWER_PNG, DayCharts.REVENUE_PNG)) {
            byte[] png = Files.readAllBytes(out.resolve(chart));
            assertArrayEquals(signature, java.util.Arrays.copyOf(png, signature.length), chart + " is not a PNG");
        }
        assertTrue(r.out().startsWith("v2g case study: 150 EVs, 96 slots"), r.out());
        assertEquals(97, Files.readAllLines(out.resolve(DayFiles.SLOTS_CSV)).size());
        assertEquals(151, Files.readAllLines(out.resolve(DayFiles.EVS_CSV)).size());
    }

    @Test
    void anOutputDirectoryThatHoldsALedgerIsRefusedWithoutResumeAndResumedOnlyAsTheSameDay() throws IOException {
        Path out = dir.resolve("day");
        String[] day = {"case-study", "--evs", "30", "--seed", "5", "--no-charts", "--out", out.toString()};
        assertEquals(0, MainTest.run(day).code());
        byte[] ledger = Files.readAllBytes(out.resolve("ledger/blocks.v2gl"));
        String evs = Files.readString(out.resolve(DayFiles.EVS_CSV));

        MainTest.Run again = MainTest.run(day);
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already holds a day's ledger") && again.err().contains("--resume"), again.err());
        assertArrayEquals(ledger, Files.readAllBytes(out.resolve("ledger/blocks.v2gl"))); // neither appended nor replaced

        MainTest.Run otherSeed = MainTest.run("case-study", "--evs", "30", "--seed", "6", "--no-charts", "--out",
                out.toString(), "--resume");
        assertEquals(2, otherSeed.code());
        assertTrue(otherSeed.err().startsWith("error: --seed differs from the day being resumed"), otherSeed.err());

        // A finished day resumed: every slot is read back from the ledger, the books are the same.
        MainTest.Run resumed = MainTest.run(concat(day, "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(evs, Files.readString(out.resolve(DayFiles.EVS_CSV)));
        assertFalse(Files.exists(out.resolve("ledger/scp.key")), "no private key inside the ledger directory");
        assertTrue(Files.exists(out.resolve("keys/scp.key")));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void givenFleetAndSlotsFilesAreUsed() throws IOException {
        Path fleet = Files.writeString(dir.resolve("fleet.csv"), """
                id,capacity_kwh,energy_kwh,arrival_h,departure_h
                bus-1,160,57.2,16.0,30.5
                car-2,40,26.2,7.0,12.0
                """);
        Path slots = Files.writeString(dir.resolve("slots.csv"), """
                start_h,p_rt,e_limit
                7.0,0.26,0
                7.25,0.66,5
                16.0,1.12,20
                """);
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.run("case-study", "--fleet", fleet.toString(), "--slots", slots.toString(),
                "--out", out.toString(), "--no-charts");
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out.resolve(DayFiles.SLOTS_CSV));
        assertEquals(4, rows.size());
        assertTrue(rows.get(3).contains(",1.12,"), rows.get(3));
        assertTrue(r.out().startsWith("v2g case study: 2 EVs, 3 slots"), r.out());
    }

    @Test
    void aBadFleetNamesLineAndFieldAndWritesNothing() throws IOException {
        Path fleet = Files.writeString(dir.resolve("fleet.csv"), """
                id,capacity_kwh,energy_kwh,arrival_h,departure_h
                bus-1,160,57.2,16.0,30.5
                car-2,40,26.2,12.0,7.0
                """);
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.run("case-study", "--fleet", fleet.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("departure_h") && r.err().contains("line=3") && r.err().contains("value=7.0"),
                r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aBadSlotsFileNamesLineAndFieldAndWritesNothing() throws IOException {
        Path slots = Files.writeString(dir.resolve("slots.csv"), """
                start_h,p_rt,e_limit
                7.0,0.26,0
                7.25,0.66,-5
                """);
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.run("case-study", "--evs", "10", "--slots", slots.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("e_limit") && r.err().contains("line=3") && r.err().contains("value=-5.0"),
                r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aDaysFleetWithFloorsOrTargetsIsRefusedNamingFieldEvAndValueAndWritesNothing() throws IOException {
        Path floors = Files.writeString(dir.resolve("floors.csv"),
                "id,capacity_kwh,energy_kwh,arrival_h,departure_h,floor_kwh\nev1,40,20,8,17,0\nev2,40,20,8,17,15\n");
        Path targets = Files.writeString(dir.resolve("targets.csv"),
                "id,capacity_kwh,energy_kwh,arrival_h,departure_h,target_kwh\nev1,40,20,8,17,\nev2,40,20,8,17,32\n");
        Path out = dir.resolve("out");
        MainTest.Run floor = MainTest.run("case-study", "--fleet", floors.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, floor.code());
        assertTrue(floor.err().contains("floor_kwh") && floor.err().contains("ev=ev2")
                && floor.err().contains("value=15.0"), floor.err());
        MainTest.Run target = MainTest.run("case-study", "--fleet", targets.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, target.code());
        assertTrue(target.err().contains("target_kwh") && target.err().contains("ev=ev2")
                && target.err().contains("value=32.0"), target.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFleetWithoutScheduleIsRejected() throws IOException {
        Path fleet = Files.writeString(dir.resolve("fleet.csv"), "id,capacity_kwh,energy_kwh\nev1,40,20\n");
        MainTest.Run r = MainTest.run("case-study", "--fleet", fleet.toString(), "--out", dir.resolve("o").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("arrival_h"), r.err());
    }

    @Test
    void aLedgerDirectoryInUseIsRefusedInOneLineAndItsWriterKeepsItsChain() throws IOException {
        Path out = dir.resolve("out");
        Path ledgerDir = out.resolve(DayDirectory.LEDGER_DIR);
        KeyPair keys = Ed25519.generate();
        Ed25519.store(keys, ledgerDir, DayDirectory.SEALER_KEY);
        byte[] pub = Files.readAllBytes(ledgerDir.resolve("scp.pub"));
        Settlement first = new Settlement("ev1", 0, 0.5, 1.0, 2.0);
        Settlement second = new Settlement("ev1", 1, -0.5, -1.0, -2.0);
        try (SlotLedger writer = RingBufferSlotLedger.open(LedgerConfig.of(ledgerDir, keys))) {
            LedgerProducer p = writer.newProducer();
            p.append(first);
            writer.flush();
            MainTest.Run r = MainTest.run("case-study", "--evs", "20", "--out", out.toString(), "--no-charts");
            assertEquals(Main.FAILURE, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: ledger directory " + ledgerDir + " is locked by another writer"
                    + " (lock file " + ledgerDir.resolve("ledger.lock")), r.err());
            assertTrue(r.out().isEmpty(), r.out());
            // the refused run deleted nothing and wrote nothing
            assertArrayEquals(pub, Files.readAllBytes(ledgerDir.resolve("scp.pub")));
            assertFalse(Files.exists(out.resolve(DayFiles.SLOTS_CSV)));
            p.append(second);
        }
        assertTrue(LedgerVerifier.verify(ledgerDir, keys.getPublic()).ok());
        MainTest.Run verify = MainTest.run("verify", ledgerDir.toString());
        assertEquals(0, verify.code(), verify.err());
        assertTrue(verify.out().contains("2 records"), verify.out());

        // Unlocked now, the directory still holds that ledger: a new day is refused, not appended to it.
        MainTest.Run again = MainTest.run("case-study", "--evs", "20", "--out", out.toString(), "--no-charts");
        assertEquals(Main.BAD_INPUT, again.code(), again.err());
        assertTrue(again.err().contains("already holds a day's ledger"), again.err());
        assertTrue(LedgerVerifier.verify(ledgerDir, keys.getPublic()).ok());
    }
}
