/**
 * Not API: the kernel's helpers that the other modules of this repository share (the canonical evaluation
 * votes sign, the synthetic fleets of the tests and benchmarks, argument checks). Anything here may change
 * or go without notice; the module does not export it (module-info), in the manner of Lucene's
 * {@code internal} packages.
 */
package org.v2g.kernel.internal;
