package org.v2g.ledger;

import static org.v2g.ledger.internal.SlotSolutionDescriptor.CHARGING_OFFSET;
import static org.v2g.ledger.internal.SlotSolutionDescriptor.DISCHARGING_OFFSET;
import static org.v2g.ledger.internal.SlotSolutionDescriptor.IDLE_OFFSET;
import static org.v2g.ledger.internal.SlotSolutionDescriptor.K_OFFSET;
import static org.v2g.ledger.internal.SlotSolutionDescriptor.P_D_OFFSET;
import static org.v2g.ledger.internal.SlotSolutionDescriptor.REVENUE_OFFSET;
import static org.v2g.ledger.internal.SlotSolutionDescriptor.SLOT_OFFSET;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.internal.Sha256;

/**
 * The leader's solution of one slot.
 *
 * @param slot        the slot, &gt;= 0
 * @param k           grid index of p_d, or -1 if off the grid
 * @param charging    number of charging EVs
 * @param discharging number of discharging EVs
 * @param idle        number of idle EVs
 * @param price       the published discharging price p_d (CNY/kWh), finite
 * @param revenue     R(p_d) (CNY), finite
 */
public record SlotSolution(long slot, int k, int charging, int discharging, int idle, double price, double revenue)
    implements LedgerRecord {
    /** Checks every field. */
    public SlotSolution {
        String owner = "slot=" + slot;
        Checks.nonNegative("slot", owner, slot);
        if (k < -1) {
            throw new InvalidInputException("k", owner, k, "must be >= -1");
        }
        Checks.nonNegative("charging", owner, charging);
        Checks.nonNegative("discharging", owner, discharging);
        Checks.nonNegative("idle", owner, idle);
        Checks.finite("p_d", owner, price);
        Checks.finite("revenue", owner, revenue);
    }

    /** {@return the SHA-256 of this solution's encoding: what SCPs sign in their {@link ScpVote}} */
    public byte[] hash() {
        byte[] b = toBytes();
        return Sha256.hash(b, 0, b.length);
    }

    @Override
    public RecordType type() {
        return RecordType.SLOT_SOLUTION;
    }

    @Override
    public void encode(MutableDirectBuffer buffer, int offset) {
        buffer.putLong(offset + SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + K_OFFSET, k, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + CHARGING_OFFSET, charging, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + DISCHARGING_OFFSET, discharging, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + IDLE_OFFSET, idle, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + P_D_OFFSET, price, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + REVENUE_OFFSET, revenue, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads the layout at {@code offset} (the record's payload, as {@link #encode} wrote it).
     *
     * @param buffer holds the payload
     * @param offset where the payload starts
     * @return the record
     */
    public static SlotSolution decode(DirectBuffer buffer, int offset) {
        return new SlotSolution(buffer.getLong(offset + SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getInt(offset + K_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getInt(offset + CHARGING_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getInt(offset + DISCHARGING_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getInt(offset + IDLE_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getDouble(offset + P_D_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getDouble(offset + REVENUE_OFFSET, ByteOrder.LITTLE_ENDIAN));
    }

}
