package org.v2g.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.v2g.ledger.LedgerCorruptedException;
import org.v2g.ledger.LedgerVerifier;
import org.v2g.ledger.VerificationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code v2g verify DIR [--key FILE-or-DIR]}: checks a ledger directory with {@link LedgerVerifier} (file
 * header, then per block CRC, framing, sequence, hash chain, records, EV signatures, Merkle root, header
 * signature) without changing it.
 *
 * <p>Good: exit 0 and one line on stdout, {@code ok: 12 blocks, 11520 records, height 11; sealer key: ...}.
 * Damaged: exit 1 and one line on stderr naming the height and the check, e.g.
 * {@code error: ledger verification failed: MERKLE_ROOT failed at height 3: ...}. A missing or unreadable
 * directory or key: exit 2.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Verify a ledger directory: hash chain, Merkle roots, signatures, CRCs, records.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every block verifies", "1:the ledger is damaged (the line names the height and check)",
            "2:missing or unreadable directory or key"})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerDirMixin ledger;

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The check, its verdict on {@code out} or {@code err}; bad input is thrown. {@return the exit code} */
    int run(PrintWriter out, PrintWriter err) {
        Path dir = ledger.ledgerDir();
        LedgerArgs.Trust trust;
        VerificationResult r;
        try {
            trust = ledger.trust();
            r = LedgerVerifier.verify(dir, trust.key());
        } catch (LedgerCorruptedException e) {
            return fail(err, "FILE_HEADER failed at height -1: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw LedgerArgs.readFailure(dir, e);
        }
        if (!r.ok()) {
            return fail(err, r.message());
        }
        String height = r.blocks() == 0 ? "no blocks yet" : "height " + (r.blocks() - 1);
        out.println("ok: " + r.blocks() + " blocks, " + r.records() + " records, " + height
                + "; checked against " + trust.source());
        out.flush();
        return 0;
    }

    private static int fail(PrintWriter err, String message) {
        err.println("error: ledger verification failed: " + message.replaceAll("\\s+", " "));
        err.flush();
        return Main.FAILURE;
    }
}
