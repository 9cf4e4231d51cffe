package org.v2g.replica;

import java.io.IOException;

/**
 * A snapshot that cannot be restored: wrong magic or version, a checksum that does not match, a
 * truncated or malformed field, another cluster's configuration, or a chain that does not hold. The
 * message names the snapshot, what is wrong and where.
 */
final class CorruptSnapshotException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptSnapshotException(String message) {
        super(message);
    }

    CorruptSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
