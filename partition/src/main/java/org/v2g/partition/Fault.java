package org.v2g.partition;

import java.util.Locale;
import org.v2g.kernel.InvalidInputException;
import org.v2g.partition.internal.PoolOptions;

/**
 * An injected fault, for tests, benchmarks and the command line: worker {@code worker} fails once it
 * has evaluated the fraction {@code after} of its capacity share of the grid, in every slot the plan
 * is applied to.
 *
 * <p>The fault fires at a block boundary inside a chunk, so the worker always dies holding unfinished
 * work. It fires only while the worker is evaluating: a worker that runs out of work before reaching
 * the threshold finishes the slot normally. {@code after = 0} fires before the first block.
 *
 * <p>Command-line syntax ({@link PoolOptions}): {@code 2@0.5} (throw), {@code 2@0.5:throw},
 * {@code 2@0.5:stall}, {@code 2@0.5:leave}.
 *
 * @param worker the worker's id
 * @param after  fraction of its share, within {@code [0, 1]}
 * @param kind   what the worker does
 */
public record Fault(int worker, double after, Kind kind) {

    /** What a failing worker does. */
    public enum Kind {
        /** Throws from inside its evaluation; its unfinished chunk goes to the others at once. */
        THROW,
        /**
         * Stops making progress while holding its chunk; the others take the chunk over once it is
         * overdue (stall deadline or speculation, see {@link ChunkPolicy}). When the slot is over the
         * worker comes back and reports its chunk late; the report is rejected.
         */
        STALL,
        /** Leaves the slot in an orderly way: hands its unfinished chunk back and does nothing more. */
        LEAVE;

        /** {@return {@code throw}, {@code stall} or {@code leave}: the kind as the command line spells it} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Checks the fault.
     *
     * @throws InvalidInputException naming the field, the worker and the value
     */
    public Fault {
        if (worker < 0) {
            throw new InvalidInputException("worker", "fault", worker, "must be >= 0");
        }
        if (!(after >= 0 && after <= 1)) {
            throw new InvalidInputException("after", "worker=" + worker, after, "must be within [0, 1]");
        }
        if (kind == null) {
            throw new InvalidInputException("kind", "worker=" + worker, null, "must be throw, stall or leave");
        }
    }

    /** The command-line form, {@code 2@0.5:stall}. */
    @Override
    public String toString() {
        return worker + "@" + after + ":" + kind.label();
    }
}
