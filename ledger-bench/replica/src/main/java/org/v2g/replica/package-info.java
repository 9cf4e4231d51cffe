/**
 * The slot ledger replicated across machines with Apache Ratis (Raft), each SCP on its own machine.
 *
 * <p><b>The deterministic core</b> is {@link org.v2g.replica.SlotMachine#apply}: it reads only the log
 * entry ({@link org.v2g.replica.LogBatch} of {@link org.v2g.replica.Frame}s), its prior state and the
 * {@link org.v2g.replica.ClusterConfig} — no clock, no randomness, no thread — so every replica fed the
 * same log builds the same chain ({@link org.v2g.replica.Chain}) byte for byte. Its state is
 * {@link org.v2g.replica.SlotMachineState}, serialized by {@link org.v2g.replica.SlotMachineSnapshot}.
 * Around it: {@link org.v2g.replica.LedgerStateMachine} (the Ratis state machine, snapshots),
 * {@link org.v2g.replica.ReplicaNode} (one SCP's server and day driver), {@link org.v2g.replica.ScpAgent}
 * (the SCP's grid work and vote), {@link org.v2g.replica.LocalCluster} (several nodes on loopback).
 *
 * <p><b>Its one-machine twin</b> is {@link org.v2g.node.AggregatorNode}: the same trading rules, called,
 * not copied — the canonical solution voted on ({@link org.v2g.node.internal.CanonicalSolution}), the quorum
 * ({@link org.v2g.node.internal.QuorumTally}), the money ({@link org.v2g.node.internal.SettlementRule}), the market record
 * ({@link org.v2g.node.internal.MarketRecords}) — so a replicated day settles every EV exactly as the node does
 * ({@code SlotMachineTest.theReplicatedDaySettlesLikeTheOneMachineNode} compares every settlement byte
 * for byte). What differs is who is trusted: here a solution is final only with a quorum of SCP-signed
 * votes in the replicated log (docs/REPLICATION.md).
 */
package org.v2g.replica;
