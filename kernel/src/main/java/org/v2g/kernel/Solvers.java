package org.v2g.kernel;

import java.util.List;

/** The slot solvers of this module by name. */
public final class Solvers {
    /** Names accepted by {@link #byName}. */
    public static final List<String> NAMES = List.of(ReferenceSolver.NAME, ScalarKernel.NAME, VectorKernel.NAME);

    private Solvers() {
    }

    /** {@code reference}, {@code scalar} or {@code simd}. */
    public static SlotSolver byName(String name) {
        return switch (name) {
            case ReferenceSolver.NAME -> new ReferenceSolver();
            case ScalarKernel.NAME -> new FastSolver(Kernels.scalar());
            case VectorKernel.NAME -> new FastSolver(Kernels.simd());
            default -> throw new IllegalArgumentException("solver must be one of " + NAMES + ": value=" + name);
        };
    }
}
