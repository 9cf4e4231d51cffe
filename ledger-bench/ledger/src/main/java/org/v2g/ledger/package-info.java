/**
 * Append-only, hash-chained, signed ledger of V2G records. See {@code docs/LEDGER.md}.
 */
package org.v2g.ledger;
