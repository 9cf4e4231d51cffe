package org.v2g.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.Ed25519;

/**
 * The output directory of a case-study day and what makes the day resumable: the ledger
 * ({@code DIR/ledger}, blocks and the sealer's public key only), the private keys in their own directory
 * ({@code --keys}, default {@code DIR/keys}: never inside the ledger directory, so a copied ledger does
 * not carry them), and {@code DIR/day.properties}, the options that define the day, so that a resumed run
 * continues the same day and not another.
 *
 * <p>Keys and the manifest are written before the ledger is created: a run killed before its ledger
 * exists leaves a directory that the next run starts afresh; one killed after has everything a resume
 * needs.
 *
 * <p>Not thread-safe: one run per directory (the ledger's lock enforces it).
 */
final class DayDirectory {
    static final String LEDGER_DIR = "ledger";
    static final String MANIFEST = DayManifest.FILE;
    /** Name of the sealing SCP's key pair ({@code scp.key}, {@code scp.pub}). */
    static final String SEALER_KEY = "scp";
    /** Names of the voting SCPs' key pairs: {@code voter-0.key} ... */
    static final String VOTER_KEY = "voter-";

    private final Path out;
    private final Path keys;

    DayDirectory(Path out, Path keys) {
        this.out = out;
        this.keys = keys != null ? keys : out.resolve("keys");
        if (this.keys.toAbsolutePath().normalize().startsWith(ledger().toAbsolutePath().normalize())) {
            throw new InvalidInputException("--keys", "dir=" + keys, keys, "must not be inside the ledger directory "
                    + ledger());
        }
    }

    Path ledger() {
        return out.resolve(LEDGER_DIR);
    }

    /** Whether a run already created this day's ledger. */
    boolean hasLedger() {
        return Files.exists(ledger().resolve(CaseStudyCommand.LEDGER_FILE));
    }

    /** The sealer's and the voters' keys of a new day, stored with the day's manifest before any ledger. */
    DayKeys startDay(Map<String, String> manifest, int voters) {
        DayKeys k = DayKeys.generate(voters);
        try {
            Files.createDirectories(ledger());
            Ed25519.store(k.sealer(), keys, SEALER_KEY);
            for (int i = 0; i < voters; i++) {
                Ed25519.store(k.voters().get(i), keys, VOTER_KEY + i);
            }
            Ed25519.storePublic(k.sealer().getPublic(), ledger(), SEALER_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + out, e);
        }
        DayManifest.write(out.resolve(MANIFEST), manifest,
                "the options of the day in this directory; v2g case-study --resume checks them");
        return k;
    }

    /**
     * The keys of the day being resumed, after checking that {@code manifest} is that day's.
     *
     * @throws InvalidInputException naming the option that differs, or the missing file
     */
    DayKeys resumeDay(Map<String, String> manifest, int voters) {
        DayManifest.check(out.resolve(MANIFEST), manifest, "dir=" + out, "--resume");
        try {
            KeyPair sealer = Ed25519.load(keys, SEALER_KEY);
            List<KeyPair> v = new ArrayList<>(voters);
            for (int i = 0; i < voters; i++) {
                v.add(Ed25519.load(keys, VOTER_KEY + i));
            }
            return new DayKeys(sealer, v);
        } catch (RuntimeException e) {
            throw new InvalidInputException("--keys", "dir=" + keys, keys, "must hold the day's keys to resume it ("
                    + e.getMessage() + ")");
        }
    }

    /** The keys a day is signed with. */
    record DayKeys(KeyPair sealer, List<KeyPair> voters) {
        static DayKeys generate(int voters) {
            List<KeyPair> v = new ArrayList<>(voters);
            for (int i = 0; i < voters; i++) {
                v.add(Ed25519.generate());
            }
            return new DayKeys(Ed25519.generate(), v);
        }
    }
}
