package org.v2g.node.internal;

import org.v2g.kernel.Market;
import org.v2g.ledger.Settlement;

/**
 * SPEC section 4, written once: what an EV pays or is paid for its amount in a slot, and how its stored
 * energy moves. The node settles with it, and a restarted node replays recorded settlements with it.
 *
 * <p>Thread-safety: stateless.
 */
public final class SettlementRule {
    private SettlementRule() {
    }

    /**
     * The settlement of an EV that answered {@code x} at the published price {@code pD}: a charging EV
     * pays {@code p_c·E0·x}, a discharging EV is paid {@code (−p_d)·E0·|x|}, an idle EV is paid
     * {@code p_delay}.
     */
    public static Settlement settle(String evId, long slot, double x, Market market, double pD) {
        double kwh = market.e0() * x;
        double cny;
        if (x > 0) {
            cny = -market.pC() * kwh;
        } else if (x < 0) {
            cny = -pD * -kwh;
        } else {
            cny = market.pDelay();
        }
        return new Settlement(evId, slot, x, kwh, cny);
    }

    /** Stored energy after a settlement: {@code E + E0·x}, clamped into {@code [0, C]}. */
    public static double nextEnergy(double energyKwh, Settlement s, double capacityKwh) {
        return Math.max(0, Math.min(capacityKwh, energyKwh + s.kwh()));
    }
}
