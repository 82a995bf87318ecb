package org.solidscope.echem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.solidscope.core.InputException;
import org.solidscope.core.NumericalException;

/**
 * Complex non-linear least squares: Re and Im of the model against the data together, weighted by
 * 1 (unit) or 1/|Z| (modulus), solved by Hipparchus' Levenberg–Marquardt with every parameter kept
 * within its bounds (&gt; 0; a CPE exponent in (0, 1]) by working on ln p (logit α). Standard errors follow
 * SciPy's {@code curve_fit}: the covariance {@code (JᵀJ)⁻¹}, J taken in the parameters themselves at the
 * optimum, scaled by the reduced χ² = Σr²/(2N − p).
 */
public final class CircuitFit {
    private CircuitFit() {}

    public enum Weighting { UNIT, MODULUS }

    /** One fitted parameter with its 1σ standard error. */
    public record Parameter(String name, double value, double stderr, String unit, boolean fixed) {}

    public record Result(Circuit circuit, List<Parameter> parameters, double chi2, double reducedChi2, double rmseOhm, int iterations,
                         double[][] covariance, double aic, double bic, double elapsedMs) {
        public double[] values() { return parameters.stream().mapToDouble(Parameter::value).toArray(); }
    }

    /**
     * A global start: the fit from {@code initial} and from {@code starts − 1} further points, each free
     * parameter scaled by 10^U(−1, 1) (a CPE exponent drawn from U(0.5, 1)), run on all cores; the lowest χ²
     * wins (ties to the earlier start, so the answer does not depend on the number of cores). Starts that
     * do not converge are dropped; the fit fails only when none converges.
     */
    public static Result fitGlobal(Circuit c, ImpedanceSpectrum s, double[] initial, Weighting weighting, java.util.Map<String, Double> fixed,
                                   int starts, long seed) {
        if (starts < 1) throw new InputException("--global", "starts", "at least 1", String.valueOf(starts));
        long t0 = System.nanoTime();
        java.util.Random r = new java.util.Random(seed);
        List<String> free = c.parameterNames().stream().filter(name -> !fixed.containsKey(name)).toList();
        double[][] points = new double[starts][];
        points[0] = initial.clone();
        for (int k = 1; k < starts; k++) {
            points[k] = initial.clone();
            for (int j = 0; j < points[k].length && j < free.size(); j++) {
                boolean exponent = Circuit.isExponent(free.get(j));
                points[k][j] = exponent ? 0.5 + 0.5 * r.nextDouble() : initial[j] * Math.pow(10, 2 * r.nextDouble() - 1);
            }
        }
        Result[] results = new Result[starts];
        NumericalException[] failures = new NumericalException[1];
        java.util.stream.IntStream.range(0, starts).parallel().forEach(k -> {
            try {
                results[k] = fit(c, s, points[k], weighting, fixed);
            } catch (NumericalException e) {
                failures[0] = e;
            }
        });
        Result best = null;
        for (Result x : results) if (x != null && (best == null || x.chi2() < best.chi2())) best = x;
        if (best == null) throw failures[0];
        return new Result(best.circuit(), best.parameters(), best.chi2(), best.reducedChi2(), best.rmseOhm(), best.iterations(), best.covariance(),
                best.aic(), best.bic(), (System.nanoTime() - t0) / 1e6);
    }

    public static Result fit(Circuit c, ImpedanceSpectrum s, double[] initial, Weighting weighting) {
        return fit(c, s, initial, weighting, java.util.Map.of());
    }

    /**
     * As {@link #fit(Circuit, ImpedanceSpectrum, double[], Weighting)} with some parameters held at given
     * values ({@code CPE1_1=0.9}); {@code initial} then holds guesses for the free parameters only, in order.
     */
    public static Result fit(Circuit c, ImpedanceSpectrum s, double[] initial, Weighting weighting, java.util.Map<String, Double> fixed) {
        long t0 = System.nanoTime();
        int all = c.parameterCount(), n = s.size();
        for (String name : fixed.keySet()) {
            if (!c.parameterNames().contains(name)) throw new InputException("--fixed", name, "a parameter of " + c + ": " + c.parameterNames(), "'" + name + "'");
        }
        int[] free = java.util.stream.IntStream.range(0, all).filter(k -> !fixed.containsKey(c.parameterNames().get(k))).toArray();
        int p = free.length;
        List<String> freeNames = Arrays.stream(free).mapToObj(k -> c.parameterNames().get(k)).toList();
        if (p == 0) throw new InputException("--fixed", "fixed", "at least one free parameter", "every parameter fixed");
        if (p > 2 * n) { // Re and Im of n points: more parameters than numbers can only be undetermined
            throw new InputException("--circuit", "parameters", "at most " + 2 * n + " free parameters for " + n + " points (Re and Im of each)", p + " parameters");
        }
        if (initial == null || initial.length != p) {
            throw new InputException("--initial", "initial guesses", p + " values for " + freeNames, initial == null ? "none" : initial.length + " values");
        }
        double[] base = new double[all];
        fixed.forEach((name, v) -> base[c.parameterNames().indexOf(name)] = v);
        java.util.function.Function<double[], double[]> expand = q -> {
            double[] full = base.clone();
            for (int k = 0; k < p; k++) full[free[k]] = q[k];
            return full;
        };
        double[] upper = new double[p];
        for (int k = 0; k < p; k++) {
            upper[k] = Circuit.isExponent(freeNames.get(k)) ? 1 : Double.POSITIVE_INFINITY;
            if (!(initial[k] > 0 && initial[k] < upper[k] || upper[k] == 1 && initial[k] == 1) || !Double.isFinite(initial[k])) {
                throw new InputException("--initial", freeNames.get(k), upper[k] == 1
                        ? "a guess in (0, 1] (a CPE exponent)" : "a finite guess > 0 (every parameter of a circuit is positive; the fit works on its logarithm)",
                        String.valueOf(initial[k]));
            }
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = weighting == Weighting.MODULUS ? 1 / Math.hypot(s.zRealOhm()[i], s.zImagOhm()[i]) : 1;
        double[] target = new double[2 * n];
        for (int i = 0; i < n; i++) {
            target[i] = s.zRealOhm()[i] * w[i];
            target[n + i] = s.zImagOhm()[i] * w[i];
        }
        double[] re = new double[n], im = new double[n];
        java.util.function.Function<double[], double[]> model = q -> {
            double[] out = new double[2 * n];
            c.impedance(expand.apply(q), s.frequencyHz(), re, im);
            for (int i = 0; i < n; i++) {
                out[i] = re[i] * w[i];
                out[n + i] = im[i] * w[i];
            }
            return out;
        };
        // Bounds by transformation: the optimiser moves u = ln p (p > 0) or u = logit p (a CPE exponent in (0, 1)),
        // so that no step leaves the feasible region and none is clipped onto a bound it does not belong to.
        java.util.function.Function<double[], double[]> fromU = u -> {
            double[] q = new double[p];
            for (int k = 0; k < p; k++) q[k] = upper[k] == 1 ? 1 / (1 + Math.exp(-u[k])) : Math.exp(u[k]);
            return q;
        };
        double[] u0 = new double[p];
        for (int k = 0; k < p; k++) u0[k] = upper[k] == 1 ? Math.log(Math.min(initial[k], 1 - 1e-9) / (1 - Math.min(initial[k], 1 - 1e-9))) : Math.log(initial[k]);
        var jacobianModel = (org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction) point -> {
            double[] u = point.toArray();
            double[] v = model.apply(fromU.apply(u));
            double[][] j = new double[2 * n][p];
            for (int k = 0; k < p; k++) { // forward differences, as MINPACK and SciPy take them
                double h = 1.5e-8 * Math.max(Math.abs(u[k]), 1);
                double[] up = u.clone();
                up[k] += h;
                double[] vp = model.apply(fromU.apply(up));
                for (int i = 0; i < 2 * n; i++) j[i][k] = (vp[i] - v[i]) / h;
            }
            return new Pair<RealVector, RealMatrix>(new ArrayRealVector(v, false), new Array2DRowRealMatrix(j, false));
        };
        LeastSquaresOptimizer.Optimum opt;
        try {
            opt = new LevenbergMarquardtOptimizer().withCostRelativeTolerance(1e-13).withParameterRelativeTolerance(1e-13)
                    .optimize(new LeastSquaresBuilder().model(jacobianModel).target(target).start(u0).maxEvaluations(20_000).maxIterations(5_000).build());
        } catch (org.hipparchus.exception.MathIllegalStateException e) {
            throw new NumericalException("the fit of " + c + " did not converge from " + Arrays.toString(initial) + ": " + e.getMessage());
        }
        double[] xf = fromU.apply(opt.getPoint().toArray());
        double[] x = expand.apply(xf);
        double[] fitted = model.apply(xf);
        double chi2 = 0;
        for (int i = 0; i < 2 * n; i++) chi2 += (fitted[i] - target[i]) * (fitted[i] - target[i]);
        int dof = Math.max(1, 2 * n - p);
        double red = chi2 / dof;
        // covariance in the parameters themselves: (JᵀJ)⁻¹·χ²_red with J = ∂model/∂p at the optimum (SciPy's curve_fit)
        double[][] jp = new double[2 * n][p];
        for (int k = 0; k < p; k++) {
            double h = 1e-6 * xf[k];
            double[] qp = xf.clone(), qm = xf.clone();
            qp[k] += h;
            qm[k] -= h;
            double[] vp = model.apply(qp), vm = model.apply(qm);
            for (int i = 0; i < 2 * n; i++) jp[i][k] = (vp[i] - vm[i]) / (2 * h) * xf[k]; // ∂/∂ln p: columns of one scale
        }
        RealMatrix jm = new Array2DRowRealMatrix(jp, false);
        double[][] cov = new double[p][p];
        try {
            // parameters span 10 decades (F to kΩ): invert in relative units, then scale back, so no direction is lost to round-off
            double[][] rel = new org.hipparchus.linear.QRDecomposition(jm.transposeMultiply(jm), 1e-14).getSolver().getInverse().scalarMultiply(red).getData();
            for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) cov[a][b] = rel[a][b] * xf[a] * xf[b];
            for (int k = 0; k < p; k++) if (!(cov[k][k] >= 0)) throw new org.hipparchus.exception.MathIllegalArgumentException(org.hipparchus.exception.LocalizedCoreFormats.SINGULAR_MATRIX);
        } catch (org.hipparchus.exception.MathIllegalArgumentException singular) {
            for (double[] row : cov) Arrays.fill(row, Double.NaN); // parameters the data cannot tell apart
        }
        List<Parameter> params = new ArrayList<>();
        for (int k = 0, f = 0; k < all; k++) {
            boolean isFixed = fixed.containsKey(c.parameterNames().get(k));
            params.add(new Parameter(c.parameterNames().get(k), x[k], isFixed ? 0 : Math.sqrt(cov[f][f]), c.parameterUnits().get(k), isFixed));
            if (!isFixed) f++;
        }
        // RMSE of the unweighted complex residual
        c.impedance(x, s.frequencyHz(), re, im);
        double ss = 0;
        for (int i = 0; i < n; i++) ss += Math.pow(re[i] - s.zRealOhm()[i], 2) + Math.pow(im[i] - s.zImagOhm()[i], 2);
        double m = 2.0 * n;
        double aic = m * Math.log(chi2 / m) + 2 * p, bic = m * Math.log(chi2 / m) + p * Math.log(m);
        return new Result(c, List.copyOf(params), chi2, red, Math.sqrt(ss / n), opt.getIterations(), cov, aic, bic, (System.nanoTime() - t0) / 1e6);
    }
}
