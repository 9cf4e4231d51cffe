package org.v2g.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.v2g.kernel.Market;
import org.v2g.node.DayPlan;
import org.v2g.node.DaySlot;
import org.v2g.node.internal.SeededKeys;

/**
 * {@link DayFeed#differsFrom}: a node continues a replicated day only from the feed that began it. The
 * replica here holds the first slots of one day (its batches applied, as a leader's would be); feeds of
 * that day agree, whatever their length, and feeds of another day are told apart by what differs.
 */
class DayFeedTest {
    private static final int SLOTS = 40; // past 10:00: buses and cars have arrived and registered
    private static final DayFeed DAY = DayFeed.caseStudy(80, 5, SLOTS);

    private static SlotMachine replicaOf(DayFeed feed, int slots) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            KeyPair k = SeededKeys.derive(3, "scp" + i);
            members.add(new Member(i, "127.0.0.1", 9100 + i, 1.0, k.getPublic()));
        }
        SlotMachine m = new SlotMachine(ClusterConfig.of(members));
        for (int s = 0; s < slots; s++) {
            m.apply(feed.openBatch(s, m).toBytes()); // a slot opened ends the one before without a quorum
        }
        return m;
    }

    @Test
    void theFeedThatBeganTheDayAgreesWhateverItsLength() {
        SlotMachine replica = replicaOf(DAY, SLOTS);
        assertTrue(replica.registeredEvs().size() > 10, "EVs registered: " + replica.registeredEvs().size());
        assertEquals(Optional.empty(), DAY.differsFrom(replica));
        assertEquals(Optional.empty(), DayFeed.caseStudy(80, 5, 96).differsFrom(replica));
        assertEquals(Optional.empty(), DAY.differsFrom(replicaOf(DAY, 0)), "nothing held yet");
    }

    @Test
    void anotherSeedOrFleetIsToldApart() {
        SlotMachine replica = replicaOf(DAY, SLOTS);
        String seed = DayFeed.caseStudy(80, 6, SLOTS).differsFrom(replica).orElseThrow();
        assertTrue(seed.startsWith("EV ") || seed.startsWith("the market of slot"), seed);
        String smaller = DayFeed.caseStudy(20, 5, SLOTS).differsFrom(replica).orElseThrow();
        assertTrue(smaller.startsWith("EV ") || smaller.startsWith("the market of slot"), smaller); // E_limit scales
    }

    @Test
    void theSameEvsWithOtherKeysAreToldApart() {
        SlotMachine replica = replicaOf(DAY, SLOTS);
        DayFeed otherKeys = new DayFeed(DAY.plan(), 6, SLOTS); // same plan, keys derived from another seed
        String why = otherKeys.differsFrom(replica).orElseThrow();
        assertTrue(why.matches("EV \\S+ is registered with another key than this day's"), why);
    }

    @Test
    void anotherMarketForTheLastSlotIsToldApart() {
        SlotMachine replica = replicaOf(DAY, SLOTS);
        List<DaySlot> slots = new ArrayList<>(DAY.plan().slots());
        DaySlot last = slots.get(SLOTS - 1);
        Market m = last.market();
        slots.set(SLOTS - 1, new DaySlot(last.index(), last.startH(),
                Market.builder(m.pRt() + 0.01).eLimit(m.eLimit()).build(), last.baseLoadKw()));
        DayFeed otherTariff = new DayFeed(new DayPlan(DAY.plan().fleet(), slots), 5, SLOTS);
        String why = otherTariff.differsFrom(replica).orElseThrow();
        assertTrue(why.startsWith("the market of slot " + (SLOTS - 1) + " differs: recorded "), why);
    }
}
