package org.v2g.partition;

/** How a worker ended a slot. */
public enum WorkerStatus {
    /** Worked until the slot completed. */
    COMPLETED,
    /** Threw; its unfinished chunk went to the others. */
    FAILED,
    /** Stopped making progress for longer than the stall deadline (or by injection); its chunk was taken over. */
    STALLED,
    /** Left the slot and handed its unfinished chunk back. */
    LEFT
}
