package org.v2g.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.LedgerVerifier;

/**
 * What {@code verify} and {@code prove} share: checking the ledger directory argument and reading the
 * sealer key they trust. Every problem with either is bad input (exit code 2).
 *
 * <p>Thread-safe: stateless.
 */
final class LedgerArgs {
    /** The block file inside a ledger directory (docs/LEDGER.md, "Block file"). */
    static final String BLOCK_FILE = "blocks.v2gl";
    /** The key pair name {@code Ed25519.store} uses for an SCP's key: {@code scp.pub}, {@code scp.key}. */
    static final String KEY_NAME = "scp";

    private LedgerArgs() {
    }

    /** The sealer key to check against and a phrase saying where it came from. */
    record Trust(PublicKey key, boolean trusted, String source) {
    }

    /** {@code dir} if it is a readable ledger directory, else bad input naming it. */
    static Path ledgerDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw InputFileException.of("DIR", dir, Files.exists(dir)
                    ? new IOException("not a directory") : new NoSuchFileException(dir.toString()));
        }
        Path file = dir.resolve(BLOCK_FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("DIR", "dir=" + dir, BLOCK_FILE, "is not a ledger directory (no block file)");
        }
        if (!Files.isReadable(file)) {
            throw InputFileException.of("DIR", file, new AccessDeniedException(file.toString()));
        }
        return dir;
    }

    /**
     * The key given with {@code --key}; without it, the {@code scp.pub} the ledger wrote beside its blocks, so
     * that a block file and a key file that do not belong together are caught; without either, the key
     * written in the ledger's own file header. The last two prove only that the directory is consistent
     * with itself.
     *
     * @throws org.v2g.ledger.LedgerCorruptedException if there is no key file and the file header is damaged
     */
    static Trust trust(Path dir, Path keyArg) {
        if (keyArg == null) {
            Path besideBlocks = dir.resolve(KEY_NAME + ".pub");
            if (Files.isRegularFile(besideBlocks)) {
                return new Trust(readKey(besideBlocks, "DIR"), false, besideBlocks
                        + " beside the blocks (self-consistency only; pass --key to check who sealed it)");
            }
            return new Trust(LedgerVerifier.sealerKey(dir), false,
                    "the sealer key stored in the ledger itself (self-consistency only; pass --key to check who sealed it)");
        }
        return new Trust(readKey(keyArg, "--key"), true, "the trusted sealer key " + keyArg);
    }

    /**
     * An Ed25519 public key from {@code path}: a directory holding {@code scp.pub} (or exactly one
     * {@code *.pub}), an X.509 {@code .pub} file as written by {@code Ed25519.store}, the 32 raw key bytes,
     * or those 32 bytes as 64 hex digits.
     */
    static PublicKey readKey(Path path, String field) {
        Path file = path;
        try {
            if (Files.isDirectory(path)) {
                file = path.resolve(KEY_NAME + ".pub");
                if (!Files.exists(file)) {
                    List<Path> pubs;
                    try (Stream<Path> s = Files.list(path)) {
                        pubs = s.filter(p -> p.getFileName().toString().endsWith(".pub")).toList();
                    }
                    if (pubs.size() != 1) {
                        throw new InvalidInputException(field, "dir=" + path, pubs.size() + " .pub files",
                                "must hold " + KEY_NAME + ".pub or exactly one .pub file");
                    }
                    file = pubs.getFirst();
                }
            }
            byte[] bytes = Files.readAllBytes(file);
            return parseKey(bytes, file, field);
        } catch (IOException e) {
            throw InputFileException.of(field, file, e);
        } catch (UncheckedIOException e) {
            throw InputFileException.of(field, file, e.getCause());
        }
    }

    private static PublicKey parseKey(byte[] bytes, Path file, String field) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).strip();
        try {
            if (bytes.length == Ed25519.PUBLIC_KEY_LENGTH) {
                return Ed25519.publicKey(bytes);
            }
            if (text.length() == 2 * Ed25519.PUBLIC_KEY_LENGTH && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return Ed25519.publicKey(HexFormat.of().parseHex(text));
            }
            return Ed25519.x509PublicKey(bytes);
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidInputException(field, "file=" + file, bytes.length + " bytes",
                    "is not an Ed25519 public key (X.509 .pub, 32 raw bytes or 64 hex digits)");
        }
    }

    /** Maps a read failure of the ledger to bad input when the directory itself is the problem. */
    static RuntimeException readFailure(Path dir, UncheckedIOException e) {
        return InputFileException.of("DIR", dir.resolve(BLOCK_FILE), e.getCause());
    }
}
