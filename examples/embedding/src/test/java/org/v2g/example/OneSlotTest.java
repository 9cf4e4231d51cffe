package org.v2g.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.ReferenceSolver;
import org.v2g.kernel.SlotResult;
import org.v2g.ledger.Settlement;
import org.v2g.node.SlotReport;

class OneSlotTest {

    @Test
    void thePrintedPriceIsTheReferenceSolversOnTheGrid(@TempDir Path dir) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SlotReport slot = OneSlot.run(dir, new PrintStream(printed, true, StandardCharsets.UTF_8));

        SlotResult reference = new ReferenceSolver().solve(tableTwo(), OneSlot.PEAK, false);

        String first = printed.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        double printedPrice = Double.parseDouble(first.split(" ")[1]);
        assertEquals(reference.price(), printedPrice, 0.0, first);
        assertEquals(reference.revenue(), slot.result().revenue(), 1e-9 * Math.abs(reference.revenue()));
        assertTrue(slot.isFinal(), "four honest SCPs reach the quorum");
        assertEquals(OneSlot.TABLE_II.size(), slot.settlements().size());
    }

    @Test
    void eachEvIsSettledAsSpecSectionFourSaysAtTheReferenceAmount(@TempDir Path dir) {
        SlotReport slot = OneSlot.run(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Fleet fleet = tableTwo();
        double price = slot.result().price();
        double[] x = ReferenceSolver.amounts(fleet, OneSlot.PEAK, price);
        Market m = OneSlot.PEAK;
        assertEquals(fleet.size(), slot.settlements().size());
        for (Settlement s : slot.settlements()) {
            int i = OneSlot.TABLE_II.stream().map(OneSlot.Ev::id).toList().indexOf(s.evId());
            assertEquals(x[i], s.x(), 1e-12, s.toString());
            // A charging EV pays p_c·E0·x, a discharging one is paid (−p_d)·E0·|x|, an idle one p_delay.
            double cny = x[i] > 0 ? -m.pC() * m.e0() * x[i] : x[i] < 0 ? -price * m.e0() * -x[i] : m.pDelay();
            assertEquals(cny, s.cny(), 1e-9, s.toString());
        }
    }

    private static Fleet tableTwo() {
        Fleet.Builder fleet = Fleet.builder();
        for (OneSlot.Ev ev : OneSlot.TABLE_II) {
            fleet.add(ev.id(), ev.capacityKwh(), ev.energyKwh(), Fleet.DEFAULT_BETA, Fleet.DEFAULT_A,
                    Fleet.DEFAULT_U_IDLE);
        }
        return fleet.build();
    }
}
