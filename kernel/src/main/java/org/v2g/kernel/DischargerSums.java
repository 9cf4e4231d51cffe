package org.v2g.kernel;

/**
 * The running sums over the dischargers that both sweeps (the exact solver's pieces and the grid
 * sweep) keep while the price rises and EVs leave: {@code Σ_clamped m}, {@code Σ_free c} and
 * {@code Σ_D lost}, with the counts {@code |D|} and {@code |free|}. Each sum is
 * Neumaier-compensated, so adding and removing N terms does not drift; once nobody discharges every sum
 * is reset to exactly 0, so the no-discharge value is the kernels' bit for bit.
 *
 * <p>The discharged amount at {@code q = a − p} (common {@code a}) is
 * {@code Σ_D |x| = Σ_clamped m + 2·|free| − Σ_free c / q}.
 *
 * <p>Not thread-safe: one per solve.
 */
final class DischargerSums {
    private final Neumaier clampedM = new Neumaier();
    private final Neumaier freeC = new Neumaier();
    private final Neumaier lost = new Neumaier();
    private int dischargers;
    private int free;

    /** An EV that discharges clamped at {@code m}. */
    void enterClamped(double m, double lostIfDischarging) {
        clampedM.add(m);
        lost.add(lostIfDischarging);
        dischargers++;
    }

    /** An EV that discharges unclamped ({@code 2 − c/q}). */
    void enterFree(double c, double lostIfDischarging) {
        addFree(c);
        lost.add(lostIfDischarging);
        dischargers++;
    }

    /** A clamped discharger's amount leaves the bound {@code m}. */
    void unclamp(double c, double m) {
        clampedM.add(-m);
        addFree(c);
    }

    /** A clamped discharger stops discharging. */
    void leaveClamped(double m, double lostIfDischarging) {
        clampedM.add(-m);
        leave(lostIfDischarging);
    }

    /** A free discharger stops discharging. */
    void leaveFree(double c, double lostIfDischarging) {
        freeC.add(-c);
        free--;
        leave(lostIfDischarging);
    }

    /**
     * Moves the sums by a whole bucket of events at once ({@code CommonSweep}'s first pass): the summed
     * changes of {@code Σ_clamped m}, {@code Σ_free c} and {@code Σ_D lost}, and of the two counts.
     */
    void applyAll(double clampedMChange, double freeCChange, double lostChange, int freeChange,
            int dischargersChange) {
        clampedM.add(clampedMChange);
        freeC.add(freeCChange);
        lost.add(lostChange);
        free += freeChange;
        dischargers += dischargersChange;
        if (dischargers == 0) { // nobody left: exactly 0, as leave() leaves it
            clampedM.reset();
            freeC.reset();
            lost.reset();
            free = 0;
        }
    }

    private void addFree(double c) {
        freeC.add(c);
        free++;
    }

    private void leave(double lostIfDischarging) {
        lost.add(-lostIfDischarging);
        if (--dischargers == 0) { // no drift left behind once nobody discharges
            clampedM.reset();
            freeC.reset();
            lost.reset();
            free = 0;
        }
    }

    /** {@code Σ_D |x|} for a common {@code a}, given {@code 1/q}. */
    double amount(double inverseQ) {
        return clampedM() + 2.0 * free - freeC() * inverseQ;
    }

    double clampedM() {
        return clampedM.value();
    }

    double freeC() {
        return freeC.value();
    }

    double lost() {
        return lost.value();
    }

    int dischargers() {
        return dischargers;
    }

    int free() {
        return free;
    }

    /** Doubles a {@link #save} writes: the three sums with their compensations, then the two counts. */
    static final int SNAPSHOT = 8;

    /** Writes the whole state to {@code into[at, at + SNAPSHOT)}, so {@link #restore} gives back the same bits. */
    void save(double[] into, int at) {
        clampedM.save(into, at);
        freeC.save(into, at + 2);
        lost.save(into, at + 4);
        into[at + 6] = dischargers;
        into[at + 7] = free;
    }

    /** Becomes the state {@link #save} wrote at {@code from[at]}. */
    void restore(double[] from, int at) {
        clampedM.restore(from, at);
        freeC.restore(from, at + 2);
        lost.restore(from, at + 4);
        dischargers = (int) from[at + 6];
        free = (int) from[at + 7];
    }

    /** A copy of the current state (the exact solver's second pass starts again from {@code p_dmin}). */
    DischargerSums copy() {
        DischargerSums c = new DischargerSums();
        c.clampedM.set(clampedM);
        c.freeC.set(freeC);
        c.lost.set(lost);
        c.dischargers = dischargers;
        c.free = free;
        return c;
    }

    /** Neumaier's compensated sum. */
    static final class Neumaier {
        private double sum;
        private double compensation;

        void add(double x) {
            double t = sum + x;
            if (Math.abs(sum) >= Math.abs(x)) {
                compensation += (sum - t) + x;
            } else {
                compensation += (x - t) + sum;
            }
            sum = t;
        }

        double value() {
            return sum + compensation;
        }

        void reset() {
            sum = 0;
            compensation = 0;
        }

        void save(double[] into, int at) {
            into[at] = sum;
            into[at + 1] = compensation;
        }

        void restore(double[] from, int at) {
            sum = from[at];
            compensation = from[at + 1];
        }

        void set(Neumaier other) {
            sum = other.sum;
            compensation = other.compensation;
        }
    }
}
