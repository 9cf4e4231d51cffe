package org.v2g.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.internal.EvIds;
import org.v2g.ledger.LedgerCorruptedException;
import org.v2g.ledger.LedgerVerifier;
import org.v2g.ledger.ProofRejectedException;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.VerificationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code v2g prove DIR --ev ID --slot S [--key FILE-or-DIR] [--out FILE]}: the Merkle inclusion proof of an
 * EV's settlement, checked the way a light client checks it — against the block headers only (the header
 * chain and every header signature with the sealer key, then the path to the block's Merkle root) — and
 * printed as JSON on stdout:
 * <pre>{@code
 * {
 *   "ev": "ev042",
 *   "slot": 31,
 *   "height": 3,
 *   "index": 17,
 *   "settlement": {"ev_id": "ev042", "slot": 31, "x": -0.8, "kwh": -3.0, "cny": 2.37},
 *   "frame": "40000000070000006576...",
 *   "siblings": ["9f2c...", "..."],
 *   "headers": 12,
 *   "proof_bytes": 252,
 *   "key": "trusted",
 *   "verified": true
 * }
 * }</pre>
 * {@code key} is {@code "ledger"} without {@code --key} (DIR/scp.pub, or the key stored in the ledger:
 * self-consistency only). A proof that does not verify adds {@code "check"} and {@code "message"}, prints
 * the JSON and exits 1; no such settlement exits 1 with one line on stderr. The check is bound to {@code --ev} and
 * {@code --slot} ({@link SettlementProof#verify(String, long, List, java.security.PublicKey)}). {@code --out} writes the binary form
 * ({@link SettlementProof#toBytes()}, docs/LEDGER.md "Proofs for light clients").
 */
@Command(name = "prove",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Print (and check against the block headers) the Merkle proof of an EV's settlement.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:proof found and verified", "1:no such settlement, or the proof does not verify",
            "2:bad option, missing or unreadable directory or key"})
final class ProveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerDirMixin ledger;

    @Option(names = "--ev", required = true, paramLabel = "ID", description = "The EV id.")
    String ev;

    @Option(names = "--slot", required = true, paramLabel = "S", description = "The slot number (>= 0).")
    long slot;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the binary proof here.")
    Path out;

    @Override
    public Integer call() {
        try {
            EvIds.check(ev);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--ev", "ev=" + ev, ev, "is not an EV id (" + e.getMessage() + ")");
        }
        if (slot < 0) {
            throw new InvalidInputException("--slot", "ev=" + ev, slot, "must be >= 0");
        }
        Path dir = ledger.ledgerDir();
        LedgerArgs.Trust trust;
        Optional<SettlementProof> found;
        List<BlockHeader> headers;
        try {
            trust = ledger.trust();
            found = SettlementProof.find(dir, ev, slot);
            headers = LedgerVerifier.headers(dir);
        } catch (LedgerCorruptedException e) {
            return fail("ledger file header is damaged: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw LedgerArgs.readFailure(dir, e);
        }
        if (found.isEmpty()) {
            return fail("no settlement for ev=" + ev + " slot=" + slot + " in " + dir + " (" + headers.size()
                    + " complete blocks searched)");
        }
        SettlementProof proof = found.get();
        VerificationResult rejection = null;
        try {
            proof.verify(ev, slot, headers, trust.key());
        } catch (ProofRejectedException e) {
            rejection = e.result();
        }
        byte[] bytes = proof.toBytes();
        if (out != null) {
            try {
                Files.write(out, bytes);
            } catch (IOException e) {
                throw new InvalidInputException("--out", "file=" + out, out, "cannot be written (" + e + ")");
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        w.print(json(proof, headers.size(), bytes.length, trust.trusted(), rejection));
        w.flush();
        if (rejection != null) {
            return fail("the proof does not verify: " + rejection.message());
        }
        return 0;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("error: " + message.replaceAll("\\s+", " "));
        spec.commandLine().getErr().flush();
        return Main.FAILURE;
    }

    /** The proof as JSON text ending in a newline; {@code rejection} is what failed, {@code null} if verified. */
    static String json(SettlementProof proof, int headers, int proofBytes, boolean trusted,
            VerificationResult rejection) {
        HexFormat hex = HexFormat.of();
        Settlement s = proof.settlement();
        StringBuilder sb = new StringBuilder(1024);
        sb.append("{\n");
        sb.append("  \"ev\": ").append(quote(s.evId())).append(",\n");
        sb.append("  \"slot\": ").append(s.slot()).append(",\n");
        sb.append("  \"height\": ").append(proof.height()).append(",\n");
        sb.append("  \"index\": ").append(proof.index()).append(",\n");
        sb.append("  \"settlement\": {\"ev_id\": ").append(quote(s.evId())).append(", \"slot\": ").append(s.slot())
                .append(", \"x\": ").append(s.x()).append(", \"kwh\": ").append(s.kwh()).append(", \"cny\": ")
                .append(s.cny()).append("},\n");
        sb.append("  \"frame\": \"").append(hex.formatHex(proof.frame())).append("\",\n");
        sb.append("  \"siblings\": [");
        List<byte[]> siblings = proof.siblings();
        for (int i = 0; i < siblings.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(hex.formatHex(siblings.get(i))).append('"');
        }
        sb.append("],\n");
        sb.append("  \"headers\": ").append(headers).append(",\n");
        sb.append("  \"proof_bytes\": ").append(proofBytes).append(",\n");
        sb.append("  \"key\": ").append(quote(trusted ? "trusted" : "ledger")).append(",\n");
        if (rejection != null) {
            sb.append("  \"check\": ").append(quote(String.valueOf(rejection.check()))).append(",\n");
            sb.append("  \"message\": ").append(quote(rejection.message())).append(",\n");
        }
        sb.append("  \"verified\": ").append(rejection == null).append("\n}\n");
        return sb.toString();
    }

    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
