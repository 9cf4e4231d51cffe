package org.v2g.ledger;

/**
 * What {@link LedgerVerifier} found: either every check passed, or the first failure, naming the block
 * height and the check. A failed settlement proof carries one in its {@link ProofRejectedException}.
 *
 * @param ok      whether every check passed
 * @param blocks  blocks checked and found good
 * @param records records in them
 * @param height  the failing block's height ({@code -1}: the file header; unused if ok)
 * @param check   what failed ({@code null} if ok)
 * @param message a sentence for a person
 */
public record VerificationResult(boolean ok, long blocks, long records, long height, Check check, String message) {
    /** The checks, in the order they run on each block. */
    public enum Check {
        /** The file header (magic, version, CRC). */
        FILE_HEADER,
        /** The sealer key in the file is not the trusted one. */
        SEALER_KEY,
        /** A damaged last block (what a crash leaves until the ledger is reopened). */
        TORN_TAIL,
        /** A block's CRC32C. */
        CRC,
        /** Block and frame lengths, counts and record types. */
        FRAMING,
        /** Height and first sequence number follow on from the previous block. */
        SEQUENCE,
        /** Previous hash equals the previous header's hash. */
        HASH_CHAIN,
        /** Merkle root of the frames. */
        MERKLE_ROOT,
        /** The sealer's header signature. */
        SIGNATURE,
        /** A record of a known type does not decode (a field out of range). */
        RECORD,
        /** An EV submission's signature does not match the key its EV registered earlier in the ledger. */
        EV_SIGNATURE,
        /**
         * The slots' records break their structure ({@link SlotClose}): a slot settled twice, a record
         * outside its slot's attempt, a final slot whose settlements do not match its close. Checked once
         * every block passed the checks above, in ledgers that close their slots.
         */
        SLOT_STRUCTURE,
        /**
         * A settlement proof holds, but for another settlement than the one expected (EV, slot or amount;
         * {@link SettlementProof#verify(String, long, java.util.List, java.security.PublicKey)}).
         */
        SETTLEMENT
    }

    static VerificationResult good(long blocks, long records) {
        return new VerificationResult(true, blocks, records, -1, null, "ok: " + blocks + " blocks, " + records
            + " records");
    }

    static VerificationResult bad(long blocks, long records, long height, Check check, String message) {
        return new VerificationResult(false, blocks, records, height, check,
            check + " failed at height " + height + ": " + message);
    }
}
