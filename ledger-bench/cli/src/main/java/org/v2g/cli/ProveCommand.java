package org.v2g.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.DepartureProof;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.internal.EvIds;
import org.v2g.ledger.LedgerCorruptedException;
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
 *   "version": 2,
 *   "settlement": {"ev_id": "ev042", "slot": 31, "x": -0.8, "kwh": -3.0, "cny": 2.37},
 *   "frame": "40000000070000006576...",
 *   "group": "4000000007000000...",
 *   "siblings": ["9f2c...", "..."],
 *   "headers": 12,
 *   "proof_bytes": 252,
 *   "key": "trusted",
 *   "verified": true
 * }
 * }</pre>
 * {@code version} is the ledger's block format: 1, one Merkle leaf per record (the path starts at the
 * frame's leaf, no {@code "group"}), or 2, one leaf per group of 16 records ({@code "group"}: the frames of
 * the record's group, back to back, which the leaf covers; the path starts above the group).
 * {@code key} is {@code "ledger"} without {@code --key} (DIR/scp.pub, or the key stored in the ledger:
 * self-consistency only). A proof that does not verify adds {@code "check"} and {@code "message"}, prints
 * the JSON and exits 1; no such settlement exits 1 with one line on stderr. The check is bound to {@code --ev} and
 * {@code --slot} ({@link SettlementProof#verify(String, long, List, java.security.PublicKey)}). {@code --out} writes the binary form
 * ({@link SettlementProof#toBytes()}, docs/LEDGER.md "Proofs for light clients"). With {@code --departure} the
 * proof is of the EV's signed departure target for its preferences of {@code --slot} ({@link DepartureProof}),
 * printed with {@code "departure": {"ev_id", "slot", "target_kwh", "last_slot", "nonce"}} in place of
 * {@code "settlement"}.
 */
@Command(name = "prove",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Print (and check against the block headers) the Merkle proof of an EV's settlement, or with --departure of its signed departure target.",
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

    @Option(names = "--departure", description = "Prove the EV's signed departure target (SPEC section 8) for its"
            + " preferences of --slot (the slot it plugged in for) instead of its settlement in --slot.")
    boolean departure;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the binary proof here.")
    Path out;

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The proof on {@code w}, a failure on {@code err}; bad input is thrown. {@return the exit code} */
    int run(PrintWriter w, PrintWriter err) {
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
        Optional<Proof> found;
        List<BlockHeader> headers;
        try {
            trust = ledger.trust();
            // the headers come from the search's own pass over the file (LedgerVerifier.headers' list)
            headers = new ArrayList<>();
            found = departure ? DepartureProof.find(dir, ev, slot, headers).map(Proof::of)
                    : SettlementProof.find(dir, ev, slot, headers).map(Proof::of);
        } catch (LedgerCorruptedException e) {
            return fail(err, "ledger file header is damaged: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw LedgerArgs.readFailure(dir, e);
        }
        if (found.isEmpty()) {
            return fail(err, "no " + (departure ? "departure" : "settlement") + " for ev=" + ev + " slot=" + slot + " in "
                    + dir + " (" + headers.size() + " complete blocks searched)");
        }
        Proof proof = found.get();
        VerificationResult rejection = null;
        try {
            proof.verifier.verify(ev, slot, headers, trust.key());
        } catch (ProofRejectedException e) {
            rejection = e.result();
        }
        if (out != null) {
            try {
                Files.write(out, proof.bytes);
            } catch (IOException e) {
                throw new InvalidInputException("--out", "file=" + out, out, "cannot be written (" + e + ")");
            }
        }
        w.print(json(proof, headers.size(), trust.trusted(), rejection));
        w.flush();
        if (rejection != null) {
            return fail(err, "the proof does not verify: " + rejection.message());
        }
        return 0;
    }

    /** A settlement's or a departure's proof, as the command prints and checks it. */
    private record Proof(String ev, long slot, long height, int index, int version, String name, String recordJson,
                         byte[] frame, byte[] frames, List<byte[]> siblings, byte[] bytes, Verifier verifier) {
        static Proof of(SettlementProof p) {
            Settlement s = p.settlement();
            return new Proof(s.evId(), s.slot(), p.height(), p.index(), p.version(), "settlement", "{\"ev_id\": "
                    + quote(s.evId()) + ", \"slot\": " + s.slot() + ", \"x\": " + s.x() + ", \"kwh\": " + s.kwh()
                    + ", \"cny\": " + s.cny() + "}", p.frame(), p.frames(), p.siblings(), p.toBytes(), p::verify);
        }

        static Proof of(DepartureProof p) {
            EvDeparture d = p.departure();
            return new Proof(d.evId(), d.slot(), p.height(), p.index(), p.version(), "departure", "{\"ev_id\": "
                    + quote(d.evId()) + ", \"slot\": " + d.slot() + ", \"target_kwh\": " + d.targetKwh()
                    + ", \"last_slot\": " + d.lastSlot() + ", \"nonce\": " + d.nonce() + "}", p.frame(), p.frames(),
                    p.siblings(), p.toBytes(), p::verify);
        }
    }

    private interface Verifier {
        Object verify(String ev, long slot, List<BlockHeader> headers, java.security.PublicKey key)
                throws ProofRejectedException;
    }

    private static int fail(PrintWriter err, String message) {
        err.println("error: " + message.replaceAll("\\s+", " "));
        err.flush();
        return Main.FAILURE;
    }

    /** The proof as JSON text ending in a newline; {@code rejection} is what failed, {@code null} if verified. */
    private static String json(Proof proof, int headers, boolean trusted, VerificationResult rejection) {
        HexFormat hex = HexFormat.of();
        StringBuilder sb = new StringBuilder(1024);
        sb.append("{\n");
        sb.append("  \"ev\": ").append(quote(proof.ev())).append(",\n");
        sb.append("  \"slot\": ").append(proof.slot()).append(",\n");
        sb.append("  \"height\": ").append(proof.height()).append(",\n");
        sb.append("  \"index\": ").append(proof.index()).append(",\n");
        sb.append("  \"version\": ").append(proof.version()).append(",\n");
        sb.append("  \"").append(proof.name()).append("\": ").append(proof.recordJson()).append(",\n");
        sb.append("  \"frame\": \"").append(hex.formatHex(proof.frame())).append("\",\n");
        if (proof.version() != 1) {
            sb.append("  \"group\": \"").append(hex.formatHex(proof.frames())).append("\",\n");
        }
        sb.append("  \"siblings\": [");
        List<byte[]> siblings = proof.siblings();
        for (int i = 0; i < siblings.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(hex.formatHex(siblings.get(i))).append('"');
        }
        sb.append("],\n");
        sb.append("  \"headers\": ").append(headers).append(",\n");
        sb.append("  \"proof_bytes\": ").append(proof.bytes().length).append(",\n");
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
