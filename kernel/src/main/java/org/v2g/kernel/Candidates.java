package org.v2g.kernel;

/**
 * The exact solver's candidate prices with their predicted values (the piece formulas), in one of two
 * modes:
 * <ul>
 *   <li>top: only the best candidate and the runner-up's value (one comparison per piece; common
 *       {@code a}, first pass);</li>
 *   <li>heap: the {@value #KEPT} best candidates at or above a threshold, a binary heap of slot numbers
 *       whose root is the worst kept (in a rising run of pieces every piece is a new best, and a sift of
 *       depth 4 is what that costs).</li>
 * </ul>
 * Ties rank a larger price first, then a closed end before an open one (the grid's larger-{@code k}
 * rule carried over). {@link #ceiling} is the largest value ever offered, kept or not.
 *
 * <p>Not thread-safe: one per solve.
 */
final class Candidates {
    static final int KEPT = 16;

    /** One candidate: a price of the piece {@code [left, right)}, its open end or not. */
    record Candidate(double value, double price, boolean open, double left, double right) {
    }

    private final double[] price = new double[KEPT];
    private final double[] value = new double[KEPT];
    private final double[] left = new double[KEPT];
    private final double[] right = new double[KEPT];
    private final boolean[] open = new boolean[KEPT];
    private final int[] heap = new int[KEPT];
    private int count;
    private boolean heapMode;
    private double threshold = Double.NEGATIVE_INFINITY;
    // Top mode's best, in fields rather than a record per improvement (R often rises piece after piece).
    private boolean hasTop;
    private double topValue;
    private double topPrice;
    private boolean topOpen;
    private double topLeft;
    private double topRight;
    private double runnerUp = Double.NEGATIVE_INFINITY;
    private double ceiling = Double.NEGATIVE_INFINITY;

    /** Top mode. */
    static Candidates top() {
        return new Candidates();
    }

    /** Heap mode, keeping only candidates whose value is at least {@code threshold}. */
    static Candidates heap(double threshold) {
        Candidates c = new Candidates();
        c.heapMode = true;
        c.threshold = threshold;
        return c;
    }

    void offer(double p, double v, boolean isOpen, double l, double r) {
        if (!(v == v)) {
            return;
        }
        ceiling = Math.max(ceiling, v);
        if (!heapMode) {
            if (!hasTop || before(v, p, isOpen, topValue, topPrice, topOpen)) {
                runnerUp = Math.max(runnerUp, hasTop ? topValue : Double.NEGATIVE_INFINITY);
                hasTop = true;
                topValue = v;
                topPrice = p;
                topOpen = isOpen;
                topLeft = l;
                topRight = r;
            } else {
                runnerUp = Math.max(runnerUp, v);
            }
            return;
        }
        if (v < threshold) {
            return;
        }
        int slot;
        boolean appended = count < KEPT;
        if (appended) {
            slot = count;
            heap[count++] = slot;
        } else {
            slot = heap[0];
            if (v < value[slot] || !before(v, p, isOpen, value[slot], price[slot], open[slot])) {
                return; // the common case, decided on one comparison
            }
        }
        value[slot] = v;
        price[slot] = p;
        open[slot] = isOpen;
        left[slot] = l;
        right[slot] = r;
        if (appended) {
            for (int at = count - 1; at > 0 && worse(heap[at], heap[(at - 1) >> 1]); at = (at - 1) >> 1) {
                int up = heap[(at - 1) >> 1];
                heap[(at - 1) >> 1] = heap[at];
                heap[at] = up;
            }
            return;
        }
        for (int at = 0; ; ) {
            int child = 2 * at + 1;
            if (child >= count) {
                break;
            }
            if (child + 1 < count && worse(heap[child + 1], heap[child])) {
                child++;
            }
            if (!worse(heap[child], heap[at])) {
                break;
            }
            int down = heap[at];
            heap[at] = heap[child];
            heap[child] = down;
            at = child;
        }
    }

    /**
     * A value below which every offer is rejected now: heap mode's threshold, or the worst kept value
     * once the heap is full; {@code −∞} in top mode (every value counts for the runner-up).
     */
    double floor() {
        if (!heapMode) {
            return Double.NEGATIVE_INFINITY;
        }
        return count == KEPT ? Math.max(threshold, value[heap[0]]) : threshold;
    }

    /** Top mode: only the best and the runner-up's value are kept. */
    boolean isTop() {
        return !heapMode;
    }

    /** True when the heap is full and a value of at most {@code bound} could not enter it. */
    boolean excludes(double bound) {
        return heapMode && count == KEPT && bound <= value[heap[0]];
    }

    /** The best candidate of top mode, or null if none was offered. */
    Candidate best() {
        return hasTop ? new Candidate(topValue, topPrice, topOpen, topLeft, topRight) : null;
    }

    /** The largest value among the others in top mode. */
    double runnerUp() {
        return runnerUp;
    }

    /** The largest value ever offered. */
    double ceiling() {
        return ceiling;
    }

    /** Heap mode: the kept candidates, best first. */
    Candidate[] sorted() {
        Candidate[] out = new Candidate[count];
        for (int j = 0; j < count; j++) {
            out[j] = new Candidate(value[j], price[j], open[j], left[j], right[j]);
        }
        for (int i = 1; i < count; i++) { // at most KEPT entries: insertion sort
            Candidate c = out[i];
            int j = i - 1;
            for (; j >= 0 && before(c.value, c.price, c.open, out[j].value, out[j].price, out[j].open); j--) {
                out[j + 1] = out[j];
            }
            out[j + 1] = c;
        }
        return out;
    }

    /** Slot {@code x} ranks after slot {@code y}. */
    private boolean worse(int x, int y) {
        return before(value[y], price[y], open[y], value[x], price[x], open[x]);
    }

    static boolean before(double v, double p, boolean open, double v2, double p2, boolean open2) {
        if (v != v2) {
            return v > v2;
        }
        if (p != p2) {
            return p > p2;
        }
        return !open && open2;
    }
}
