package org.v2g.node.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.v2g.node.Baseline;
import org.v2g.node.DayPlan;
import org.v2g.node.DayResult;
import org.v2g.node.DaySummary;
import org.v2g.node.EvAccount;
import org.v2g.node.SlotOutcome;

/**
 * Writes a day's machine-readable outputs: {@code slots.csv} (one row per slot), {@code evs.csv}
 * (one row per EV, with the uncoordinated baseline beside it) and {@code summary.json}. Numbers are
 * written with {@link Double#toString} so that they read back to the same double (SPEC section 7).
 * Files are written to a temporary name and moved into place, so a failed write leaves no half file.
 */
public final class DayFiles {
    public static final String SLOTS_CSV = "slots.csv";
    public static final String EVS_CSV = "evs.csv";
    public static final String SUMMARY_JSON = "summary.json";

    private DayFiles() {
    }

    public static void write(Path dir, DayPlan plan, DayResult day, Baseline baseline) {
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve(SLOTS_CSV), slotsCsv(day, baseline));
            writeAtomically(dir.resolve(EVS_CSV), evsCsv(plan, day, baseline));
            writeAtomically(dir.resolve(SUMMARY_JSON), DaySummary.of(plan, day, baseline).toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the day's outputs to " + dir, e);
        }
    }

    static String slotsCsv(DayResult day, Baseline baseline) {
        StringBuilder b = new StringBuilder("slot,time,start_h,p_rt,p_d,k,charge_kw,discharge_kw,baseline_charge_kw,"
                + "e_limit,base_load_kw,service_revenue,grid_revenue,ev_payments,penalty,revenue,auxiliary_revenue,"
                + "charging,discharging,idle,present,solve_us\n");
        for (int s = 0; s < day.slots().size(); s++) {
            SlotOutcome o = day.slots().get(s);
            var r = o.result();
            var m = o.slot().market();
            row(b, o.slot().index(), o.slot().clock(), o.slot().startH(), m.pRt(), r.price(), r.k(), o.chargeKw(),
                    o.dischargeKw(), baseline.chargeKw()[s], m.eLimit(), o.slot().baseLoadKw(), r.terms().service(),
                    r.terms().grid(), r.terms().payments(), r.terms().penalty(), r.revenue(), o.auxiliaryRevenue(),
                    r.charging(), r.discharging(), r.idle(), o.present(), r.nanos() / 1000.0);
        }
        return b.toString();
    }

    static String evsCsv(DayPlan plan, DayResult day, Baseline baseline) {
        StringBuilder b = new StringBuilder("id,capacity_kwh,arrival_h,departure_h,initial_kwh,final_kwh,charged_kwh,"
                + "discharged_kwh,paid_cny,received_cny,net_cost_cny,slots_present,slots_charging,slots_discharging,"
                + "baseline_paid_cny,baseline_final_kwh\n");
        for (int i = 0; i < day.evs().size(); i++) {
            EvAccount e = day.evs().get(i);
            row(b, e.id(), plan.fleet().capacity(i), plan.fleet().arrival(i), plan.fleet().departure(i), e.initialKwh(),
                    e.finalKwh(), e.chargedKwh(), e.dischargedKwh(), e.paidCny(), e.receivedCny(), e.netCostCny(),
                    e.slotsPresent(), e.slotsCharging(), e.slotsDischarging(), baseline.paidCny()[i],
                    baseline.finalKwh()[i]);
        }
        return b.toString();
    }

    private static void row(StringBuilder b, Object... cells) {
        List<String> out = new ArrayList<>(cells.length);
        for (Object c : cells) {
            out.add(String.valueOf(c));
        }
        b.append(String.join(",", out)).append('\n');
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(text);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
