package org.v2g.replica;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import org.v2g.kernel.Fleet;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.Market;
import org.v2g.kernel.internal.CanonicalRevenue;
import org.v2g.ledger.PartialResult;
import org.v2g.ledger.ScpVote;
import org.v2g.ledger.SlotSolution;
import org.v2g.node.internal.CanonicalSolution;
import org.v2g.node.internal.SeededKeys;
import org.v2g.replica.ReplicaRecords.SignedPartial;

/**
 * One open slot for the unit tests of {@link SlotMachine}'s parts: four SCPs with keys from a fixed
 * seed, a small fleet, a market, their canonical evaluation, and honest or forged partials and votes.
 */
final class PartsFixture {
    static final long SLOT = 7;
    static final List<KeyPair> KEYS = List.of(SeededKeys.derive(99, "scp0"), SeededKeys.derive(99, "scp1"),
            SeededKeys.derive(99, "scp2"), SeededKeys.derive(99, "scp3"));
    static final Market MARKET = Market.builder(1.12).eLimit(60).build();
    static final Fleet FLEET = fleet();
    static final CanonicalRevenue CANONICAL = CanonicalRevenue.of(FLEET, MARKET);

    private PartsFixture() {
    }

    private static Fleet fleet() {
        Fleet.Builder b = Fleet.builder();
        for (int i = 0; i < 12; i++) {
            b.add("ev-" + (char) ('a' + i), 40 + 5 * (i % 4), 4 + 3 * i, 0.1 + 0.02 * i, Fleet.DEFAULT_A, 0.0);
        }
        return b.build();
    }

    /** Four members of the given capacities, quorum {@code quorum}. */
    static ClusterConfig config(int quorum, double... capacities) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(new Member(i, "127.0.0.1", 9000 + i, capacities[i], KEYS.get(i).getPublic()));
        }
        return new ClusterConfig(members, quorum, Fleet.DEFAULT_A);
    }

    /** Four equal members, the default quorum (3). */
    static ClusterConfig config() {
        return ClusterConfig.of(config(3, 1, 1, 1, 1).members());
    }

    /** The canonical best of {@code [k0, k1)}, by the grid's tie rule. */
    static GridPoint bestOf(int k0, int k1) {
        GridPoint best = GridPoint.NONE;
        for (int k = k0; k < k1; k++) {
            best = GridPoint.better(best, new GridPoint(k, CANONICAL.revenue(k)));
        }
        return best;
    }

    /** The whole grid's canonical best. */
    static GridPoint optimum() {
        return bestOf(0, CANONICAL.grid().size());
    }

    /** {@code scp}'s partial claiming {@code k} with the canonical revenue there, signed by {@code signer}. */
    static SignedPartial partial(int scp, int k0, int k1, int k, double revenue, int signer) {
        return SignedPartial.signed(new PartialResult(SLOT, scp, k0, k1, k, revenue), KEYS.get(signer).getPrivate());
    }

    /** {@code scp}'s honest partial for its share. */
    static SignedPartial honest(int scp, SlotWork.Share share) {
        GridPoint best = bestOf(share.k0(), share.k1());
        return partial(scp, share.k0(), share.k1(), best.k(), best.revenue(), scp);
    }

    /** The canonical solution record at grid index {@code k}. */
    static SlotSolution solutionAt(int k) {
        return CanonicalSolution.record(SLOT, CANONICAL.at(k, "test", false));
    }

    /** {@code scp}'s signed vote for {@code s}. */
    static ScpVote vote(SlotSolution s, int scp) {
        return ScpVote.signed(s, scp, KEYS.get(scp).getPrivate());
    }
}
