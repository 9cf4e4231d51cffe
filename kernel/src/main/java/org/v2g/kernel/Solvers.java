package org.v2g.kernel;

import java.util.List;

/** The slot solvers of this module by name. */
public final class Solvers {
    /** Names accepted by {@link #byName}. */
    public static final List<String> NAMES = List.of(ReferenceSolver.NAME, ScalarKernel.NAME, VectorKernel.NAME,
            ExactSolver.NAME, SweepSolver.NAME);

    private Solvers() {
    }

    /**
     * {@code reference}, {@code scalar}, {@code simd}, {@code exact} (the continuous optimum) or
     * {@code sweep} (the {@code simd} grid answer in O(N log N + K) for a common {@code a}).
     *
     * @param name one of {@link #NAMES}
     * @return a new solver of that name
     * @throws InvalidInputException naming {@code solver}, the value and the valid names, for null or an
     *                               unknown name
     */
    public static SlotSolver byName(String name) {
        if (name == null) {
            throw unknown(null);
        }
        return switch (name) {
            case ReferenceSolver.NAME -> new ReferenceSolver();
            case ScalarKernel.NAME -> new FastSolver(Kernels.scalar());
            case VectorKernel.NAME -> new FastSolver(Kernels.simd());
            case ExactSolver.NAME -> new ExactSolver();
            case SweepSolver.NAME -> new SweepSolver();
            default -> throw unknown(name);
        };
    }

    private static InvalidInputException unknown(String value) {
        return new InvalidInputException("solver", "Solvers.byName", value,
                "must be one of " + String.join(", ", NAMES));
    }
}
