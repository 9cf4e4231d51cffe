package org.v2g.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.v2g.kernel.Market;

class SlotsCsvTest {

    @Test
    void oneMarketPerRowWithDefaults() {
        List<SlotsCsv.Slot> slots = SlotsCsv.parse("start_h,p_rt,e_limit\n7,0.26,0\n7.25,0.26,120\n8,0.66,\n");
        assertEquals(3, slots.size());
        assertEquals(7.0, slots.get(0).startH());
        assertEquals(Market.builder(0.26).build(), slots.get(0).market());
        assertEquals(Market.builder(0.26).eLimit(120).build(), slots.get(1).market());
        assertEquals(Market.builder(0.66).build(), slots.get(2).market());
    }

    @Test
    void anyMarketKeyAnyOrder() {
        List<SlotsCsv.Slot> slots = SlotsCsv.parse("\uFEFFdelta, w_grid ,p_rt,start_h,epsilon\r\n1.5,,1.12,30.75,0.01\r\n");
        assertEquals(30.75, slots.get(0).startH());
        assertEquals(Market.builder(1.12).delta(1.5).epsilon(0.01).build(), slots.get(0).market());
    }

    @Test
    void headerOnlyIsAnEmptyDay() {
        assertEquals(List.of(), SlotsCsv.parse("start_h,p_rt\n"));
    }

    @Test
    void rowsMustBeInStrictlyIncreasingTime() {
        Bad.rejects(() -> SlotsCsv.parse("start_h,p_rt\n7,1\n7,1\n"), "start_h", "line=3", "7.0");
        Bad.rejects(() -> SlotsCsv.parse("start_h,p_rt\n7,1\n8,1\n7.75,1\n"), "start_h", "line=4", "7.75");
    }

    @Test
    void startMustBeAFiniteNumber() {
        Bad.rejects(() -> SlotsCsv.parse("start_h,p_rt\nNaN,1\n"), "start_h", "line=2", "NaN");
        Bad.rejects(() -> SlotsCsv.parse("start_h,p_rt\n,1\n"), "start_h", "line=2", "(empty)");
        Bad.rejects(() -> SlotsCsv.parse("start_h,p_rt\nseven,1\n"), "start_h", "line=2", "seven");
    }

    @Test
    void requiredColumnsAndUnknownColumns() {
        Bad.rejects(() -> SlotsCsv.parse("start_h,e_limit\n"), "p_rt", "line=1", "missing");
        Bad.rejects(() -> SlotsCsv.parse("p_rt\n"), "start_h", "line=1", "missing");
        Bad.rejects(() -> SlotsCsv.parse("start_h,p_rt,price\n"), "column", "line=1 column=3", "price");
        Bad.rejects(() -> SlotsCsv.parse("start_h,p_rt,p_rt\n"), "column", "line=1 column=3", "p_rt");
    }

    @Test
    void emptyPrtCellIsMissing() {
        Bad.rejects(() -> SlotsCsv.parse("start_h,p_rt\n7,1\n7.25,\n"), "p_rt", "line=3", "missing");
    }

    @Test
    void marketRulesNameTheLine() {
        Bad.rejects(() -> SlotsCsv.parse("start_h,p_rt,e_limit\n7,1,0\n7.25,1,-5\n"), "e_limit", "line=3", "-5.0");
        Bad.rejects(() -> SlotsCsv.parse("start_h,p_rt,epsilon\n7,1,0\n"), "epsilon", "line=2", "0.0");
        Bad.rejects(() -> SlotsCsv.parse("start_h,p_rt,delta\n7,1,x\n"), "delta", "line=2", "x");
        Bad.rejects(() -> SlotsCsv.parse("start_h,p_rt\n7,Infinity\n"), "p_rt", "line=2", "Infinity");
    }

    @Test
    void wrongCellCount() {
        Bad.rejects(() -> SlotsCsv.parse("start_h,p_rt\n7,1,2\n"), "cells", "line=2", "3");
    }
}
