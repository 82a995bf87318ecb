package org.solidscope.app.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.design.CellDesign;
import org.solidscope.design.DendriteAssessment;
import org.solidscope.design.DesignFile;
import org.solidscope.design.EnergyDensity;
import org.solidscope.report.LinePlot;

/**
 * The design calculators over HTTP: query parameters are the design file's keys (units in the names),
 * and a bad one is a 400 whose {@code field} names it, so the page can say so beside the input.
 */
final class DesignApi {
    private DesignApi() {}

    static CellDesign design(Map<String, List<String>> query) {
        ObjectNode root = Json.mapper().createObjectNode();
        for (var e : query.entrySet()) {
            String v = e.getValue().isEmpty() ? "" : e.getValue().get(0).strip();
            if (e.getKey().equals("cathode") || e.getKey().equals("electrolyte") || e.getKey().equals("name")) {
                root.put(e.getKey(), v);
                continue;
            }
            try {
                root.put(e.getKey(), Double.parseDouble(v));
            } catch (NumberFormatException nf) {
                root.put(e.getKey(), v); // refused by the parser with the key named
            }
        }
        return DesignFile.parse(root, "query");
    }

    static Map<String, Object> energy(CellDesign d) {
        return EnergyDensity.of(d).asMap();
    }

    static byte[] sweepPng(CellDesign d) {
        double[] loadings = new double[31];
        for (int i = 0; i < loadings.length; i++) loadings[i] = 10 + i;
        List<LinePlot.Series> series = new ArrayList<>();
        java.util.TreeSet<Double> ts = new java.util.TreeSet<>(List.of(10.0, 100.0, 500.0));
        ts.add(d.electrolyteUm());
        for (double t : ts) {
            double[] y = new double[loadings.length];
            for (int i = 0; i < y.length; i++) y[i] = EnergyDensity.of(d.withLoading(loadings[i]).withElectrolyteUm(t)).whKg();
            series.add(new LinePlot.Series(String.format("%s µm%s", fmt(t), t == d.electrolyteUm() ? " (this design)" : ""), loadings, y));
        }
        return LinePlot.png(d.cathode() + "/Li with " + d.electrolyte() + ": Wh/kg against cathode loading, a line per electrolyte thickness", "cathode loading (mg/cm²)", "Wh/kg", false, series, null);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    static Map<String, Object> dendrite(Map<String, List<String>> query) {
        Map<String, Double> p = new LinkedHashMap<>(Map.of("k_ic_mpa_m05", 1.0, "flaw_um", 10.0, "gamma", 1.0, "asr_ohm_cm2", 50.0,
                "asr_activation_kj_mol", 40.0, "current_ma_cm2", 0.5, "pressure_mpa", 5.0, "temperature_c", 25.0));
        for (var e : query.entrySet()) {
            if (!p.containsKey(e.getKey())) throw new InputException("query", e.getKey(), "one of " + new java.util.TreeSet<>(p.keySet()), "'" + e.getKey() + "'");
            String v = e.getValue().isEmpty() ? "" : e.getValue().get(0).strip();
            try {
                double x = Double.parseDouble(v);
                if (!Double.isFinite(x)) throw new NumberFormatException();
                p.put(e.getKey(), x);
            } catch (NumberFormatException nf) {
                throw new InputException("query", e.getKey(), "a number", "'" + v + "'");
            }
        }
        DendriteAssessment.Result d;
        try {
            d = DendriteAssessment.of(new DendriteAssessment.Inputs(p.get("k_ic_mpa_m05"), p.get("flaw_um"), p.get("gamma"), p.get("asr_ohm_cm2"),
                    p.get("asr_activation_kj_mol"), p.get("current_ma_cm2"), p.get("pressure_mpa"), p.get("temperature_c")));
        } catch (InputException ie) {
            throw new InputException("query", ie.field(), ie.expected(), ie.found());
        }
        Map<String, Object> out = new LinkedHashMap<>(p);
        out.put("griffith_overpotential_v", d.griffithOverpotentialV());
        out.put("applied_overpotential_v", d.appliedOverpotentialV());
        out.put("critical_overpotential_v", d.criticalOverpotentialV());
        out.put("margin", d.margin());
        out.put("predicted_ccd_ma_cm2", d.predictedCcdMaCm2());
        return out;
    }
}
