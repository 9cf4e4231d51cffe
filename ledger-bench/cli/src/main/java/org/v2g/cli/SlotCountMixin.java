package org.v2g.cli;

import org.v2g.node.DayPlan;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --slot-count N}: how many slots of the case-study day, from 07:00, a replicated run drives
 * ({@code node}, {@code cluster-demo}). A count, so not {@code --slots}, which names a slots CSV file
 * ({@code case-study --slots FILE.csv}, SPEC section 7).
 */
final class SlotCountMixin {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--slot-count", paramLabel = "N", defaultValue = "8",
            description = "Slots of the case-study day to run, from 07:00, at most 96 (default: ${DEFAULT-VALUE}).")
    int count;

    /** The count, checked to be within {@code min..96}. */
    int count(int min) {
        if (count < min || count > DayPlan.CASE_STUDY_SLOTS) {
            throw new ParameterException(mixee.commandLine(), "--slot-count must be within " + min + ".."
                    + DayPlan.CASE_STUDY_SLOTS + ": value=" + count);
        }
        return count;
    }
}
