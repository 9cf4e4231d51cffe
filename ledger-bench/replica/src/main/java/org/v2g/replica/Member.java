package org.v2g.replica;

import java.security.PublicKey;

import org.v2g.ledger.Ed25519;

/**
 * One SCP of the cluster: a Raft peer and a voter.
 *
 * @param id       the SCP id (its Raft peer id is {@code scp<id>}), &gt;= 0
 * @param host     where its Raft server listens
 * @param port     its Raft port, 1..65535
 * @param capacity its relative computing capacity: the share of the price grid it solves
 * @param key      the Ed25519 key its partial results and votes are signed with
 */
public record Member(int id, String host, int port, double capacity, PublicKey key) {
    /**
     * Checks the member.
     *
     * @throws IllegalArgumentException naming the field and the SCP for a bad id, host, port, capacity or key
     */
    public Member {
        String item = "scp=" + id;
        if (id < 0) {
            throw new IllegalArgumentException("id must be >= 0: " + item);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty: " + item);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + item + " value=" + port);
        }
        if (!(capacity > 0) || !Double.isFinite(capacity)) {
            throw new IllegalArgumentException("capacity must be > 0: " + item + " value=" + capacity);
        }
        Ed25519.rawPublicKey(key); // an Ed25519 key, or a clear error
    }

    /** {@return {@code host:port}} */
    public String address() {
        return host + ":" + port;
    }
}
