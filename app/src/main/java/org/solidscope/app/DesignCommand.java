package org.solidscope.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.design.CellDesign;
import org.solidscope.design.DendriteAssessment;
import org.solidscope.design.DendriteMargin;
import org.solidscope.design.DesignFile;
import org.solidscope.design.DesignMaterials;
import org.solidscope.design.EnergyDensity;
import org.solidscope.design.InterfaceStability;
import org.solidscope.design.Sensitivity;
import org.solidscope.report.BarChart;
import org.solidscope.report.LinePlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Cell design calculators: energy density of a stack, sweeps and sensitivity, dendrite-penetration margins. */
@Command(name = "design", mixinStandardHelpOptions = true,
        description = "Cell design: energy density of solid-state stacks (seed 003) and dendrite-penetration margins (seed 001).",
        subcommands = {DesignCommand.Energy.class, DesignCommand.Sweep.class, DesignCommand.Dendrite.class},
        footer = {"", "Examples:",
                "  solidscope design energy --cathode NCM811 --loading-mg-cm2 22 --electrolyte PEO:LLZO --electrolyte-um 100 --plot mass.png",
                "  solidscope design sweep --loading-mg-cm2 10:40 --electrolyte-um 10,50,100,500 --plot whkg.png --tornado tornado.png",
                "  solidscope design dendrite --electrolyte LLZO --flaw-um 10 --asr-ohm-cm2 50 --current-ma-cm2 0.5 --pressure-mpa 5 --temperature-c 25"})
final class DesignCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Main.out());
    }

    /** The stack: a design file (or seed 003's parameters), with the options given on top. */
    static final class StackOptions {
        @Option(names = "--design", description = "design file (JSON, keys with units: loading_mg_cm2, electrolyte_um, …)") Path file;
        @Option(names = "--cathode", description = "NCM811 or LFP (default: the file's, else NCM811)") String cathode;
        @Option(names = "--loading-mg-cm2", description = "active-material loading per cathode layer, mg/cm²") Double loading;
        @Option(names = "--electrolyte", description = "electrolyte of the library: LLZO, LATP, LiPON, LGPS, LPS, PEO, PEO:LLZO") String electrolyte;
        @Option(names = "--electrolyte-um", description = "electrolyte thickness, µm") Double electrolyteUm;

        CellDesign design() {
            var root = Json.mapper().createObjectNode();
            if (file != null) {
                CellDesign d = DesignFile.load(file);
                root.put("cathode", d.cathode()).put("loading_mg_cm2", d.loadingMgCm2()).put("electrolyte", d.electrolyte())
                        .put("electrolyte_um", d.electrolyteUm()).put("np_ratio", d.npRatio()).put("lithium_min_um", d.lithiumMinUm())
                        .put("aluminium_um", d.aluminiumUm()).put("copper_um", d.copperUm()).put("packaging_mass_fraction", d.packagingMassFraction())
                        .put("packaging_volume_fraction", d.packagingVolumeFraction()).put("specific_capacity_mah_g", d.specificCapacityMahG())
                        .put("voltage_v", d.voltageV()).put("active_fraction", d.activeFraction()).put("cathode_density_g_cm3", d.compositeDensityGcm3())
                        .put("electrolyte_density_g_cm3", d.electrolyteDensityGcm3());
                // a material named on the command line brings its own library values
                if (cathode != null) for (String k : List.of("specific_capacity_mah_g", "voltage_v", "active_fraction", "cathode_density_g_cm3")) root.remove(k);
                if (electrolyte != null) root.remove("electrolyte_density_g_cm3");
            }
            if (cathode != null) root.put("cathode", cathode);
            if (loading != null) root.put("loading_mg_cm2", loading);
            if (electrolyte != null) root.put("electrolyte", electrolyte);
            if (electrolyteUm != null) root.put("electrolyte_um", electrolyteUm);
            try {
                return DesignFile.parse(root, file != null ? file.toString() : "options");
            } catch (InputException e) {
                // name the option the user typed
                String opt = switch (e.field()) {
                    case "loading_mg_cm2" -> "--loading-mg-cm2";
                    case "electrolyte_um" -> "--electrolyte-um";
                    case "electrolyte" -> "--electrolyte";
                    case "cathode" -> "--cathode";
                    default -> null;
                };
                throw opt != null && file == null ? new InputException(opt, e.field(), e.expected(), e.found()) : e;
            }
        }
    }

    @Command(name = "energy", mixinStandardHelpOptions = true, description = "Wh/kg and Wh/L of a stack with the mass and thickness of every component.")
    static final class Energy implements Callable<Integer> {
        @Mixin StackOptions stack;
        @Option(names = "--json", description = "result as JSON") Path json;
        @Option(names = "--plot", description = "mass breakdown (PNG)") Path plot;

        @Override
        public Integer call() {
            EnergyDensity.Result r = EnergyDensity.of(stack.design());
            CellDesign d = r.design();
            var out = Main.out();
            out.printf("%s %.1f mg/cm² | %s %.0f µm | Li %.1f µm (N/P %.2f): %.0f Wh/kg, %.0f Wh/L (%.2f mAh/cm², %.2f mWh/cm²)%n", d.cathode(),
                    d.loadingMgCm2(), d.electrolyte(), d.electrolyteUm(), r.lithiumUm(), d.npRatio(), r.whKg(), r.whL(), r.arealCapacityMahCm2(), r.energyMwhCm2());
            out.printf("%-12s %12s %8s %12s %8s%n", "component", "mass mg/cm²", "share", "thickness µm", "share");
            for (String k : r.massMgCm2().keySet()) {
                out.printf("%-12s %12.3f %7.1f%% %12.2f %7.1f%%%n", k, r.massMgCm2().get(k), 100 * r.massMgCm2().get(k) / r.totalMassMgCm2(),
                        r.thicknessUm().get(k), 100 * r.thicknessUm().get(k) / r.totalThicknessUm());
            }
            out.printf("%-12s %12.3f %8s %12.2f%n", "total", r.totalMassMgCm2(), "", r.totalThicknessUm());
            if (json != null) AtomicOutput.writeString(json, Json.write(r.asMap()));
            if (plot != null) AtomicOutput.writeBytes(plot, r.massChart());
            return 0;
        }
    }

    /** "10:40" (31 points) or "10:40:7" or "10,22,40". */
    static double[] values(String option, String text, int defaultPoints) {
        try {
            if (text.contains(":")) {
                String[] p = text.split(":");
                if (p.length < 2 || p.length > 3) throw new NumberFormatException();
                double a = Double.parseDouble(p[0]), b = Double.parseDouble(p[1]);
                int n = p.length == 3 ? Integer.parseInt(p[2]) : defaultPoints;
                if (!(b > a) || n < 2 || n > 10_000) throw new InputException(option, "range", "FROM:TO[:POINTS] with FROM < TO, 2–10000 points", text);
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = a + (b - a) * i / (n - 1);
                return v;
            }
            return java.util.Arrays.stream(text.split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new InputException(option, "values", "FROM:TO[:POINTS] or a comma-separated list of numbers", "'" + text + "'");
        }
    }

    @Command(name = "sweep", mixinStandardHelpOptions = true,
            description = "Wh/kg and Wh/L over loading × electrolyte thickness, and the sensitivity of Wh/kg to each parameter (tornado).")
    static final class Sweep implements Callable<Integer> {
        @Mixin StackOptions stack;
        @Option(names = "--loadings-mg-cm2", defaultValue = "10:40", description = "loadings: FROM:TO[:POINTS] or a list (default ${DEFAULT-VALUE})") String loadings;
        @Option(names = "--thicknesses-um", defaultValue = "10,50,100,500", description = "electrolyte thicknesses (default ${DEFAULT-VALUE})") String thicknesses;
        @Option(names = "--json", description = "the grid as JSON") Path json;
        @Option(names = "--plot", description = "Wh/kg against loading, a line per thickness (PNG)") Path plot;
        @Option(names = "--plot-volumetric", description = "Wh/L against loading (PNG)") Path plotL;
        @Option(names = "--tornado", description = "sensitivity of Wh/kg to ±20 % of each parameter (PNG)") Path tornado;

        @Override
        public Integer call() {
            CellDesign base = stack.design();
            double[] ls = values("--loadings-mg-cm2", loadings, 31), ts = values("--thicknesses-um", thicknesses, 5);
            List<LinePlot.Series> kg = new ArrayList<>(), l = new ArrayList<>();
            List<Map<String, Object>> grid = new ArrayList<>();
            for (double t : ts) {
                double[] wk = new double[ls.length], wl = new double[ls.length];
                for (int i = 0; i < ls.length; i++) {
                    EnergyDensity.Result r = EnergyDensity.of(base.withLoading(ls[i]).withElectrolyteUm(t));
                    wk[i] = r.whKg();
                    wl[i] = r.whL();
                    grid.add(Map.of("loading_mg_cm2", ls[i], "electrolyte_um", t, "wh_kg", r.whKg(), "wh_l", r.whL()));
                }
                kg.add(new LinePlot.Series(base.electrolyte() + " " + label(t) + " µm", ls, wk));
                l.add(new LinePlot.Series(base.electrolyte() + " " + label(t) + " µm", ls, wl));
                Main.out().printf("%s %6s µm: %s Wh/kg at %s mg/cm²; %s Wh/L%n", base.electrolyte(), label(t), range(wk), range(ls), range(wl));
            }
            List<Sensitivity.Swing> swings = Sensitivity.of(base, 0.2);
            double baseWhKg = EnergyDensity.of(base).whKg();
            Main.out().printf("sensitivity of %.0f Wh/kg to ±20 %%:%n", baseWhKg);
            for (Sensitivity.Swing s : swings) Main.out().printf("  %-28s %6.0f … %6.0f Wh/kg%n", s.parameter(), s.lowWhKg(), s.highWhKg());
            if (json != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("design", base);
                m.put("grid", grid);
                m.put("sensitivity_20_percent", swings);
                AtomicOutput.writeString(json, Json.write(m));
            }
            String title = base.cathode() + "/Li with " + base.electrolyte();
            if (plot != null) AtomicOutput.writeBytes(plot, LinePlot.png(title + ": gravimetric energy density", "cathode loading (mg/cm²)", "Wh/kg", false, kg, null));
            if (plotL != null) AtomicOutput.writeBytes(plotL, LinePlot.png(title + ": volumetric energy density", "cathode loading (mg/cm²)", "Wh/L", false, l, null));
            if (tornado != null) {
                List<BarChart.Bar> bars = swings.stream().map(s -> new BarChart.Bar(s.parameter(), s.lowWhKg(), s.highWhKg())).toList();
                AtomicOutput.writeBytes(tornado, BarChart.png(String.format("%s: %.0f Wh/kg, each parameter ±20 %% (blue: raising it raises Wh/kg)", title, baseWhKg),
                        "Wh/kg", bars, baseWhKg));
            }
            return 0;
        }

        private static String range(double[] v) {
            return String.format("%.0f–%.0f", v[0], v[v.length - 1]);
        }
    }

    /** A number for a label, without needless decimals. */
    static String label(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Command(name = "dendrite", mixinStandardHelpOptions = true,
            description = {"How close a flaw of the electrolyte is to Li penetration (seed 001): Griffith overpotential with the plating-stress",
                    "relation, the margin at a pressure, temperature and current, the predicted critical current density, Monroe–Newman,",
                    "Li creep against temperature, pulsed current and Joule heating at pores. With --cell the flaw size comes from the record."})
    static final class Dendrite implements Callable<Integer> {
        @Option(names = "--electrolyte", description = "library electrolyte: fracture toughness and shear modulus") String electrolyte;
        @Option(names = "--k-ic-mpa-m05", description = "fracture toughness K_IC, MPa·m^½ (overrides the library)") Double kIc;
        @Option(names = "--flaw-um", description = "flaw size a, µm (or from --cell)") Double flawUm;
        @Option(names = "--gamma", defaultValue = "1", description = "geometry factor γ (default ${DEFAULT-VALUE})") double gamma;
        @Option(names = "--asr-ohm-cm2", defaultValue = "50", description = "interface resistance at 25 °C, Ω·cm² (default ${DEFAULT-VALUE})") double asr;
        @Option(names = "--asr-activation-kj-mol", defaultValue = "40", description = "its activation energy (default ${DEFAULT-VALUE})") double asrEa;
        @Option(names = "--current-ma-cm2", defaultValue = "0.5", description = "current density (default ${DEFAULT-VALUE})") double current;
        @Option(names = "--pressure-mpa", defaultValue = "5", description = "stack pressure (default ${DEFAULT-VALUE})") double pressure;
        @Option(names = "--temperature-c", defaultValue = "25", description = "temperature (default ${DEFAULT-VALUE})") double temperatureC;
        @Option(names = "--pulse-on-us", description = "pulsed current: on time, µs") Double onUs;
        @Option(names = "--pulse-off-us", description = "pulsed current: pause, µs") Double offUs;
        @Option(names = "--relaxation-us", defaultValue = "1000", description = "Li⁺ relaxation time at a defect tip, µs (default ${DEFAULT-VALUE})") double tauUs;
        @Option(names = "--cell", description = "take the flaw size from this cell's newest CT analysis (ct.rz_um)") String cell;
        @Mixin CatalogOptions where;
        @Option(names = "--json", description = "results and the margin over pressure × temperature as JSON") Path json;
        @Option(names = "--plot", description = "margin against pressure, a line per temperature (PNG)") Path plot;

        @Override
        public Integer call() {
            DesignMaterials.Electrolyte e = electrolyte == null ? null : DesignMaterials.shipped().electrolyte("--electrolyte", "electrolyte", electrolyte);
            double k = kIc != null ? kIc : e != null ? e.kIcMpaM05() : Double.NaN;
            if (!Double.isFinite(k)) {
                throw new InputException(kIc == null && e != null ? "--electrolyte" : "--k-ic-mpa-m05", "k_ic_mpa_m05",
                        "a fracture toughness (--k-ic-mpa-m05, or an --electrolyte whose toughness the library knows)",
                        e != null ? e.name() + " has none (a polymer does not fracture this way)" : "none");
            }
            Map<String, Object> fromRecord = new LinkedHashMap<>();
            double a = flawUm != null ? flawUm : Double.NaN;
            if (cell != null) a = flawFromRecord(fromRecord, a);
            if (!Double.isFinite(a)) throw new InputException("--flaw-um", "flaw_um", "a flaw size (or --cell with a CT analysis)", "none");
            DendriteAssessment.Result d;
            try {
                d = DendriteAssessment.of(new DendriteAssessment.Inputs(k, a, gamma, asr, asrEa, current, pressure, temperatureC));
            } catch (InputException ie) {
                throw new InputException("--" + ie.field().replace('_', '-'), ie.field(), ie.expected(), ie.found());
            }
            DendriteMargin m = new DendriteMargin(k, a, gamma, asr, asrEa, DendriteAssessment.REFERENCE_K); // for the margin map below
            var out = Main.out();
            out.printf("flaw %.3g µm, K_IC %.3g MPa·m^½, γ %.3g: fracture stress %.1f MPa, reached by a plating overpotential of %.2f mV (Griffith, P = 0)%n",
                    a, k, gamma, d.fractureStressMpa(), 1e3 * d.griffithOverpotentialV());
            out.printf("at %.3g mA/cm², %.1f °C, %.3g MPa: applied %.2f mV, critical %.2f mV, margin %.3g (%s); predicted CCD %.3g mA/cm²%n",
                    current, temperatureC, pressure, 1e3 * d.appliedOverpotentialV(), 1e3 * d.criticalOverpotentialV(), d.margin(),
                    d.margin() >= 1 ? "stable" : "the flaw propagates", d.predictedCcdMaCm2());
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("k_ic_mpa_m05", k);
            res.put("flaw_um", a);
            res.put("gamma", gamma);
            res.put("fracture_stress_mpa", d.fractureStressMpa());
            res.put("griffith_overpotential_v", d.griffithOverpotentialV());
            res.put("applied_overpotential_v", d.appliedOverpotentialV());
            res.put("critical_overpotential_v", d.criticalOverpotentialV());
            res.put("margin", d.margin());
            res.put("predicted_ccd_ma_cm2", d.predictedCcdMaCm2());
            if (e != null) {
                double mn = InterfaceStability.monroeNewmanRatio(e.shearModulusGpa());
                res.put("monroe_newman_ratio", mn);
                out.printf("Monroe–Newman: G(%s)/G(Li) = %.3g (%s 2); flaws and grain boundaries can still carry Li%n", e.name(), mn, mn >= 2 ? "≥" : "<");
            }
            res.put("li_creep_rate_relative_to_25c", d.liCreepRateRelativeTo25C());
            out.printf("Li creep rate at %.1f °C: %.3g × that at 25 °C (Q = %.3g kJ/mol)%n", temperatureC, d.liCreepRateRelativeTo25C(), d.creepActivationKjMol());
            if (onUs != null || offUs != null) {
                if (onUs == null || offUs == null) throw new InputException(onUs == null ? "--pulse-on-us" : "--pulse-off-us", "pulse", "both --pulse-on-us and --pulse-off-us", "one of them");
                InputException.requirePositive("--pulse-on-us", "pulse_on_us", onUs);
                notNegative("--pulse-off-us", offUs);
                InputException.requirePositive("--relaxation-us", "relaxation_us", tauUs);
                double f = InterfaceStability.pulsedPeakFraction(onUs, offUs, tauUs);
                res.put("pulsed_peak_fraction", f);
                out.printf("pulsed %.3g µs on / %.3g µs off, τ %.3g µs: peak Li⁺ activity %.3g of direct current's; CCD up to ×%.3g%n", onUs, offUs, tauUs, f, 1 / f);
            }
            res.putAll(fromRecord);
            double[] pressures = new double[26], temps = {0, 25, 50, 80};
            for (int i = 0; i < pressures.length; i++) pressures[i] = 2.0 * i;
            List<LinePlot.Series> series = new ArrayList<>();
            List<Map<String, Object>> grid = new ArrayList<>();
            for (double tc : temps) {
                double[] y = new double[pressures.length];
                for (int i = 0; i < pressures.length; i++) {
                    y[i] = m.margin(pressures[i], tc + 273.15, current);
                    grid.add(Map.of("pressure_mpa", pressures[i], "temperature_c", tc, "margin", y[i]));
                }
                series.add(new LinePlot.Series(label(tc) + " °C", pressures, y));
            }
            res.put("margin_map", grid);
            if (json != null) AtomicOutput.writeString(json, Json.write(res));
            if (plot != null) {
                AtomicOutput.writeBytes(plot, LinePlot.png(String.format("margin ΔΦc/ΔΦ at %.3g mA/cm² (flaw %.3g µm, K_IC %.3g): above 1 stable", current, a, k),
                        "stack pressure (MPa)", "margin", false, series, new double[] {1}));
            }
            return 0;
        }

        private double flawFromRecord(Map<String, Object> fromRecord, double given) {
            try (org.solidscope.catalog.Catalog cat = where.openForReading()) {
                Map<String, Object> t = new org.solidscope.catalog.CatalogQueries(cat).timeline(cell);
                if (t == null) throw new InputException("--cell", "cell", "a cell in the record", "'" + cell + "'");
                double rz = Double.NaN, ccd = Double.NaN;
                String state = null, ccdState = null;
                for (Object s : (List<?>) t.get("states")) {
                    Map<?, ?> st = (Map<?, ?>) s;
                    for (Object o : (List<?>) st.get("measurements")) {
                        Map<?, ?> meas = (Map<?, ?>) o;
                        Object metrics = meas.get("metrics");
                        if (metrics instanceof Map<?, ?> mm && mm.get("ct.rz_um") instanceof Map<?, ?> v && v.get("value") instanceof Number n) {
                            rz = n.doubleValue(); // states come in life order: the last is the newest
                            state = String.valueOf(st.get("state"));
                        }
                        if (metrics instanceof Map<?, ?> mm && mm.get("cycling.ccd_ma_cm2") instanceof Map<?, ?> v && v.get("value") instanceof Number n) {
                            ccd = n.doubleValue();
                            ccdState = String.valueOf(st.get("state"));
                        }
                    }
                }
                if (Double.isNaN(rz)) throw new InputException("--cell", "ct.rz_um", "a CT analysis of the cell in the record", "none for '" + cell + "'");
                Map<String, Object> rec = new java.util.LinkedHashMap<>(Map.of("cell", cell, "state", state, "flaw_from", "ct.rz_um (deepest interface excursion, peak to valley)",
                        "ct_rz_um", rz, "ccd_and_resistance", "given or defaults: the margin is computed at the given current; eis.rct_ohm is in Ω, not Ω·cm² (the electrode area is not recorded)"));
                if (Double.isFinite(ccd)) rec.put("measured_ccd_ma_cm2", ccd);
                fromRecord.put("record", rec);
                Main.out().printf("cell %s: flaw size from its %s CT analysis, ct.rz_um = %.3g µm%s%n", cell, state, rz,
                        Double.isFinite(given) ? " (--flaw-um " + given + " given; the record's value used)" : "");
                if (Double.isFinite(ccd)) Main.out().printf("  measured CCD in the record (%s cycler run): %.4g mA/cm², to set beside the prediction below%n", ccdState, ccd);
                else Main.out().println("  no measured CCD in the record for this cell (a cycling ccd run stores cycling.ccd_ma_cm2)");
                Main.out().println("  interface resistance (Ω·cm²): option used — the record keeps Rct in Ω without the electrode area");
                return rz;
            }
        }
    }

    static void notNegative(String option, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) throw new InputException(option, option.substring(2).replace('-', '_'), "a finite number ≥ 0", String.valueOf(v));
    }
}
