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
                DayCharts.POWER_PNG, DayCharts.REVENUE_PNG, DayCharts.DEPARTURE_PNG)) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        for (String chart : List.of(DayCharts.LOAD_PNG, DayCharts.POWER_PNG, DayCharts.REVENUE_PNG,
                DayCharts.DEPARTURE_PNG)) {
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
        // A day without departure targets is not resumed as one with them, nor (below) the other way round.
        MainTest.Run withTargets = MainTest.run(concat(day, "--resume", "--target-soc", "0.8"));
        assertEquals(2, withTargets.code());
        assertTrue(withTargets.err().startsWith("error: --target-soc differs from the day being resumed"),
                withTargets.err());
        Path targeted = dir.resolve("targeted");
        String[] targetedDay = {"case-study", "--evs", "30", "--seed", "5", "--no-charts", "--target-soc", "0.8",
            "--out", targeted.toString()};
        assertEquals(0, MainTest.run(targetedDay).code());
        MainTest.Run withoutTargets = MainTest.run("case-study", "--evs", "30", "--seed", "5", "--no-charts", "--out",
                targeted.toString(), "--resume");
        assertEquals(2, withoutTargets.code());
        assertTrue(withoutTargets.err().startsWith("error: --target-soc differs from the day being resumed"),
                withoutTargets.err());
        assertEquals(0, MainTest.run(concat(targetedDay, "--resume")).code());

        // A finished day resumed: every slot is read back from the ledger, the books are the same.
        MainTest.Run resumed = MainTest.run(concat(day, "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(evs, Files.readString(out.resolve(DayFiles.EVS_CSV)));
        // A manifest from before --target-soc existed has no such line: it was a day without targets.
        Path manifest = out.resolve("day.properties");
        String lines = Files.readString(manifest);
        assertTrue(lines.contains("--target-soc="), lines);
        Files.writeString(manifest, lines.replaceAll("(?m)^--target-soc=.*\\R", ""));
        assertEquals(0, MainTest.run(concat(day, "--resume")).code(), "an older manifest still resumes");
        assertFalse(Files.exists(out.resolve("ledger/scp.key")), "no private key inside the ledger directory");
        assertTrue(Files.exists(out.resolve("keys/scp.key")));
    }

    @Test
    void aDayWhoseLedgerIsDamagedBeforeItsLastBlockIsNotResumedAndNotCut() throws IOException {
        Path out = dir.resolve("damaged");
        String[] day = {"case-study", "--evs", "30", "--seed", "5", "--no-charts", "--out", out.toString()};
        assertEquals(0, MainTest.run(day).code());
        Path file = out.resolve("ledger/blocks.v2gl");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 1; // inside a block that complete blocks follow: damage, not a torn tail
        Files.write(file, bytes);

        MainTest.Run resumed = MainTest.run(concat(day, "--resume"));
        assertEquals(1, resumed.code(), resumed.err());
        assertTrue(resumed.err().startsWith("error: ledger file " + file + " corrupted at height "), resumed.err());
        assertFalse(resumed.err().contains("internal failure"), resumed.err());
        assertTrue(resumed.err().contains("v2g verify"), resumed.err());
        assertArrayEquals(bytes, Files.readAllBytes(file), "the damaged file is left as it was");
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
    void aDaysFleetWithFloorsIsRefusedNamingFieldEvAndValueAndWritesNothing() throws IOException {
        Path floors = Files.writeString(dir.resolve("floors.csv"),
                "id,capacity_kwh,energy_kwh,arrival_h,departure_h,floor_kwh\nev1,40,20,8,17,0\nev2,40,20,8,17,15\n");
        Path out = dir.resolve("out");
        MainTest.Run floor = MainTest.run("case-study", "--fleet", floors.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, floor.code());
        assertTrue(floor.err().contains("floor_kwh") && floor.err().contains("ev=ev2")
                && floor.err().contains("value=15.0"), floor.err());
        assertFalse(Files.exists(out));
        for (String bad : List.of("1.5", "-0.1", "NaN")) {
            MainTest.Run r = MainTest.run("case-study", "--evs", "10", "--target-soc", bad, "--out", out.toString());
            assertEquals(Main.BAD_INPUT, r.code(), bad);
            assertTrue(r.err().contains("--target-soc") && r.err().contains(bad), r.err());
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void targetsFromTheFleetFileAndFromTargetSocAreMetAndReportedPerEvAndForTheDay() throws IOException {
        // ev1 has its own target (36 of 40 kWh), ev2 takes --target-soc 0.5 (20 kWh), ev3's 40 kWh cannot be
        // reached from 2 kWh in its two slots (8:00-8:30, at most 2·E0 more), so it charges in both and misses.
        Path fleet = Files.writeString(dir.resolve("targets.csv"),
                "id,capacity_kwh,energy_kwh,arrival_h,departure_h,target_kwh\n"
                        + "ev1,40,20,7,17,36\nev2,40,12,7,17,\nev3,40,2,8,8.5,40\n");
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.run("case-study", "--fleet", fleet.toString(), "--target-soc", "0.5", "--no-charts",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out.resolve(DayFiles.EVS_CSV));
        List<String> header = List.of(rows.get(0).split(","));
        int target = header.indexOf("target_kwh");
        int departure = header.indexOf("departure_kwh");
        int met = header.indexOf("target_met");
        int charging = header.indexOf("slots_charging");
        int present = header.indexOf("slots_present");
        String[] ev1 = rows.get(1).split(",", -1);
        String[] ev2 = rows.get(2).split(",", -1);
        String[] ev3 = rows.get(3).split(",", -1);
        assertEquals("36.0", ev1[target]);
        assertEquals("20.0", ev2[target], "--target-soc 0.5 of 40 kWh");
        assertTrue(Double.parseDouble(ev1[departure]) >= 36 - 1e-9, ev1[departure]);
        assertTrue(Double.parseDouble(ev2[departure]) >= 20 - 1e-9, ev2[departure]);
        assertEquals("true", ev1[met]);
        assertEquals("true", ev2[met]);
        assertEquals("false", ev3[met]);
        assertEquals(ev3[present], ev3[charging], "an EV out of reach charges in every slot it is present");
        assertTrue(r.out().contains("departure targets: 3 EVs with one, below target 1 (uncoordinated 1)"), r.out());
        String summary = Files.readString(out.resolve(DayFiles.SUMMARY_JSON));
        assertTrue(summary.contains("\"evs_below_target\": 1,") && summary.contains("\"evs_with_target\": 3,"),
                summary);
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
