package org.v2g.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.v2g.partition.internal.Slowdown;

/** The simulated slowdown owes {@code t·(f − 1)} and sleeps it off in batches. */
class SlowdownTest {

    @Test
    void owesAndSleepsTheDebt() {
        Slowdown s = new Slowdown(4);
        s.owe(10_000);
        assertEquals(30_000, s.debt());
        assertEquals(false, s.due());
        assertEquals(0, s.charge(10_000)); // 60 µs owed, below the threshold
        s.owe(1_000_000);
        assertTrue(s.due());
        long owed = s.debt();
        long slept = s.pay();
        // parkNanos may return early (spuriously or on a stray permit): what was not slept stays owed.
        assertTrue(slept > 0, "slept " + slept);
        assertEquals(owed - slept, s.debt());
        s.reset();
        assertEquals(0, s.debt());
    }

    @Test
    void fullSpeedOwesNothing() {
        Slowdown s = new Slowdown(1);
        assertEquals(0, s.charge(1_000_000_000));
        assertEquals(0, s.debt());
    }

    @Test
    void rejectsFactorsBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new Slowdown(0.5));
        assertThrows(IllegalArgumentException.class, () -> new Slowdown(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new WorkerSpec(0, 1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new WorkerSpec(0, 0, 1));
    }
}
