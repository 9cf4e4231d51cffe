/**
 * Not API: the trading rules the node and the replica both call (the canonical solution voted on,
 * the quorum tally, the settlement rule, the market record), the case study's generators and output
 * files, and the deterministic demo keys. Anything here may change or go without notice; an embedder
 * drives {@link org.v2g.node.AggregatorNode} or {@link org.v2g.node.TradingDay}.
 */
package org.v2g.node.internal;
