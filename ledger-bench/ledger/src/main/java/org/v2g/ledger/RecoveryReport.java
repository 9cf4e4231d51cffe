package org.v2g.ledger;

/**
 * What opening an existing ledger found.
 *
 * @param blocks         complete blocks kept
 * @param records        records in them
 * @param truncatedBytes bytes of a torn tail cut off (0 if none)
 * @param reason         why the tail was cut, or {@code "clean"}
 */
public record RecoveryReport(long blocks, long records, long truncatedBytes, String reason) {
    /** {@return whether a torn tail was cut} */
    public boolean truncated() {
        return truncatedBytes > 0;
    }
}
