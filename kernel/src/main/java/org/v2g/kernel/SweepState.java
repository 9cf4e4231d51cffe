package org.v2g.kernel;

/**
 * Who discharges on the exact solver's current piece, and how much: the {@link DischargerSums} and, for
 * per-EV {@code a}, each EV's state (out, clamped, free) and the list of free dischargers that the
 * branch and bound loops over. Moves from piece to piece by {@link #apply}.
 *
 * <p>Not thread-safe: one per solve.
 */
final class SweepState {
    private static final byte OUT = 0;
    private static final byte CLAMPED = 1;
    private static final byte FREE = 2;

    private final PreparedSlot s;
    private DischargerSums sums = new DischargerSums();
    private final byte[] state;
    private final int[] freeList;
    private final int[] freePos;
    private int listed;

    SweepState(PreparedSlot s) {
        this.s = s;
        boolean perEv = !s.uniformA;
        this.state = perEv ? new byte[s.n] : null;
        this.freeList = perEv ? new int[s.n] : null;
        this.freePos = perEv ? new int[s.n] : null;
    }

    DischargerSums sums() {
        return sums;
    }

    /** EV {@code i} discharges at the start, clamped or free. */
    void enter(int i, boolean clamped) {
        if (clamped) {
            sums.enterClamped(s.m[i], s.lost[i]);
            if (state != null) {
                state[i] = CLAMPED;
            }
        } else {
            sums.enterFree(s.c[i], s.lost[i]);
            if (state != null) {
                list(i);
            }
        }
    }

    /** Applies event {@code k} of the table. */
    void apply(ExactEvents events, int k) {
        int entry = events.entry[k];
        int kind = ExactEvents.kind(entry);
        int i = ExactEvents.ev(entry);
        if (state == null) { // common a: the event's kind says it all
            boolean carried = events.c != null;
            double m = carried ? events.m[k] : s.m[i];
            double c = carried ? events.c[k] : s.c[i];
            if (kind == ExactEvents.UNCLAMP) {
                sums.unclamp(c, m);
            } else if (kind == ExactEvents.LEAVE_CLAMPED) {
                sums.leaveClamped(m, carried ? events.lost[k] : s.lost[i]);
            } else {
                sums.leaveFree(c, carried ? events.lost[k] : s.lost[i]);
            }
            return;
        }
        byte st = state[i];
        if (kind == ExactEvents.UNCLAMP) {
            if (st == CLAMPED) {
                sums.unclamp(s.c[i], s.m[i]);
                list(i);
            }
            return;
        }
        if (st == CLAMPED) {
            sums.leaveClamped(s.m[i], s.lost[i]);
        } else if (st == FREE) {
            sums.leaveFree(s.c[i], s.lost[i]);
            unlist(i);
        }
        state[i] = OUT;
    }

    /** {@code R(p)} with the current dischargers: the piece's formula, also at its open end. */
    double value(double p) {
        if (sums.dischargers() == 0) {
            return s.revenue(p, 0, 0);
        }
        return s.revenue(p, amount(p), sums.lost());
    }

    /** {@code Σ_D |x|} at {@code p} with the current dischargers. */
    double amount(double p) {
        if (state == null) {
            return sums.clampedM() + 2.0 * sums.free() - sums.freeC() / (s.commonA - p);
        }
        double sum = sums.clampedM();
        for (int j = 0; j < listed; j++) {
            int i = freeList[j];
            sum += 2 - s.c[i] / (s.a[i] - p);
        }
        return sum;
    }

    /** Number of free dischargers. */
    int free() {
        return sums.free();
    }

    /** The {@code j}-th free discharger (per-EV a). */
    int freeEv(int j) {
        return freeList[j];
    }

    /** A copy for a second pass (common a only: there is no per-EV state to copy). */
    SweepState copyCommon() {
        SweepState c = new SweepState(s);
        c.sums = sums.copy();
        return c;
    }

    private void list(int i) {
        state[i] = FREE;
        freePos[i] = listed;
        freeList[listed++] = i;
    }

    private void unlist(int i) {
        int last = freeList[--listed];
        int at = freePos[i];
        freeList[at] = last;
        freePos[last] = at;
    }
}
