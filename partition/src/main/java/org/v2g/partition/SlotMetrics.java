package org.v2g.partition;

import java.util.List;

/**
 * What one slot cost a pool: per worker ({@link WorkerReport}) and overall.
 *
 * <p>{@code idealNanos} is the makespan of a perfect split: the grid divided in proportion to the
 * speed each worker showed (points evaluated per busy ns, slowdown included), all finishing together,
 * {@code G / Σ_w rate_w}. When the declared capacities are right this is the capacity-weighted ideal.
 * {@code imbalance = makespan / ideal − 1} (0 is perfect; it also contains the cost of waking the
 * workers and, in a faulty slot, of the work the failed workers never delivered).
 *
 * <p>A plain record of numbers, strings and lists: a JSON mapper writes it as is, and {@link #toJson}
 * writes it without one.
 *
 * @param epoch          the pool's slot counter
 * @param gridPoints     {@code G = K + 1}
 * @param makespanNanos  from publishing the slot to the last accepted chunk, ns
 * @param idealNanos     capacity-weighted ideal makespan, ns
 * @param imbalance      {@code makespan / ideal − 1}
 * @param acceptedPoints points accepted, {@code = G} for a completed slot
 * @param evaluated      points evaluated, duplicates and cut-short work included
 * @param workers        one report per worker, by id
 */
public record SlotMetrics(long epoch, int gridPoints, long makespanNanos, long idealNanos, double imbalance,
        long acceptedPoints, long evaluated, List<WorkerReport> workers) {

    /** Copies {@code workers}. */
    public SlotMetrics {
        workers = List.copyOf(workers);
    }

    /** {@return the points evaluated beyond the grid: duplicate evaluations and abandoned work} */
    public long wastedPoints() {
        return evaluated - acceptedPoints;
    }

    /**
     * The largest deviation of a worker's accepted points from its capacity-weighted share
     * {@code G·c_w/C}, as a fraction of the grid: 0 when every worker did exactly its declared share.
     * Work moves away from the declared shares when workers are slower (or faster) than declared or
     * fail, which is what the pool is for; {@link #imbalance} says whether that cost time.
     *
     * @return the largest {@code |accepted_w − G·c_w/C| / G} over the workers, in {@code [0, 1]}
     */
    public double maxShareDeviation() {
        double worst = 0;
        for (WorkerReport w : workers) {
            worst = Math.max(worst, Math.abs(w.acceptedPoints() - w.idealPoints()) / gridPoints);
        }
        return worst;
    }

    /** {@return one JSON object, numbers in shortest round-trip form} */
    public String toJson() {
        StringBuilder b = new StringBuilder(256 + 256 * workers.size());
        b.append("{\"epoch\":").append(epoch)
                .append(",\"grid_points\":").append(gridPoints)
                .append(",\"makespan_ns\":").append(makespanNanos)
                .append(",\"ideal_ns\":").append(idealNanos)
                .append(",\"imbalance\":").append(MetricsJson.number(imbalance))
                .append(",\"max_share_deviation\":").append(MetricsJson.number(maxShareDeviation()))
                .append(",\"accepted_points\":").append(acceptedPoints)
                .append(",\"evaluated\":").append(evaluated)
                .append(",\"workers\":[");
        for (int i = 0; i < workers.size(); i++) {
            b.append(i == 0 ? "" : ",").append(workers.get(i).toJson());
        }
        return b.append("]}").toString();
    }
}
