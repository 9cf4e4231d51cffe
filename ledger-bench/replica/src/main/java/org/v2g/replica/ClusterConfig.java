package org.v2g.replica;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.v2g.kernel.Fleet;
import org.v2g.node.internal.QuorumTally;

/**
 * What every replica must agree on before the first log entry: the SCPs (ids, addresses, capacities,
 * public keys), the quorum and the battery coefficient of EVs. Part of the deterministic input of
 * apply, with the log itself.
 *
 * @param members  the SCPs, by increasing id
 * @param quorum   matching votes that make a solution final, 1..members
 * @param batteryA the degradation coefficient {@code a} of every EV (the case study's)
 */
public record ClusterConfig(List<Member> members, int quorum, double batteryA) {
    /**
     * Sorts the members by id and checks the configuration.
     *
     * @throws IllegalArgumentException if there is no member, two share an id, or the quorum is not 1..members
     */
    public ClusterConfig {
        members = members.stream().sorted(Comparator.comparingInt(Member::id)).toList();
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one SCP");
        }
        for (int i = 1; i < members.size(); i++) {
            if (members.get(i).id() == members.get(i - 1).id()) {
                throw new IllegalArgumentException("SCP ids must be distinct: scp=" + members.get(i).id());
            }
        }
        if (quorum < 1 || quorum > members.size()) {
            throw new IllegalArgumentException("quorum must be 1.." + members.size() + ": value=" + quorum);
        }
    }

    /**
     * The members with the default quorum 2f+1 of 3f+1 and the case study's battery coefficient.
     *
     * @param members the SCPs
     * @return the configuration
     */
    public static ClusterConfig of(List<Member> members) {
        return new ClusterConfig(members, defaultQuorum(members.size()), Fleet.DEFAULT_A);
    }

    /**
     * 2f+1 of n = 3f+1 SCPs (f = (n-1)/3), as {@link QuorumTally#defaultQuorum}.
     *
     * @param scps the number of SCPs
     * @return the quorum
     */
    public static int defaultQuorum(int scps) {
        return QuorumTally.defaultQuorum(scps);
    }

    /**
     * The member with this id.
     *
     * @param id an SCP id
     * @return the member
     * @throws IllegalArgumentException if there is none
     */
    public Member member(int id) {
        for (Member m : members) {
            if (m.id() == id) {
                return m;
            }
        }
        throw new IllegalArgumentException("not a member of the cluster: scp=" + id);
    }

    /**
     * Whether an SCP of this id is a member.
     *
     * @param id an SCP id
     * @return true when it is
     */
    public boolean isMember(int id) {
        return members.stream().anyMatch(m -> m.id() == id);
    }

    /**
     * The public key of member {@code id}.
     *
     * @param id a member's id
     * @return its Ed25519 public key
     * @throws IllegalArgumentException if there is no such member
     */
    public PublicKey key(int id) {
        return member(id).key();
    }

    /** {@return capacities in member order} */
    public double[] capacities() {
        double[] c = new double[members.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = members.get(i).capacity();
        }
        return c;
    }

    /** {@return member ids in order} */
    public List<Integer> ids() {
        List<Integer> ids = new ArrayList<>(members.size());
        members.forEach(m -> ids.add(m.id()));
        return ids;
    }
}
