/**
 * The {@code v2g} command line ({@link org.v2g.cli.Main}) and its subcommands.
 *
 * <p>Conventions for every subcommand: a small package-private class annotated with picocli's
 * {@code @Command}, listed in {@code Main}'s {@code subcommands}; results go to
 * {@code spec.commandLine().getOut()}; bad input is thrown, never printed, as an
 * {@link org.v2g.kernel.InvalidInputException} (file contents), an {@link org.v2g.cli.InputFileException}
 * (unreadable file) or a picocli {@code ParameterException} (options), which {@code Main} turns into exit
 * code 2 and one {@code error: ...} line on stderr. Anything else thrown is exit code 1.
 *
 * <p>An option that several commands take has one name, one meaning and one help text: it lives in a
 * picocli mixin ({@code DayMixin} for {@code --evs}/{@code --seed}, {@code SlotCountMixin},
 * {@code BehaviourMixin}, {@code LedgerDirMixin}, {@code PoolMixin}), or, where each command has its own
 * default, its shared sentence is a constant of {@code OptionHelp}.
 */
package org.v2g.cli;
