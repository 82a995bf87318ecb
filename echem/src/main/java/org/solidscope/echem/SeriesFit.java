package org.solidscope.echem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.solidscope.core.NumericalException;
import org.solidscope.core.Progress;

/**
 * One circuit fitted to a series of spectra (operando states, temperatures, cycles). With warm starts
 * each fit begins where the previous one ended — neighbouring states differ little, so this is both
 * faster and keeps every fit on the same branch of a multi-minimum problem; the first starts from the
 * given guesses (or guesses read off its data). Without warm starts the fits are independent and run on
 * all cores. A spectrum whose fit fails, or is not usable ({@link FitQuality}: a singular covariance, residuals above 10 %
 * of |Z|), is recorded with its reason and no numbers, not dropped silently.
 */
public final class SeriesFit {
    private SeriesFit() {}

    /** One spectrum's fit, or the reason it has none ({@code fit} null). */
    public record Entry(ImpedanceSpectrum spectrum, CircuitFit.Result fit, String failure) {}

    public record Result(Circuit circuit, List<Entry> entries, double elapsedMs) {
        /** Values of one parameter along the series (NaN where a fit failed). */
        public double[] values(String name) {
            int k = circuit.parameterNames().indexOf(name);
            return entries.stream().mapToDouble(e -> e.fit() == null ? Double.NaN : e.fit().parameters().get(k).value()).toArray();
        }

        public double[] stderrs(String name) {
            int k = circuit.parameterNames().indexOf(name);
            return entries.stream().mapToDouble(e -> e.fit() == null ? Double.NaN : e.fit().parameters().get(k).stderr()).toArray();
        }
    }

    public static Result fit(Circuit c, List<ImpedanceSpectrum> spectra, double[] initial, CircuitFit.Weighting weighting, Map<String, Double> fixed,
                             boolean warmStart, Progress progress) {
        long t0 = System.nanoTime();
        int n = spectra.size();
        Entry[] out = new Entry[n];
        if (warmStart) {
            double[] start = initial;
            for (int i = 0; i < n; i++) {
                ImpedanceSpectrum s = spectra.get(i);
                double[] guess = start != null ? start : freeGuess(c, s, fixed);
                out[i] = one(c, s, guess, weighting, fixed);
                if (out[i].fit() != null) start = free(c, out[i].fit(), fixed);
                progress.update(i + 1, n);
            }
        } else {
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                ImpedanceSpectrum s = spectra.get(i);
                out[i] = one(c, s, initial != null ? initial : freeGuess(c, s, fixed), weighting, fixed);
                progress.update(done.incrementAndGet(), n);
            });
        }
        return new Result(c, List.of(out), (System.nanoTime() - t0) / 1e6);
    }

    private static Entry one(Circuit c, ImpedanceSpectrum s, double[] guess, CircuitFit.Weighting weighting, Map<String, Double> fixed) {
        try {
            CircuitFit.Result fit = CircuitFit.fit(c, s, guess, weighting, fixed);
            FitQuality.Result q = FitQuality.judge(s, fit, false);
            // a fit that is not usable carries no numbers: its row says why, and the next warm start begins from the last good one
            if (!q.usable()) return new Entry(s, null, "no usable fit: " + String.join("; ", q.warnings()));
            return new Entry(s, fit, null);
        } catch (NumericalException e) {
            return new Entry(s, null, e.getMessage());
        }
    }

    /** Guesses read off the data, for the free parameters only. */
    public static double[] freeGuess(Circuit c, ImpedanceSpectrum s, Map<String, Double> fixed) {
        double[] all = InitialGuess.of(c, s);
        List<Double> g = new ArrayList<>();
        for (int k = 0; k < all.length; k++) if (!fixed.containsKey(c.parameterNames().get(k))) g.add(all[k]);
        return g.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] free(Circuit c, CircuitFit.Result r, Map<String, Double> fixed) {
        return r.parameters().stream().filter(p -> !p.fixed()).mapToDouble(CircuitFit.Parameter::value).toArray();
    }
}
