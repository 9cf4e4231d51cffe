/**
 * The files a user hands the tool and the answers it prints (SPEC section 7; docs/CLI.md).
 *
 * <p>Conventions: one small final class per format with static {@code read(Path)}, {@code parse(String)}
 * and, where useful, {@code format(...)} that reads back to the same values. Readers check only the
 * file's own rules (header, cells, JSON shape, row order) and leave the model's rules to
 * {@link org.v2g.kernel.Fleet} and {@link org.v2g.kernel.Market}, adding where the value came from
 * ({@code line=N}) to their errors. Every error is an {@link org.v2g.kernel.InvalidInputException} naming
 * the field, the item and the value. Writers print doubles with {@link java.lang.Double#toString(double)}.
 * All classes are stateless and thread-safe.
 */
package org.v2g.cli.io;
