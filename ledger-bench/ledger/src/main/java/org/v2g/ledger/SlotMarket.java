package org.v2g.ledger;

import static org.v2g.ledger.internal.SlotMarketDescriptor.SLOT_OFFSET;
import static org.v2g.ledger.internal.SlotMarketDescriptor.VALUES_OFFSET;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.internal.SlotMarketDescriptor;

/**
 * The oracle's market inputs for one slot (SPEC sections 2 and 7). The ledger stores the numbers the
 * caller gives; it only checks that they are finite and the slot is not negative. The fields are those
 * of {@link org.v2g.kernel.Market}, with the same units.
 *
 * @param slot     the slot, {@code ≥ 0}
 * @param pRt      real-time electricity price {@code p_rt}, CNY/kWh
 * @param wService service fee {@code W_service}, CNY/kWh
 * @param wGrid    price the grid pays for discharged energy {@code W_grid}, CNY/kWh
 * @param pDelay   paid to each idle EV per slot, CNY
 * @param eLimit   auxiliary discharge asked for the slot, kWh
 * @param delta    penalty per kWh of shortfall or excess, CNY/kWh
 * @param pdMin    lowest discharging price of the grid, CNY/kWh
 * @param pdMax    highest discharging price of the grid, CNY/kWh
 * @param epsilon  grid step, CNY/kWh
 * @param e0       energy per slot at full power, kWh
 * @param socFloor floor of the SOC in the willingness
 * @param socMin   reserve SOC below which an EV does not discharge
 */
public record SlotMarket(long slot, double pRt, double wService, double wGrid, double pDelay, double eLimit,
                         double delta, double pdMin, double pdMax, double epsilon, double e0, double socFloor,
                         double socMin) implements LedgerRecord {
    private static final String[] NAMES = {"p_rt", "w_service", "w_grid", "p_delay", "e_limit", "delta",
        "p_d_min", "p_d_max", "epsilon", "e0", "soc_floor", "soc_min"};

    /** Checks every field. */
    public SlotMarket {
        Checks.nonNegative("slot", "market", slot);
        double[] v = {pRt, wService, wGrid, pDelay, eLimit, delta, pdMin, pdMax, epsilon, e0, socFloor, socMin};
        for (int i = 0; i < v.length; i++) {
            Checks.finite(NAMES[i], "slot=" + slot, v[i]);
        }
    }

    @Override
    public RecordType type() {
        return RecordType.SLOT_MARKET;
    }

    @Override
    public void encode(MutableDirectBuffer buffer, int offset) {
        buffer.putLong(offset + SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
        double[] v = {pRt, wService, wGrid, pDelay, eLimit, delta, pdMin, pdMax, epsilon, e0, socFloor, socMin};
        for (int i = 0; i < v.length; i++) {
            buffer.putDouble(offset + VALUES_OFFSET + i * Double.BYTES, v[i], ByteOrder.LITTLE_ENDIAN);
        }
    }

    /**
     * Reads the layout at {@code offset} (the record's payload, as {@link #encode} wrote it).
     *
     * @param buffer holds the payload
     * @param offset where the payload starts
     * @return the record
     */
    public static SlotMarket decode(DirectBuffer buffer, int offset) {
        double[] v = new double[SlotMarketDescriptor.VALUE_COUNT];
        for (int i = 0; i < v.length; i++) {
            v[i] = buffer.getDouble(offset + VALUES_OFFSET + i * Double.BYTES, ByteOrder.LITTLE_ENDIAN);
        }
        return new SlotMarket(buffer.getLong(offset + SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN),
            v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
    }
}
