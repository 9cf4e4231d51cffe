/**
 * Not API: what the command line and the benchmarks of this repository use beside the pool (the pool
 * options' parser and its exception, the sleeping slowdown of a slow worker). Anything here may change or
 * go without notice.
 */
package org.v2g.partition.internal;
