package org.v2g.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Claims from both ends of one segment: every point claimed exactly once, none lost. */
class SegmentTest {

    @Test
    void packsBothEnds() {
        long p = Segment.pack(Integer.MAX_VALUE - 1, Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE - 1, Segment.front(p));
        assertEquals(Integer.MAX_VALUE, Segment.back(p));
        Segment s = new Segment(0, 10, 30);
        assertEquals(Segment.pack(10, 15), s.takeFront(5));
        assertEquals(Segment.pack(22, 30), s.takeBack(left -> 8));
        assertEquals(7, s.left());
        assertEquals(Segment.pack(15, 22), s.takeBack(left -> 100));
        assertEquals(Segment.NONE, s.takeFront(1));
        assertEquals(Segment.NONE, s.takeBack(left -> 1));
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void ownerAndThievesRaceWithoutLosingOrDuplicatingAPoint(long seed) throws Exception {
        int size = 200_000;
        Segment segment = new Segment(0, 0, size);
        AtomicIntegerArray claims = new AtomicIntegerArray(size);
        int threads = 3;
        CyclicBarrier start = new CyclicBarrier(threads);
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            boolean owner = t == 0;
            SplittableRandom rnd = new SplittableRandom(seed * 31 + t);
            ts[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                while (true) {
                    int n = 1 + rnd.nextInt(7);
                    long r = owner ? segment.takeFront(n) : segment.takeBack(left -> Math.max(1, Math.min(n, left / 2)));
                    if (r == Segment.NONE) {
                        return;
                    }
                    for (int k = Segment.front(r); k < Segment.back(r); k++) {
                        claims.incrementAndGet(k);
                    }
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        for (int k = 0; k < size; k++) {
            assertEquals(1, claims.get(k), "seed=" + seed + " point " + k);
        }
    }
}
