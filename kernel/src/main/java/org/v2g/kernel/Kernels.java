package org.v2g.kernel;

import java.lang.System.Logger.Level;

/**
 * Chooses the revenue kernel: the Vector API one when {@code jdk.incubator.vector} is present
 * ({@code --add-modules jdk.incubator.vector}), otherwise its scalar twin, with the reason logged once.
 */
public final class Kernels {
    private static final System.Logger LOG = System.getLogger(Kernels.class.getName());
    private static final RevenueKernel SCALAR = new ScalarKernel();
    private static final RevenueKernel SIMD = loadVector();

    private Kernels() {
    }

    /** {@return the scalar twin} */
    public static RevenueKernel scalar() {
        return SCALAR;
    }

    /** {@return the Vector API kernel, or the scalar twin when the incubator module is absent} */
    public static RevenueKernel simd() {
        return SIMD;
    }

    /** {@return true when {@link #simd()} really is the Vector API kernel} */
    public static boolean vectorAvailable() {
        return SIMD != SCALAR;
    }

    /** {@return the lanes of a {@code double} vector in the chosen species; 1 when the scalar twin stands in} */
    public static int lanes() {
        if (!vectorAvailable()) {
            return 1;
        }
        try {
            return (int) Class.forName("org.v2g.kernel.VectorKernel").getDeclaredMethod("lanes").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A kernel by name.
     *
     * @param name {@code simd}, {@code scalar} or {@code preferred} (the best available)
     * @return the kernel
     * @throws InvalidInputException naming {@code kernel} for another name
     */
    public static RevenueKernel byName(String name) {
        if (name == null) {
            throw new InvalidInputException("kernel", "Kernels.byName", null, "must be simd, scalar or preferred");
        }
        return switch (name) {
            case ScalarKernel.NAME -> SCALAR;
            case VectorKernel.NAME, "preferred" -> SIMD;
            default -> throw new InvalidInputException("kernel", "Kernels.byName", name,
                    "must be simd, scalar or preferred");
        };
    }

    private static RevenueKernel loadVector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.log(Level.WARNING, "jdk.incubator.vector is not in the boot layer (run with"
                    + " --add-modules jdk.incubator.vector); using the scalar kernel");
            return SCALAR;
        }
        try {
            return (RevenueKernel) Class.forName("org.v2g.kernel.VectorKernel").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(Level.WARNING, "the Vector API kernel did not load (" + e + "); using the scalar kernel");
            return SCALAR;
        }
    }
}
