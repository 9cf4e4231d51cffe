package org.v2g.ledger;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The JVM flag the ledger needs: Agrona reaches into {@code jdk.internal.misc}, which {@code java.base}
 * exports only when told to. Checked when a ledger opens, before any file is touched, so that a missing
 * flag is a message naming it rather than an {@link IllegalAccessError} from deep inside Agrona.
 */
final class JvmFlags {
    private static final String PACKAGE = "jdk.internal.misc";

    private JvmFlags() {
    }

    /** The flag as it must be written for the module Agrona was loaded in. */
    static String agronaFlag() {
        Module agrona = UnsafeBuffer.class.getModule(); // a class literal: Agrona's Unsafe is not touched yet
        return "--add-exports java.base/" + PACKAGE + "=" + (agrona.isNamed() ? agrona.getName() : "ALL-UNNAMED");
    }

    /** @throws IllegalStateException naming the flag if {@code java.base} does not export the package to Agrona */
    static void checkAgronaAccess() {
        if (!Object.class.getModule().isExported(PACKAGE, UnsafeBuffer.class.getModule())) {
            throw new IllegalStateException("the ledger needs the JVM flag " + agronaFlag()
                + " (Agrona uses " + PACKAGE + ".Unsafe); add it to the java command line");
        }
    }
}
