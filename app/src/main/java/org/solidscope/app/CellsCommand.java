package org.solidscope.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.workflow.ModalityRegistry;
import org.solidscope.workflow.correlative.MapRegistration;
import org.solidscope.workflow.correlative.Registrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cells", mixinStandardHelpOptions = true, description = "Cells in the record.",
        subcommands = {CellsCommand.ListCells.class, CellsCommand.Show.class, CellsCommand.Register.class},
        footer = {"", "Examples:", "  solidscope cells list --lot demo-lot --verdict FAIL", "  solidscope cells list --lot demo-lot --where 'ct.ra_um>0.7'",
                "  solidscope cells show battery-3 --json b3.json"})
final class CellsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Cells with their current verdict overall and per modality (--json: also per state); \"not judged\" where no rule applied.")
    static final class ListCells implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec cmd;

        @Option(names = "--lot", description = "only this lot")
        String lot;

        @Option(names = "--verdict", description = "only cells with this overall verdict: PASS | REVIEW | FAIL")
        String verdict;

        @Option(names = "--where", description = "only cells with a current metric meeting METRIC<op>VALUE (op < > <= >= =), e.g. ct.ra_um>0.7; repeatable")
        List<String> where = new ArrayList<>();

        @Option(names = "--json", description = "print JSON instead of a table")
        boolean json;

        @Mixin
        CatalogOptions catalog;

        @Override
        public Integer call() {
            if (verdict != null && !List.of("PASS", "REVIEW", "FAIL").contains(verdict.toUpperCase(Locale.ROOT))) {
                throw new InputException("--verdict", "verdict", "PASS, REVIEW or FAIL", verdict);
            }
            List<CatalogQueries.MetricFilter> filters = where.stream().map(CatalogQueries.MetricFilter::parse).toList();
            List<CatalogQueries.CellRow> rows = new CatalogQueries(catalog.openForReading()).listCells(lot, verdict, filters);
            PrintWriter out = cmd.commandLine().getOut();
            if (json) out.println(Json.write(rows(rows)));
            else table(out, rows);
            return 0;
        }

        /** The cells as JSON: overall verdict, verdict per modality and per state ("not judged" where nothing was judged). */
        static List<Map<String, Object>> rows(List<CatalogQueries.CellRow> rows) {
            List<Map<String, Object>> l = new ArrayList<>();
            for (var r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("cell", r.cellId());
                m.put("lot", r.lot());
                m.put("verdict", r.verdict());
                m.put("modalities", r.modalityVerdicts());
                m.put("states", r.stateVerdicts());
                l.add(m);
            }
            return l;
        }

        /** One row per cell: its overall verdict and one column per modality (the states are in --json and on the cell's page). */
        static void table(PrintWriter out, List<CatalogQueries.CellRow> rows) {
            TreeSet<String> modalities = new TreeSet<>();
            for (var r : rows) modalities.addAll(r.modalityVerdicts().keySet());
            StringBuilder head = new StringBuilder(String.format("%-16s %-14s %-8s", "cell", "lot", "verdict"));
            for (String m : modalities) head.append(String.format(" %-11s", m));
            out.println(head);
            for (var r : rows) {
                StringBuilder b = new StringBuilder(String.format("%-16s %-14s %-8s", r.cellId(), r.lot(), r.verdict() == null ? "–" : r.verdict()));
                for (String m : modalities) b.append(String.format(" %-11s", r.modalityVerdicts().getOrDefault(m, "–")));
                out.println(b);
            }
            out.println(rows.size() + " cells");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"One cell's timeline: every state in life order and, under it, every measurement of every modality with its",
                    "current verdict and key metrics (the same as GET /api/cells/{id}/timeline). --json writes that timeline;",
                    "--history also lists every analysis of each measurement, parameters and provenance, and the current features."})
    static final class Show implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec cmd;

        @Parameters(index = "0", paramLabel = "ID", description = "cell id")
        String id;

        @Option(names = "--json", description = "also write the JSON to this file")
        Path json;

        @Option(names = "--history", description = "every analysis of every measurement, not only the current one")
        boolean history;

        @Option(names = "--state", description = "one state across every instrument: its measurements, the state's verdict and the modalities "
                + "that measured the cell elsewhere but not here (GET /api/cells/{id}/states/{state})")
        String state;

        @Mixin
        CatalogOptions catalog;

        @Override
        @SuppressWarnings("unchecked")
        public Integer call() {
            CatalogQueries q = new CatalogQueries(catalog.openForReading());
            if (state != null) return showState(q);
            Map<String, Object> c = history ? q.showCell(id) : q.timeline(id);
            if (c == null) throw new InputException("ID", "cell", "a cell in the record", "'" + id + "'");
            if (json != null) AtomicOutput.writeString(json, Json.write(c));
            PrintWriter out = cmd.commandLine().getOut();
            out.printf("cell %s (lot %s)%s%n", c.get("cell"), c.get("lot"), c.get("width_mm") == null ? ""
                    : String.format(Locale.ROOT, ", %.1f × %.1f mm", (Double) c.get("width_mm"), (Double) c.get("height_mm")));
            for (Object so : (List<Object>) c.get("states")) {
                Map<String, Object> s = (Map<String, Object>) so;
                out.printf("  %s (%s)%n", s.get("state"), s.get("kind"));
                for (Map<String, Object> m : (List<Map<String, Object>>) s.get("measurements")) {
                    out.printf("    #%d %-10s %-34s %-7s %d analys%s%n", (Long) m.get("measurement_id"), m.get("modality"), m.get("file"),
                            m.get("verdict") == null ? "–" : m.get("verdict"), (Long) m.get("analyses"), (Long) m.get("analyses") == 1 ? "is" : "es");
                    Map<String, Object> metrics = (Map<String, Object>) m.get("metrics");
                    List<String> key = keyMetrics(metrics);
                    if (!key.isEmpty()) out.println("        " + String.join(", ", key));
                }
            }
            for (Map<String, Object> a : (List<Map<String, Object>>) c.getOrDefault("cell_analyses", List.of())) {
                out.printf("  %s of the cell (#%d, from measurements %s) %s%n", a.get("pipeline"), (Long) a.get("analysis_id"), a.get("inputs"),
                        a.get("verdict") == null ? "" : a.get("verdict"));
                List<String> key = keyMetrics((Map<String, Object>) a.get("metrics"));
                if (!key.isEmpty()) out.println("        " + String.join(", ", key));
            }
            return 0;
        }

        @SuppressWarnings("unchecked")
        private Integer showState(CatalogQueries q) {
            if (history) throw new InputException("--history/--state", "options", "one of --history and --state", "both");
            Map<String, Object> v = q.stateView(id, state);
            if (v == null) {
                Map<String, Object> t = q.timeline(id);
                if (t == null) throw new InputException("ID", "cell", "a cell in the record", "'" + id + "'");
                throw new InputException("--state", "state", "a state of cell " + id + ": "
                        + ((List<Map<String, Object>>) t.get("states")).stream().map(s -> s.get("state")).toList(), "'" + state + "'");
            }
            if (json != null) AtomicOutput.writeString(json, Json.write(v));
            PrintWriter out = cmd.commandLine().getOut();
            out.printf("cell %s, state %s (%s): %s%n", id, state, v.get("kind"), v.get("state_verdict") == null ? "–" : v.get("state_verdict"));
            out.printf("  measured by %s%s%n", String.join(", ", (List<String>) v.get("modalities")),
                    ((List<String>) v.get("missing")).isEmpty() ? "" : "; missing here: " + String.join(", ", (List<String>) v.get("missing")));
            for (Map<String, Object> m : (List<Map<String, Object>>) v.get("measurements")) {
                out.printf("    #%d %-10s %-34s %-10s%n", (Long) m.get("measurement_id"), m.get("modality"), m.get("file"),
                        m.get("verdict") == null ? "not judged" : m.get("verdict"));
                List<String> key = keyMetrics((Map<String, Object>) m.get("metrics"));
                if (!key.isEmpty()) out.println("        " + String.join(", ", key));
            }
            for (Map<String, Object> r : (List<Map<String, Object>>) v.get("verdict_reasons")) {
                out.printf("  %s %s: %s%n", r.get("verdict"), r.get("modality"), r.get("reason"));
            }
            return 0;
        }

        /** The metrics a reader looks at first, by modality; any other modality shows its first six. */
        @SuppressWarnings("unchecked")
        static List<String> keyMetrics(Map<String, Object> metrics) {
            List<String> preferred = List.of("ut.transmitting_fraction", "ut.mean_db", "ut.uniformity_cv", "ut.defect_count", "ct.ra_um", "ct.rq_um",
                    "ct.rz_um", "ct.anode_volume_um3", "ct.components", "ut.solidification.degree_mean", "ut.formation.recovery_mean");
            List<String> names = new ArrayList<>(preferred.stream().filter(metrics::containsKey).toList());
            if (names.isEmpty()) names.addAll(metrics.keySet().stream().limit(6).toList());
            List<String> out = new ArrayList<>();
            for (String n : names) {
                Map<String, Object> x = (Map<String, Object>) metrics.get(n);
                Object v = x.get("value");
                String unit = String.valueOf(x.get("unit"));
                out.add(n + " " + (v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(v)) + (unit.equals("1") ? "" : " " + unit));
            }
            return out;
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Register one measurement's map onto another's of the same cell (their modalities' maps: C-scan levels, CT",
                    "height, XCS EMF): shift, rotation and scale by normalised cross-correlation over the common field; the",
                    "transform (fixed mm to moving mm), its residual and the overlap are printed and kept in the record."},
            footer = {"", "Example:", "  solidscope cells register 12 21     # battery-4's formation C-scan (12) and its formed CT section (21)"})
    static final class Register implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec cmd;

        @Parameters(index = "0", paramLabel = "FIXED", description = "measurement id of the fixed map (cells show lists them: #12)")
        long fixed;

        @Parameters(index = "1", paramLabel = "MOVING", description = "measurement id of the moving map")
        long moving;

        @Option(names = "--max-rotation-deg", defaultValue = "12", description = "rotations searched: ± this (default ${DEFAULT-VALUE})")
        double maxRotation;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Mixin
        CatalogOptions catalog;

        @Override
        public Integer call() {
            if (!(maxRotation > 0 && maxRotation <= 45)) throw new InputException("--max-rotation-deg", "rotation", "0 < degrees ≤ 45", String.valueOf(maxRotation));
            var o = MapRegistration.Options.defaults();
            var s = new Registrations(catalog.open(), ModalityRegistry.standard())
                    .register(fixed, moving, new MapRegistration.Options(maxRotation, o.maxScaleChange(), o.minOverlap(), o.minCorrelation()));
            var r = s.registration();
            PrintWriter out = cmd.commandLine().getOut();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("registration_id", s.id());
                m.put("registration", r);
                m.put("residual", s.result().residual());
                out.println(Json.write(m));
                return 0;
            }
            out.printf("cell %s: #%d (%s) onto #%d (%s): shift (%.3f, %.3f) mm, rotation %.3f°, scale %.4f about (%.2f, %.2f) mm%n", r.cellId(), moving,
                    r.movingArray(), fixed, r.fixedArray(), r.txMm(), r.tyMm(), r.rotationDeg(), r.scale(), r.pivotXMm(), r.pivotYMm());
            out.printf("  NCC %.3f%s, residual %.3f, overlap %.1f %% of the fixed map; stored as registration %d%n", r.ncc(),
                    r.ncc() < 0 ? " (contrast inverted)" : "", s.result().residual(), 100 * r.overlapFraction(), s.id());
            return 0;
        }
    }
}
