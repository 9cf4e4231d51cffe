package org.v2g.ledger;

import org.v2g.kernel.InvalidInputException;

/**
 * When the block file is forced to stable storage. An append is acknowledged as durable only once the
 * block holding it has been written and, unless the policy is {@link #none()}, forced.
 *
 * @param everyBlocks force after this many blocks (1: every block); 0 means never force
 */
public record SyncPolicy(int everyBlocks) {
    /** Checks the count. */
    public SyncPolicy {
        if (everyBlocks < 0) {
            throw new InvalidInputException("every_blocks", "sync_policy", everyBlocks, "must be >= 0");
        }
    }

    /** {@return the default policy, a force after every block: an acknowledged record survives a power loss} */
    public static SyncPolicy perBlock() {
        return new SyncPolicy(1);
    }

    /**
     * Force after every {@code n} blocks, and whenever a producer waits for durability or the ledger is
     * flushed or closed. Acknowledgements wait for the force.
     *
     * @param n blocks per force, {@code ≥ 1}
     * @return the policy
     * @throws InvalidInputException naming {@code every_blocks} if {@code n < 1}
     */
    public static SyncPolicy everyBlocks(int n) {
        if (n < 1) {
            throw new InvalidInputException("every_blocks", "sync_policy", n, "must be >= 1");
        }
        return new SyncPolicy(n);
    }

    /**
     * Never force: a record is acknowledged once its block is written to the operating system. It
     * survives the process being killed, not the machine losing power.
     *
     * @return the policy
     */
    public static SyncPolicy none() {
        return new SyncPolicy(0);
    }

    /**
     * Reads {@code "block"}, {@code "none"} or {@code "every:N"} (the form {@link #toString()} writes).
     *
     * @param text the policy's text
     * @return the policy
     * @throws InvalidInputException naming the text otherwise
     */
    public static SyncPolicy parse(String text) {
        if ("block".equals(text)) {
            return perBlock();
        }
        if ("none".equals(text)) {
            return none();
        }
        if (text != null && text.startsWith("every:")) {
            try {
                return everyBlocks(Integer.parseInt(text.substring("every:".length())));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new InvalidInputException("sync_policy", "sync_policy", text, "must be block, none or every:N");
    }

    @Override
    public String toString() {
        return everyBlocks == 0 ? "none" : everyBlocks == 1 ? "block" : "every:" + everyBlocks;
    }

    /** {@return whether this policy ever forces} */
    public boolean forces() {
        return everyBlocks > 0;
    }
}
