package org.v2g.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.v2g.replica.Behaviour;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --behaviour B}: how an SCP acts, {@code honest} or one of the faults the replicated ledger
 * catches ({@link Behaviour}); the one option for it in {@code node} (this SCP) and {@code cluster-demo}
 * (SCP 3).
 */
final class BehaviourMixin {
    /** Every value the option takes, as {@link Behaviour#optionName()}. */
    static final String VALUES = Arrays.stream(Behaviour.values()).map(Behaviour::optionName)
            .collect(Collectors.joining(", "));

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private Behaviour behaviour = Behaviour.HONEST;

    @Option(names = "--behaviour", paramLabel = "B", defaultValue = "honest",
            description = "How the SCP acts (node: this SCP; cluster-demo: SCP 3): honest, or a fault to see it caught:"
                    + " wrong-partial, hiding-partial, wrong-vote, silent (default: ${DEFAULT-VALUE}).")
    void behaviour(String name) {
        try {
            behaviour = Behaviour.of(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--behaviour must be one of " + VALUES + ": value=" + name);
        }
    }

    Behaviour behaviour() {
        return behaviour;
    }
}
