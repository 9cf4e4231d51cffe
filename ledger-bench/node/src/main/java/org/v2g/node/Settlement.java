package org.v2g.node;

/**
 * One EV's settlement in one slot (SPEC section 4).
 *
 * @param ev     position of the EV in the day's fleet
 * @param amount the normalised amount {@code x} (positive charges, negative discharges)
 * @param kwh    energy into the battery, {@code E0·x} (negative when discharging)
 * @param cny    money the EV receives; negative when it pays for charging
 */
public record Settlement(int ev, double amount, double kwh, double cny) {
}
