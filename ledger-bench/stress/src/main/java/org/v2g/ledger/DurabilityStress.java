package org.v2g.ledger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JI_Result;

/**
 * The syncer publishes a forced block ({@link Durability#publish}) while a reader asks how many records
 * are durable and then whether producer 0's record 5 is. The state is published whole: once the count says
 * the block is durable, the producer's mark says so too ({@link DurabilityReadOrderStress} reads the other
 * way round).
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "read before the publication")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the count read before the publication, the mark after")
@Outcome(id = "6, 1", expect = ACCEPTABLE, desc = "read after the publication")
@Outcome(id = "6, 0", expect = FORBIDDEN, desc = "the count says durable, the producer is told not")
@State
public class DurabilityStress {
    private final Durability durability = new Durability(2, 0, 0);
    private final Durability.Receipt receipt = new Durability.Receipt(1, 6, 1024, new int[] {0}, new long[] {5}, false);

    /** The syncer, after the force. */
    @Actor
    public void syncer() {
        durability.publish(receipt);
    }

    /** A reader: the count first, then the producer's record. */
    @Actor
    public void reader(JI_Result r) {
        r.r1 = durability.records();
        r.r2 = durability.isDurable(0, 5) ? 1 : 0;
    }
}
