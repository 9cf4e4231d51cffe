package org.v2g.partition;

import java.util.List;
import org.v2g.kernel.GridPoint;

/**
 * One worker's part of a slot: what it declared, what became of it, the sub-ranges whose results
 * were accepted from it and the best point among them (its partial result, for the ledger), and what
 * it cost.
 *
 * @param id             worker id
 * @param capacity       declared capacity
 * @param slowdown       simulated slowdown factor
 * @param status         how it ended the slot
 * @param failure        what happened when it failed, stalled or left; empty otherwise
 * @param ranges         the accepted sub-ranges, ascending
 * @param bestK          grid index of its partial result, {@code -1} when nothing of it was accepted
 * @param bestRevenue    revenue there, {@code null} when nothing of it was accepted
 * @param acceptedPoints grid points accepted from it
 * @param evaluated      grid points it evaluated, counting work that was beaten to completion or cut short
 * @param chunks         chunks accepted from it
 * @param busyNanos      time spent evaluating, simulated slowdown included, ns
 * @param idealPoints    its capacity-weighted share of the grid, {@code G·c_w/C}
 */
public record WorkerReport(int id, double capacity, double slowdown, WorkerStatus status, String failure,
        List<Range> ranges, int bestK, Double bestRevenue, long acceptedPoints, long evaluated, int chunks,
        long busyNanos, double idealPoints) {

    /** Copies {@code ranges}. */
    public WorkerReport {
        ranges = List.copyOf(ranges);
    }

    /** {@return the partial result as a grid point; {@link GridPoint#NONE} when nothing was accepted} */
    public GridPoint best() {
        return bestK < 0 ? GridPoint.NONE : new GridPoint(bestK, bestRevenue);
    }

    /** {@return one JSON object, numbers in shortest round-trip form} */
    public String toJson() {
        StringBuilder b = new StringBuilder(128);
        b.append("{\"id\":").append(id)
                .append(",\"capacity\":").append(capacity)
                .append(",\"slowdown\":").append(slowdown)
                .append(",\"status\":\"").append(status.name().toLowerCase(java.util.Locale.ROOT)).append('"')
                .append(",\"failure\":").append(MetricsJson.string(failure))
                .append(",\"ranges\":[");
        for (int i = 0; i < ranges.size(); i++) {
            b.append(i == 0 ? "" : ",").append('[').append(ranges.get(i).k0()).append(',')
                    .append(ranges.get(i).k1()).append(']');
        }
        b.append("],\"best_k\":").append(bestK < 0 ? "null" : Integer.toString(bestK))
                .append(",\"best_revenue\":").append(bestRevenue == null ? "null" : MetricsJson.number(bestRevenue))
                .append(",\"accepted_points\":").append(acceptedPoints)
                .append(",\"evaluated\":").append(evaluated)
                .append(",\"chunks\":").append(chunks)
                .append(",\"busy_ns\":").append(busyNanos)
                .append(",\"ideal_points\":").append(MetricsJson.number(idealPoints))
                .append('}');
        return b.toString();
    }
}
