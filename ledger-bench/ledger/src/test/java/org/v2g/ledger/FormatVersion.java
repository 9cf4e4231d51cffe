package org.v2g.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.v2g.ledger.internal.FileHeaderDescriptor;

/**
 * The block formats, for tests that run on each: a new ledger is written as version 2, so a version-1
 * ledger is made by writing its empty version-1 file (the 64-byte header) before the ledger opens it (a
 * file keeps its version).
 */
enum FormatVersion {
    V1(FileHeaderDescriptor.VERSION_1),
    V2(FileHeaderDescriptor.VERSION_2);

    final int number;

    FormatVersion(int number) {
        this.number = number;
    }

    /**
     * Makes a ledger opened with {@code config} use this version if its directory has no ledger yet (an
     * existing file keeps its own); {@code config}.
     */
    LedgerConfig prepare(LedgerConfig config) {
        Path file = config.directory().resolve(BlockStore.FILE_NAME);
        if (this == V1 && !Files.exists(file)) {
            try {
                Files.createDirectories(config.directory());
                Files.write(file, BlockFileReader.fileHeader(number,
                    config.maxBlockLength(), Ed25519.rawPublicKey(config.sealerKeys().getPublic())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return config;
    }

    /** The version in the file header of the ledger in {@code dir}. */
    static int of(Path dir) {
        try (FileChannel ch = FileChannel.open(dir.resolve(BlockStore.FILE_NAME), StandardOpenOption.READ)) {
            return BlockFileReader.readFileHeader(ch).version();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every ledger kind with every version. */
    static Stream<Arguments> withKinds() {
        return Arrays.stream(LedgerKind.values())
            .flatMap(k -> Arrays.stream(values()).map(v -> Arguments.of(k, v)));
    }
}
