package org.v2g.jmh;

import org.v2g.kernel.Kernels;

/** Guards of the benchmarks that time the Vector API kernel. */
final class Species {
    private Species() {
    }

    /**
     * Refuses to time a method named {@code simd…} when the Vector API kernel is not loaded (it would
     * silently time the scalar twin), or a method named {@code …256}/{@code …512} whose JVM runs another
     * vector width.
     *
     * @param benchmark the fully qualified benchmark method name
     */
    static void check(String benchmark) {
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        if (!method.startsWith("simd")) {
            return;
        }
        if (!Kernels.vectorAvailable()) {
            throw new IllegalStateException(method + " needs --add-modules jdk.incubator.vector: the kernel"
                    + " fell back to scalar");
        }
        int bits = 64 * Kernels.lanes();
        if ((method.endsWith("256") && bits != 256) || (method.endsWith("512") && bits != 512)) {
            throw new IllegalStateException(method + " runs with " + bits + "-bit vectors: its fork argument"
                    + " -Dv2g.vector.bits was overridden (-jvmArgsAppend replaces the annotation's)");
        }
    }
}
