package org.v2g.ledger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IJ_Result;

/**
 * {@link DurabilityStress} with the reads the other way round, as a producer does: first whether its
 * record 5 is durable, then how many records are. A producer told durable must find its record counted
 * (and its block among the headers), or a proof asked for right after an acknowledgement finds nothing.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "read before the publication")
@Outcome(id = "0, 6", expect = ACCEPTABLE, desc = "the mark read before, the count after")
@Outcome(id = "1, 6", expect = ACCEPTABLE, desc = "read after the publication")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "told durable, the record is not counted")
@State
public class DurabilityReadOrderStress {
    private final Durability durability = new Durability(2, 0, 0);
    private final Durability.Receipt receipt = new Durability.Receipt(1, 6, 1024, new int[] {0}, new long[] {5}, false);

    /** The syncer, after the force. */
    @Actor
    public void syncer() {
        durability.publish(receipt);
    }

    /** A producer: its record first, then the count. */
    @Actor
    public void producer(IJ_Result r) {
        r.r1 = durability.isDurable(0, 5) ? 1 : 0;
        r.r2 = durability.records();
    }
}
