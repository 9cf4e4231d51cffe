package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact solver's sweep parts alone, on generated and threshold slots (failures name the seed):
 * the event table ({@link ExactEvents}), the state it moves ({@link SweepState}), the closed form of a
 * common-a piece ({@link CommonPiece}), the per-EV table ({@link DischargerTable}), branch and bound and its bound ({@link PerEvSearch})
 * and the attained prices ({@link Attainment}).
 */
class SweepPartsTest {

    private static SlotCases slot(long seed) {
        return seed % 2 == 0 ? SlotCases.of(seed, 80) : ThresholdFleets.of(seed, 12);
    }

    /** The prepared rule's {@code R(p)} from scratch: every EV by {@code qStar}, summed in fleet order. */
    private static double prepared(PreparedSlot s, double p) {
        double[] x = s.amountsAt(p);
        double sum = 0;
        double lost = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
                sum -= x[i];
                lost += s.lost[i];
            }
        }
        return s.revenue(p, sum, lost);
    }

    /**
     * The bucket-sorted build is the general build (the grid sweep's sort) to the bit: the same keys,
     * entries (equal keys in the same order), members and start sums — on seeded and threshold slots,
     * and on fleets with every EV twice (every key tied).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void sortedTableIsTheGeneralOne(long seed) {
        int tied = 0;
        for (long t = seed * 100; t < seed * 100 + 40; t++) {
            SlotCases c = slot(t);
            Fleet fleet = t % 3 == 0 ? twice(c.fleet()) : c.fleet();
            PreparedSlot s = PreparedSlot.of(fleet, c.market());
            SweepState builtStart = new SweepState(s);
            SweepState generalStart = new SweepState(s);
            ExactEvents built = ExactEvents.build(s, builtStart);
            ExactEvents general = ExactEvents.buildGeneral(s, generalStart);
            String where = c + (t % 3 == 0 ? " (every EV twice)" : "");
            assertEquals(general.count, built.count, where);
            for (int k = 0; k < general.count; k++) {
                assertEquals(Double.doubleToLongBits(general.key[k]), Double.doubleToLongBits(built.key[k]),
                        where + " key " + k);
                assertEquals(general.entry[k], built.entry[k], where + " entry " + k);
                tied += k > 0 && general.key[k - 1] == general.key[k] ? 1 : 0;
            }
            assertEquals(general.memberCount, built.memberCount, where);
            for (int j = 0; j < general.memberCount; j++) {
                assertEquals(general.members[j], built.members[j], where);
            }
            double p = c.market().pdMin();
            assertEquals(Double.doubleToLongBits(generalStart.value(p)), Double.doubleToLongBits(builtStart.value(p)),
                    where);
        }
        assertTrue(tied > 20, "only " + tied + " tied keys");
    }

    /**
     * The bucketed table: buckets in key order (every key of a bucket at most every key of the next,
     * equal keys in one bucket), and once sorted the general build to the bit — keys, entries, payload,
     * members and start sums — at several bucket sizes, with every EV twice too.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void bucketedTableSortsToTheSortedOne(long seed) {
        for (long t = seed * 100; t < seed * 100 + 40; t++) {
            SlotCases c = slot(t);
            Fleet fleet = t % 3 == 0 ? twice(c.fleet()) : c.fleet();
            PreparedSlot s = PreparedSlot.of(fleet, c.market());
            int perBucket = new int[] {1, 2, 16, 1000}[(int) (t % 4)];
            String where = c + (t % 3 == 0 ? " (every EV twice)" : "") + " buckets of " + perBucket;
            assertBucketedIsSorted(s, perBucket, where);
        }
    }

    /** Above the packed size the payload travels with the events; sorted, it is the general build's. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7})
    void largeBucketedTableCarriesThePayload(long seed) {
        Fleet fleet = org.v2g.kernel.internal.SyntheticFleets.paper(40_000, seed);
        PreparedSlot s = PreparedSlot.of(fleet, Market.builder(1.12).eLimit(8_000).build());
        ExactEvents general = assertBucketedIsSorted(s, ExactEvents.BUCKET, "paper 40,000 seed " + seed);
        assertTrue(general.count > EventOrder.PACKED_MAX && general.c != null, "payload not carried");
    }

    private static ExactEvents assertBucketedIsSorted(PreparedSlot s, int perBucket, String where) {
        SweepState bucketedStart = new SweepState(s);
        SweepState sortedStart = new SweepState(s);
        ExactEvents bucketed = ExactEvents.bucketed(s, bucketedStart, perBucket);
        ExactEvents sorted = ExactEvents.buildGeneral(s, sortedStart);
        assertEquals(sorted.count, bucketed.count, where);
        assertTrue(bucketed.buckets() >= Math.min(1, bucketed.count / perBucket), where);
        double below = Double.NEGATIVE_INFINITY; // the largest key of the buckets so far
        for (int b = 0; b < bucketed.buckets(); b++) {
            double highest = below;
            for (int k = bucketed.bucketFrom(b); k < bucketed.bucketFrom(b + 1); k++) {
                assertTrue(bucketed.key[k] > below, where + ": bucket " + b + " holds " + bucketed.key[k]
                        + ", an earlier one " + below);
                highest = Math.max(highest, bucketed.key[k]);
            }
            below = highest;
        }
        // A window sorted on demand answers lowerBound as the sorted table does.
        SplittableRandom random = new SplittableRandom(bucketed.count);
        for (int probe = 0; probe < 20 && sorted.count > 0; probe++) {
            double p = sorted.key[random.nextInt(sorted.count)] + (random.nextInt(3) - 1) * 1e-9;
            bucketed.sortBetween(p, p);
            assertEquals(sorted.lowerBound(p), bucketed.lowerBound(p), where + " lowerBound(" + p + ")");
        }
        bucketed.sortAll();
        for (int k = 0; k < sorted.count; k++) {
            assertEquals(Double.doubleToRawLongBits(sorted.key[k]), Double.doubleToRawLongBits(bucketed.key[k]),
                    where + " key " + k);
            assertEquals(sorted.entry[k], bucketed.entry[k], where + " entry " + k);
            if (sorted.c != null) {
                assertEquals(sorted.c[k], bucketed.c[k], where + " c " + k);
                assertEquals(sorted.m[k], bucketed.m[k], where + " m " + k);
                assertEquals(sorted.lost[k], bucketed.lost[k], where + " lost " + k);
            }
        }
        assertEquals(sorted.memberCount, bucketed.memberCount, where);
        for (int j = 0; j < sorted.memberCount; j++) {
            assertEquals(sorted.members[j], bucketed.members[j], where);
        }
        double p = s.market.pdMin();
        assertEquals(Double.doubleToRawLongBits(sortedStart.value(p)), Double.doubleToRawLongBits(bucketedStart.value(p)),
                where);
        return sorted;
    }

    /** The fleet with each EV followed by a copy of itself. */
    private static Fleet twice(Fleet fleet) {
        Fleet.Builder b = Fleet.builder();
        for (int i = 0; i < fleet.size(); i++) {
            for (int copy = 0; copy < 2; copy++) {
                b.add("ev" + i + "-" + copy, fleet.capacity(i), fleet.energy(i), fleet.beta(i), fleet.a(i),
                        fleet.uIdle(i));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void eventsAreSortedInsideTheIntervalAndTheStateFollowsThem(long seed) {
        for (long t = seed * 100; t < seed * 100 + 30; t++) {
            SlotCases c = slot(t);
            PreparedSlot s = PreparedSlot.of(c.fleet(), c.market());
            SweepState state = new SweepState(s);
            ExactEvents events = ExactEvents.build(s, state);
            double pMin = c.market().pdMin();
            double pMax = c.market().pdMax();
            for (int k = 0; k < events.count; k++) {
                assertTrue(events.key[k] > pMin && events.key[k] <= pMax, c::toString);
                assertTrue(k == 0 || events.key[k - 1] <= events.key[k], c::toString);
                int i = ExactEvents.ev(events.entry[k]);
                if (ExactEvents.kind(events.entry[k]) != ExactEvents.UNCLAMP) {
                    assertEquals(s.a[i] - s.qStar[i], events.key[k], c::toString);
                }
            }
            // Walk the pieces; inside each, the running state is the prepared rule from scratch.
            SplittableRandom rnd = new SplittableRandom(t);
            double l = pMin;
            int j = 0;
            while (true) {
                double r = j < events.count ? events.key[j] : pMax;
                // Away from the ends: at a breakpoint b = a − qStar itself the rounded key and the
                // prepared test qStar < a − p may disagree (docs/EXACT.md section 4).
                if (r - l > 1e-8 * Math.max(1, Math.abs(r))) {
                    double p = l + (0.25 + 0.5 * rnd.nextDouble()) * (r - l);
                    double fromScratch = prepared(s, p);
                    assertEquals(fromScratch, state.value(p), 1e-9 * Math.max(1, Math.abs(fromScratch)),
                            () -> c + " at p=" + p);
                }
                if (j == events.count) {
                    break;
                }
                for (; j < events.count && events.key[j] == r; j++) {
                    state.apply(events, j);
                }
                l = r;
            }
            assertEquals(prepared(s, pMax), state.value(pMax), 1e-9 * Math.max(1, Math.abs(prepared(s, pMax))),
                    c::toString);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8, 9, 10})
    void eachPieceSearchFindsItsMaximumAndBoundsHold(long seed) {
        for (long t = seed * 100; t < seed * 100 + 30; t++) {
            SlotCases c = slot(t);
            PreparedSlot s = PreparedSlot.of(c.fleet(), c.market());
            SweepState state = new SweepState(s);
            ExactEvents events = ExactEvents.build(s, state);
            SplittableRandom rnd = new SplittableRandom(t);
            double l = c.market().pdMin();
            int j = 0;
            while (true) {
                double r = j < events.count ? events.key[j] : c.market().pdMax();
                if (r > l) {
                    Candidates out = Candidates.heap(Double.NEGATIVE_INFINITY);
                    if (s.uniformA) {
                        CommonPiece.offerBest(s, state, l, r, out);
                    } else {
                        pieceSearchBoundsHold(c, s, events, state, l, r, out);
                    }
                    double best = out.ceiling();
                    double left = l;
                    for (int k = 0; k < 25; k++) {
                        double p = l + rnd.nextDouble() * (r - l);
                        double v = state.value(p);
                        assertTrue(v <= best + 1e-9 * Math.max(1, Math.abs(v)),
                                () -> c + ": piece [" + left + "," + r + ") value " + v + " at " + p + " above " + best);
                    }
                }
                if (j == events.count) {
                    break;
                }
                for (; j < events.count && events.key[j] == r; j++) {
                    state.apply(events, j);
                }
                l = r;
            }
        }
    }

    /**
     * Per-EV a: the table's amount is the running state's on the piece, the piece bound of
     * {@link PerEvSearch} holds at every probed price, and the whole search offers the piece's maximum.
     */
    private static void pieceSearchBoundsHold(SlotCases c, PreparedSlot s, ExactEvents events, SweepState state,
            double l, double r, Candidates out) {
        DischargerTable table = DischargerTable.of(s, events);
        PerEvSearch search = new PerEvSearch(s, events, table, out, Integer.MAX_VALUE);
        search.run();
        PerEvSearch.Point x = search.point(l, l);
        PerEvSearch.Point y = search.point(r, l);
        double bound = search.bound(x, y);
        for (int k = 0; k <= 20 && state.sums().dischargers() > 0; k++) {
            double p = l + k * (r - l) / 20;
            double v = state.value(p);
            assertEquals(state.amount(p), table.amount(p, l), 1e-9 * Math.max(1, state.amount(p)),
                    () -> c + " amount at " + p);
            assertTrue(v <= bound + 1e-9 * Math.max(1, Math.abs(v)), () -> c + " bound at " + p);
        }
        assertTrue(search.discardedBound() <= out.ceiling() + 1e-9 * Math.max(1, Math.abs(out.ceiling())),
                () -> c + ": the search stopped with a bound above its best value");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void attainedPricesLieInTheirPieceAndAgree(long seed) {
        for (long t = seed * 100; t < seed * 100 + 40; t++) {
            SlotCases c = ThresholdFleets.of(t, 12);
            PreparedSlot s = PreparedSlot.of(c.fleet(), c.market());
            SweepState state = new SweepState(s);
            ExactEvents events = ExactEvents.build(s, state);
            Attainment attainment = new Attainment(c.fleet(), s, events);
            double l = c.market().pdMin();
            for (int k = 0; k < events.count; k++) {
                double r = events.key[k];
                if (r > l) {
                    double p = attainment.price(new Candidates.Candidate(0, r, true, l, r));
                    assertTrue(p >= l && p < r, () -> c + " open end " + r + " gave " + p);
                    double left = l;
                    assertTrue(p == l || attainment.agrees(p, left), () -> c + " at " + p);
                }
                l = r;
            }
        }
    }
}
