package org.v2g.ledger;

import static org.v2g.ledger.internal.BlockDescriptor.HEADER_LENGTH;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.ledger.internal.FileHeaderDescriptor;
import org.v2g.ledger.internal.FrameDescriptor;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.SettlementDescriptor;

/**
 * Checks a ledger directory without changing it: the file header and trusted sealer key, then per
 * block the CRC32C, framing, height and sequence, hash chain, Merkle root (per the file's block format
 * version: one leaf per record in version 1, per group of 16 in version 2), header signature, that every
 * record of a known type decodes, and that every EV submission carries a valid signature by the key its
 * EV registered earlier in the ledger (submissions of EVs not registered in this ledger are not checked),
 * and, in a ledger that closes its slots, the slot structure of {@link SlotClose}: no slot settled twice,
 * every settlement inside its slot's attempt, aborted attempts void.
 * It stops at the first failure and names the block height and the check.
 *
 * <p>Usage:
 * <pre>{@code
 * VerificationResult r = LedgerVerifier.verify(dir, trustedSealerKey);
 * if (!r.ok()) System.err.println(r.message());   // "MERKLE_ROOT failed at height 3: ..."
 * }</pre>
 *
 * <p>Thread-safety: stateless; may run while a ledger appends (it checks the blocks complete when it
 * starts, and reports a block being written as a torn tail).
 */
public final class LedgerVerifier {
    private static final int SETTLEMENT_TYPE = RecordType.SETTLEMENT.id();

    private LedgerVerifier() {
    }

    /**
     * The sealer key written in the file header of the ledger in {@code dir}. Verifying with it only shows
     * that the file is consistent with itself; to know who sealed it, compare it with a key obtained
     * elsewhere (trust on first use, or the SCP's published key).
     *
     * @param dir the ledger directory
     * @return the sealer's public key as the file names it
     * @throws LedgerCorruptedException if the file header is damaged
     */
    public static PublicKey sealerKey(Path dir) {
        try (FileChannel ch = FileChannel.open(dir.resolve(BlockStore.FILE_NAME), StandardOpenOption.READ)) {
            return Ed25519.publicKey(BlockFileReader.readFileHeader(ch).sealerKey());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger in " + dir, e);
        }
    }

    /**
     * The headers of the complete blocks of the ledger in {@code dir}, read without changing it: what a
     * light client keeps. Stops at the first block whose framing or CRC is bad; check the headers with
     * {@link SettlementProof#verify} or the whole file with {@link #verify}.
     *
     * @param dir the ledger directory
     * @return the headers, in height order
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static List<BlockHeader> headers(Path dir) {
        try (FileChannel ch = FileChannel.open(dir.resolve(BlockStore.FILE_NAME), StandardOpenOption.READ)) {
            BlockFileReader.FileHeader fh = BlockFileReader.readFileHeader(ch);
            BlockFileReader reader = new BlockFileReader(ch, FileHeaderDescriptor.LENGTH, ch.size(),
                fh.maxBlockLength());
            List<BlockHeader> headers = new ArrayList<>();
            while (reader.next() == BlockFileReader.Status.BLOCK) {
                headers.add(reader.header());
            }
            return headers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger in " + dir, e);
        }
    }

    /**
     * Verifies the ledger in {@code dir} against {@code trustedSealerKey}: hash chain, Merkle roots,
     * signatures and CRCs, without changing the file.
     *
     * @param dir              the ledger directory
     * @param trustedSealerKey the sealing SCP's public key, obtained elsewhere
     * @return what was checked and the first failure, if any
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static VerificationResult verify(Path dir, PublicKey trustedSealerKey) {
        try (FileChannel ch = FileChannel.open(dir.resolve(BlockStore.FILE_NAME), StandardOpenOption.READ)) {
            return verify(ch, trustedSealerKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger in " + dir, e);
        }
    }

    private static VerificationResult verify(FileChannel ch, PublicKey trusted) throws IOException {
        BlockFileReader.FileHeader fh;
        try {
            fh = BlockFileReader.readFileHeader(ch);
        } catch (LedgerCorruptedException e) {
            return VerificationResult.bad(0, 0, -1, VerificationResult.Check.FILE_HEADER, e.getMessage());
        }
        if (!Arrays.equals(fh.sealerKey(), Ed25519.rawPublicKey(trusted))) {
            return VerificationResult.bad(0, 0, -1, VerificationResult.Check.SEALER_KEY,
                "the file names another sealer key than the trusted one");
        }
        BlockFileReader reader = new BlockFileReader(ch, FileHeaderDescriptor.LENGTH, ch.size(), fh.maxBlockLength());
        UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
        Map<String, PublicKey> evKeys = new HashMap<>();
        SlotAttempts attempts = new SlotAttempts();
        VerificationResult structure = null; // the first break of the slot structure, reported at the end
        byte[] previous = BlockHeader.GENESIS_PREVIOUS_HASH;
        int[] frameOffsets = new int[0];
        int[] frameLengths = new int[0];
        LedgerRecord[] decoded = new LedgerRecord[1];
        long height = 0;
        long records = 0;
        while (true) {
            BlockFileReader.Status s = reader.next();
            switch (s) {
                case END:
                    // Ledgers from before slot closes (and load-generator ledgers) have no slot structure.
                    return structure != null && attempts.usesCloses() ? structure
                        : VerificationResult.good(height, records);
                case TORN_TAIL:
                    return VerificationResult.bad(height, records, height, VerificationResult.Check.TORN_TAIL,
                        reader.problem());
                case CORRUPT:
                    return VerificationResult.bad(height, records, height,
                        reader.problem().startsWith("CRC") ? VerificationResult.Check.CRC
                            : VerificationResult.Check.FRAMING, reader.problem());
                default:
                    break;
            }
            BlockHeader h = reader.header();
            if (h.height() != height || h.firstSequence() != records) {
                return VerificationResult.bad(height, records, height, VerificationResult.Check.SEQUENCE,
                    "header says height " + h.height() + " first sequence " + h.firstSequence() + ", expected "
                        + height + " and " + records);
            }
            if (!Arrays.equals(h.previousHash(), previous)) {
                return VerificationResult.bad(height, records, height, VerificationResult.Check.HASH_CHAIN,
                    "previous hash does not match the previous header");
            }
            view.wrap(reader.block());
            if (frameOffsets.length < h.recordCount()) {
                frameOffsets = new int[h.recordCount()];
                frameLengths = new int[h.recordCount()];
            }
            int p = HEADER_LENGTH;
            for (int i = 0; i < h.recordCount(); i++) {
                int len = view.getInt(p + FrameDescriptor.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
                int type = view.getInt(p + FrameDescriptor.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
                int frameLength = FrameDescriptor.PAYLOAD_OFFSET + len;
                int payload = p + FrameDescriptor.PAYLOAD_OFFSET;
                frameOffsets[i] = p;
                frameLengths[i] = frameLength;
                if (type == SETTLEMENT_TYPE && len == SettlementDescriptor.LENGTH
                    && SettlementBytes.isValid(view, payload)
                    && (structure != null || !attempts.followsSettlements())) {
                    // The bulk of a ledger: a good settlement that the slot structure does not need
                    // changes no verdict, so neither it nor its id's String is built.
                    p += frameLength;
                    continue;
                }
                decoded[0] = null;
                String problem = checkRecord(type, view, payload, len, evKeys, decoded);
                if (problem == null && decoded[0] != null && structure == null) {
                    String broken = attempts.onRecord(decoded[0]);
                    if (broken != null) {
                        structure = VerificationResult.bad(height, records, height,
                            VerificationResult.Check.SLOT_STRUCTURE, "record " + (h.firstSequence() + i) + ": " + broken);
                    }
                }
                if (problem != null) {
                    VerificationResult.Check c = problem.startsWith("EV signature")
                        ? VerificationResult.Check.EV_SIGNATURE : VerificationResult.Check.RECORD;
                    return VerificationResult.bad(height, records, height, c,
                        "record " + (h.firstSequence() + i) + ": " + problem);
                }
                p += frameLength;
            }
            // every leaf of the block at once, then each level: independent messages for the vector batch
            byte[] root = fh.version() == FileHeaderDescriptor.VERSION_1
                ? MerkleTree.rootOfFrames(reader.block(), frameOffsets, frameLengths, h.recordCount())
                : MerkleTree.rootOfGroups(reader.block(), frameOffsets, frameLengths, h.recordCount());
            if (!Arrays.equals(root, h.merkleRoot())) {
                return VerificationResult.bad(height, records, height, VerificationResult.Check.MERKLE_ROOT,
                    "the records do not hash to the header's Merkle root");
            }
            if (!h.verifySignature(trusted)) {
                return VerificationResult.bad(height, records, height, VerificationResult.Check.SIGNATURE,
                    "header signature does not verify with the trusted sealer key");
            }
            previous = h.hash();
            height++;
            records += h.recordCount();
        }
    }

    private static String checkRecord(int type, UnsafeBuffer view, int offset, int length,
                                      Map<String, PublicKey> evKeys, LedgerRecord[] decoded) {
        if (RecordType.of(type) == null) {
            return null;
        }
        LedgerRecord r;
        try {
            r = LedgerRecord.decode(type, view, offset, length);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        decoded[0] = r;
        if (r instanceof EvRegistration reg) {
            try {
                evKeys.putIfAbsent(reg.evId(), Ed25519.publicKey(reg.publicKey()));
            } catch (IllegalArgumentException e) {
                return "EV registration of " + reg.evId() + " has an invalid public key";
            }
        } else if (r instanceof EvSubmission sub) {
            PublicKey key = evKeys.get(sub.evId());
            if (key != null && !sub.verify(key)) {
                return "EV signature of submission by ev=" + sub.evId() + " nonce=" + sub.nonce() + " is invalid";
            }
        } else if (r instanceof EvDeparture dep) {
            PublicKey key = evKeys.get(dep.evId());
            if (key != null && !dep.verify(key)) {
                return "EV signature of departure by ev=" + dep.evId() + " nonce=" + dep.nonce() + " is invalid";
            }
        }
        return null;
    }
}
