package org.v2g.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.internal.SyntheticFleets;

class FleetCsvTest {
    private static final String H = "id,capacity_kwh,energy_kwh\n";

    @Test
    void readsRequiredColumnsAndFillsPaperDefaults() {
        Fleet f = FleetCsv.parse(H + "bus-1,160,57.2\ncar-7,40,26.2\n");
        assertEquals(2, f.size());
        assertEquals("bus-1", f.id(0));
        assertEquals(160.0, f.capacity(0));
        assertEquals(57.2, f.energy(0));
        assertEquals(Fleet.DEFAULT_BETA, f.beta(1));
        assertEquals(Fleet.DEFAULT_A, f.a(1));
        assertEquals(Fleet.DEFAULT_U_IDLE, f.uIdle(1));
        assertFalse(f.hasSchedule());
    }

    @Test
    void columnsInAnyOrder() {
        Fleet f = FleetCsv.parse("departure_h,u_idle,energy_kwh,a,arrival_h,beta,id,capacity_kwh\n"
                + "30.5,0.02,10,-0.05,18,0.3,ev1,64\n");
        assertEquals("ev1", f.id(0));
        assertEquals(64.0, f.capacity(0));
        assertEquals(10.0, f.energy(0));
        assertEquals(0.3, f.beta(0));
        assertEquals(-0.05, f.a(0));
        assertEquals(0.02, f.uIdle(0));
        assertEquals(18.0, f.arrival(0));
        assertEquals(30.5, f.departure(0));
    }

    @Test
    void emptyOptionalCellTakesTheDefault() {
        Fleet f = FleetCsv.parse("id,capacity_kwh,energy_kwh,beta,a\nev1,40,10,,-0.02\nev2,40,10,0.2,\n");
        assertEquals(Fleet.DEFAULT_BETA, f.beta(0));
        assertEquals(-0.02, f.a(0));
        assertEquals(0.2, f.beta(1));
        assertEquals(Fleet.DEFAULT_A, f.a(1));
    }

    @Test
    void acceptsBomCrlfWhitespaceAndBlankLines() {
        Fleet f = FleetCsv.parse("\uFEFF id , capacity_kwh ,energy_kwh\r\n ev1 , 40 , 1e1 \r\n\r\nev2,50,0\r\n\r\n  \n");
        assertEquals(2, f.size());
        assertEquals("ev1", f.id(0));
        assertEquals(10.0, f.energy(0));
        assertEquals("ev2", f.id(1));
    }

    @Test
    void headerOnlyIsTheEmptyFleet() {
        assertEquals(0, FleetCsv.parse(H).size());
        assertEquals(0, FleetCsv.parse("id,capacity_kwh,energy_kwh").size());
    }

    @Test
    void formatReadsBackToTheSameFleet() {
        Fleet f = SyntheticFleets.varied(40, 7);
        Fleet back = FleetCsv.parse(FleetCsv.format(f));
        assertEquals(f.size(), back.size());
        for (int i = 0; i < f.size(); i++) {
            assertEquals(f.id(i), back.id(i));
            assertEquals(f.capacity(i), back.capacity(i));
            assertEquals(f.energy(i), back.energy(i));
            assertEquals(f.beta(i), back.beta(i));
            assertEquals(f.a(i), back.a(i));
            assertEquals(f.uIdle(i), back.uIdle(i));
        }
        Fleet s = FleetCsv.parse("id,capacity_kwh,energy_kwh,arrival_h,departure_h\nev1,40,10,7.25,31\n");
        Fleet sBack = FleetCsv.parse(FleetCsv.format(s));
        assertEquals(7.25, sBack.arrival(0));
        assertEquals(31.0, sBack.departure(0));
    }

    @Test
    void formatRefusesIdsTheFormatCannotCarry() {
        for (String id : new String[] {"a,b", "a\"b", " a", "a\t"}) {
            Fleet f = Fleet.builder().add(id, 40, 10).build();
            Bad.rejects(() -> FleetCsv.format(f), "id", "ev=" + id, id);
        }
        Fleet lineBreak = Fleet.builder().add("a\nb", 40, 10).build();
        assertEquals("id", assertThrows(InvalidInputException.class, () -> FleetCsv.format(lineBreak)).field());
    }

    @Test
    void manyRowsKeepTheirLines() {
        StringBuilder sb = new StringBuilder(H);
        for (int i = 0; i < 5000; i++) {
            sb.append("ev").append(i).append(",40,").append(i % 40).append('\n');
        }
        assertEquals(5000, FleetCsv.parse(sb.toString()).size());
        sb.append("ev2500,40,10\n");
        InvalidInputException e = Bad.rejects(() -> FleetCsv.parse(sb.toString()), "id", "ev=ev2500 line=5002", "ev2500");
        assertTrue(e.getMessage().contains("first on line=2502"), e.getMessage());
    }

    // ---- the file's own rules: header, cells, numbers ----

    @Test
    void emptyFileHasNoHeader() {
        Bad.rejects(() -> FleetCsv.parse(""), "header", "line=1", "(empty file)");
        Bad.rejects(() -> FleetCsv.parse("\uFEFF\n \n"), "header", "line=1", "(empty file)");
    }

    @Test
    void unknownColumn() {
        Bad.rejects(() -> FleetCsv.parse("id,capacity_kwh,energy_kwh,colour\n"), "column", "line=1 column=4", "colour");
    }

    @Test
    void duplicateColumn() {
        Bad.rejects(() -> FleetCsv.parse("id,capacity_kwh,energy_kwh,beta,beta\n"), "column", "line=1 column=5", "beta");
    }

    @Test
    void emptyColumnName() {
        Bad.rejects(() -> FleetCsv.parse("id,,capacity_kwh,energy_kwh\n"), "column", "line=1 column=2", "(empty)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "id,energy_kwh|capacity_kwh",
        "capacity_kwh,energy_kwh|id",
        "id,capacity_kwh|energy_kwh",
        "id,capacity_kwh,energy_kwh,arrival_h|departure_h",
        "id,capacity_kwh,energy_kwh,departure_h|arrival_h",
    })
    void missingRequiredColumn(String header, String missing) {
        Bad.rejects(() -> FleetCsv.parse(header + "\n"), missing, "line=1", "missing");
    }

    @Test
    void wrongCellCount() {
        Bad.rejects(() -> FleetCsv.parse(H + "ev1,40,10\nev2,40\n"), "cells", "line=3", "2");
        Bad.rejects(() -> FleetCsv.parse(H + "ev1,40,10,0.2\n"), "cells", "line=2", "4");
    }

    @Test
    void emptyRequiredCell() {
        Bad.rejects(() -> FleetCsv.parse(H + "ev1,,10\n"), "capacity_kwh", "line=2", "(empty)");
        Bad.rejects(() -> FleetCsv.parse(H + ",40,10\n"), "id", "line=2", "(empty)");
        Bad.rejects(() -> FleetCsv.parse("id,capacity_kwh,energy_kwh,arrival_h,departure_h\nev1,40,10,8,\n"),
                "departure_h", "line=2", "(empty)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"forty", "4O", "0x10", "40d", "40f", "1..2", "inf", "--1", "1e"})
    void unparsableNumber(String cell) {
        Bad.rejects(() -> FleetCsv.parse(H + "ev1," + cell + ",10\n"), "capacity_kwh", "line=2", cell);
    }

    @Test
    void quotedFieldIsAClearError() {
        InvalidInputException e = Bad.rejects(() -> FleetCsv.parse(H + "\"ev1\",40,10\n"),
                "cell", "line=2 char=1", "\"ev1\",40,10");
        assertTrue(e.getMessage().contains("quoted fields are not supported"), e.getMessage());
    }

    @Test
    void linesCountBlankLinesAndTheHeader() {
        Bad.rejects(() -> FleetCsv.parse("\n" + H + "ev1,40,10\n\nev2,40,x\n"), "energy_kwh", "line=5", "x");
    }

    // ---- the model's rules (SPEC section 6), raised by Fleet, enriched with the line ----

    @ParameterizedTest(name = "{0}={2}")
    @CsvSource(delimiter = '|', value = {
        "capacity_kwh|ev1,NaN,10|NaN",
        "capacity_kwh|ev1,Infinity,10|Infinity",
        "capacity_kwh|ev1,-Infinity,10|-Infinity",
        "capacity_kwh|ev1,0,0|0.0",
        "capacity_kwh|ev1,-3,0|-3.0",
        "energy_kwh|ev1,40,NaN|NaN",
        "energy_kwh|ev1,40,-0.5|-0.5",
        "energy_kwh|ev1,40,40.5|40.5",
        "beta|ev1,40,10,0,-0.01,0|0.0",
        "beta|ev1,40,10,-0.16,-0.01,0|-0.16",
        "beta|ev1,40,10,NaN,-0.01,0|NaN",
        "a|ev1,40,10,0.16,0.01,0|0.01",
        "a|ev1,40,10,0.16,Infinity,0|Infinity",
        "u_idle|ev1,40,10,0.16,-0.01,NaN|NaN",
    })
    void modelRulesNameFieldEvLineAndValue(String field, String row, String value) {
        String text = "id,capacity_kwh,energy_kwh,beta,a,u_idle\nev0,40,10,0.16,-0.01,0\n"
                + (row.split(",").length == 3 ? row + ",0.16,-0.01,0" : row) + "\n";
        Bad.rejects(() -> FleetCsv.parse(text), field, "ev=ev1 line=3", value);
    }

    @Test
    void capacityExampleOfTheBrief() {
        String text = H + "ev1,40,10\nev2,40,10\nev3,40,10\nev042,-3.0,0\n";
        InvalidInputException e = Bad.rejects(() -> FleetCsv.parse(text), "capacity_kwh", "ev=ev042 line=5", "-3.0");
        assertEquals("capacity_kwh must be > 0: ev=ev042 line=5 value=-3.0", e.getMessage());
    }

    @Test
    void duplicateIdNamesTheSecondLineAndTheFirst() {
        InvalidInputException e = Bad.rejects(() -> FleetCsv.parse(H + "ev1,40,10\nev2,40,10\nev1,50,10\n"),
                "id", "ev=ev1 line=4", "ev1");
        assertTrue(e.getMessage().contains("first on line=2"), e.getMessage());
    }

    @Test
    void badValueOnTheFirstOfTwoEqualIdsNamesTheFirstLine() {
        Bad.rejects(() -> FleetCsv.parse(H + "ev1,-1,10\nev1,40,10\n"), "capacity_kwh", "ev=ev1 line=2", "-1.0");
    }

    @ParameterizedTest
    @CsvSource({"8,8", "8,7.5", "NaN,9"})
    void departureNotAfterArrival(String arrival, String departure) {
        String text = "id,capacity_kwh,energy_kwh,arrival_h,departure_h\nev0,40,10,7,8\nev1,40,10,"
                + arrival + "," + departure + "\n";
        String field = arrival.equals("NaN") ? "arrival_h" : "departure_h";
        String value = arrival.equals("NaN") ? "NaN" : Double.toString(Double.parseDouble(departure));
        Bad.rejects(() -> FleetCsv.parse(text), field, "ev=ev1 line=3", value);
    }

    @Test
    void acceptsTimesAfterMidnight() {
        Fleet f = FleetCsv.parse("id,capacity_kwh,energy_kwh,arrival_h,departure_h\nev1,40,10,19,30.5\n");
        assertTrue(f.hasSchedule());
        assertEquals(30.5, f.departure(0));
    }

    @Test
    void targetAndFloorColumnsReadAndWriteBack() {
        String text = "id,capacity_kwh,energy_kwh,arrival_h,departure_h,target_kwh\n"
                + "ev1,40,10,7,17,32\nev2,60,10,7,17,\n";
        Fleet day = FleetCsv.parse(text);
        assertEquals(32.0, day.target(0));
        assertFalse(day.hasTarget(1), "an empty cell: no target");
        assertFalse(day.hasFloors());
        Fleet back = FleetCsv.parse(FleetCsv.format(day));
        assertEquals(32.0, back.target(0));
        assertFalse(back.hasTarget(1));
        Fleet slot = FleetCsv.parse("floor_kwh,id,capacity_kwh,energy_kwh\n12,ev1,40,10\n,ev2,40,10\n");
        assertEquals(12.0, slot.floor(0));
        assertEquals(0.0, slot.floor(1), "an empty cell: floor 0");
        assertEquals("id,capacity_kwh,energy_kwh,beta,a,u_idle,floor_kwh", FleetCsv.format(slot).lines().findFirst().orElseThrow());
        assertEquals(12.0, FleetCsv.parse(FleetCsv.format(slot)).floor(0));
    }

    @ParameterizedTest
    @CsvSource({"floor_kwh,-1,-1.0", "floor_kwh,41,41.0", "floor_kwh,NaN,NaN", "target_kwh,41,41.0",
            "target_kwh,-2,-2.0"})
    void badTargetOrFloorNamesFieldEvLineAndValue(String field, String cell, String value) {
        String text = "id,capacity_kwh,energy_kwh,arrival_h,departure_h," + field + "\nev0,40,10,7,9,1\nev1,40,10,7,9,"
                + cell + "\n";
        Bad.rejects(() -> FleetCsv.parse(text), field, "ev=ev1 line=3", value);
    }

    @Test
    void aWrittenNaNTargetIsNotTakenForNoTarget() {
        Bad.rejects(() -> FleetCsv.parse("id,capacity_kwh,energy_kwh,arrival_h,departure_h,target_kwh\nev1,40,10,7,9,NaN\n"),
                "target_kwh", "line=2", "NaN");
    }

    @Test
    void aTargetNeedsDepartureColumns() {
        Bad.rejects(() -> FleetCsv.parse(H.strip() + ",target_kwh\nev1,40,10,30\n"), "target_kwh", "ev=ev1 line=2", "30.0");
    }

    @Test
    void eachCommandRefusesTheOtherKindsColumn() {
        Fleet day = FleetCsv.parse("id,capacity_kwh,energy_kwh,arrival_h,departure_h,floor_kwh\nev1,40,10,7,9,12\n");
        Bad.rejects(day::requireNoFloors, "floor_kwh", "ev=ev1", "12.0");
        Fleet withTarget = FleetCsv.parse("id,capacity_kwh,energy_kwh,arrival_h,departure_h,target_kwh\nev1,40,10,7,9,30\n");
        Bad.rejects(withTarget::requireNoTargets, "target_kwh", "ev=ev1", "30.0");
    }
}
