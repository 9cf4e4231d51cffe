package org.v2g.cli;

/**
 * Help text shared by options whose meaning is the same in several commands but whose default is each
 * command's own, so that it cannot be a mixin.
 */
final class OptionHelp {
    /** {@code --keys DIR} in {@code case-study} and {@code node}; each adds its default. */
    static final String KEYS = "Directory of the SCPs' Ed25519 key pairs (NAME.key private, NAME.pub public); never "
            + "inside a ledger directory, so a copied ledger carries no private key.";

    private OptionHelp() {
    }
}
