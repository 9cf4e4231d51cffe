package org.v2g.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An input file that could not be read at all (missing, a directory, not readable, not UTF-8): bad
 * input like an {@link org.v2g.kernel.InvalidInputException}, exit code 2. The message names the option
 * and the path, for example {@code --fleet file cannot be read (no such file): value=fleet.csv}.
 */
public final class InputFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private InputFileException(String message, IOException cause) {
        super(message, cause);
    }

    /** The error for {@code option}'s file {@code path} that failed with {@code cause}. */
    public static InputFileException of(String option, Path path, IOException cause) {
        String reason = switch (cause) {
            case NoSuchFileException e -> "no such file";
            case AccessDeniedException e -> "permission denied";
            case CharacterCodingException e -> "not UTF-8 text";
            default -> cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        };
        return new InputFileException(option + " file cannot be read (" + reason + "): value=" + path, cause);
    }

    /** Reads one input file. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Path file) throws IOException;
    }

    /** {@code reader} applied to {@code path}, an {@link IOException} turned into this error. */
    public static <T> T read(String option, Path path, Reader<T> reader) {
        try {
            return reader.read(path);
        } catch (IOException e) {
            throw of(option, path, e);
        }
    }
}
