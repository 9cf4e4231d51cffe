/**
 * The aggregator node and the trading day: where the kernel, the SCP worker pool and the ledger meet.
 *
 * <p>{@link org.v2g.node.AggregatorNode} runs the paper's smart-contract cycle for node software
 * (plug-in with signed preferences, oracle data, proposal, SCP votes with a quorum, settlement,
 * light-client proofs). {@link org.v2g.node.TradingDay} drives a node through a
 * {@link org.v2g.node.DayPlan}; {@link org.v2g.node.DayPlan#caseStudy} builds the paper's case study
 * from a seed ({@code docs/CASE-STUDY.md}). Nothing here parses command lines or draws charts.
 *
 * <p>Conventions: inputs are validated before anything is recorded or changed (SPEC section 6); random
 * draws use the algorithms in {@code Draws}, so a seed gives the same day on every JVM; money is CNY
 * and positive when an EV receives it.
 */
package org.v2g.node;

import org.v2g.node.internal.Draws;
