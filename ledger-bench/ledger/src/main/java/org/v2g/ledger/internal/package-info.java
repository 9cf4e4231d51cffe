/**
 * Not API: the byte layouts of the ledger's records, frames, blocks and file header (Agrona-style
 * descriptors: offsets and lengths, no logic), SHA-256 helpers, the EV-id rule and the submission gate
 * the node checks EVs with. The node and the replica of this repository use them; an embedder reads and
 * writes records through {@link org.v2g.ledger.LedgerRecord} and the ledger instead. Anything here may
 * change or go without notice.
 */
package org.v2g.ledger.internal;
