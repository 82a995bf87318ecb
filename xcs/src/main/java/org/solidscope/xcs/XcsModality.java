package org.solidscope.xcs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.solidscope.core.Json;
import org.solidscope.core.Progress;
import org.solidscope.core.Provenance;
import org.solidscope.core.record.AnalysisRecord;
import org.solidscope.core.record.Metric;
import org.solidscope.core.record.Modality;
import java.util.Set;
import org.solidscope.core.record.Verdict;
import org.solidscope.core.record.Specification;
import org.solidscope.core.record.RecordArray;
import org.solidscope.core.record.Sidecars;
import org.solidscope.core.record.Source;
import org.solidscope.io.Npy;
import org.solidscope.io.xcs.SpectrumCube;
import org.solidscope.io.xcs.SpectrumCubeFiles;

/**
 * XCS spectra cubes in the record: a {@code .npy} cube whose sidecar says {@code "modality": "xcs"} and
 * {@code "kind": "spectra"} (what {@code xcs spectra}, {@code xcs pipeline --cube} and {@code xcs simulate} write).
 * Geometry from the sidecar ({@code incident_kev}, {@code angle_deg}, {@code sample_to_pinhole_mm},
 * {@code pinhole_to_detector_mm}, {@code pitch_mm}; the seed's values otherwise).
 *
 * <p>Metrics {@code xcs.*}: the field's EMF from the angle-aligned sum with its σ, the plain mean of the
 * pixels' EMF, its 5th, 25th, 75th and 95th percentiles, flagged pixels, counts. Arrays: {@code emf} and {@code emf_sigma}
 * [rows, cols] (maps at the sample's pitch, NaN where flagged) and {@code profile} [3, n] (pz a.u., J, σ) of the field.
 */
public final class XcsModality implements Modality {
    public static final String ID = "xcs";
    static final Pattern NAME = Pattern.compile("^(?<cell>.+?)_(?<state>[a-z]+(_\\d+)?)\\.(npy)$", Pattern.CASE_INSENSITIVE);

    @Override
    public String id() { return ID; }

    /** What a specification's {@code xcs.rules} may judge: the stored metrics and {@code flagged_fraction} (flagged pixels / pixels). */
    static final java.util.SortedSet<String> METRICS = new java.util.TreeSet<>(List.of("emf_field", "emf_pixel_mean", "emf_p05", "emf_p25", "emf_p75", "emf_p95",
            "flagged_pixels", "flagged_fraction", "pixels", "compton_counts"));

    private final Specification.Section section;

    /** Judging nothing until {@link #configured} with a specification. */
    public XcsModality() {
        this(null);
    }

    private XcsModality(Specification.Section section) {
        this.section = section;
    }

    @Override
    public String mapArray() { return "emf"; }

    @Override
    public Modality configured(Specification spec) {
        return new XcsModality(spec.section(ID, ID + ".", METRICS, Set.of()));
    }

    @Override
    public Map<String, Object> defaultSpecification() {
        // a map most of whose pixels are flagged (too few counts) is mostly unread: a field that reaches past the cell flags its
        // margin, so the limits leave room for it; EMF's range depends on the material and is left to a lot's own specification
        return Map.of(ID, Map.of("rules", List.of(
                Map.of("metric", "flagged_fraction", "fail_above", 0.9, "review_above", 0.6))));
    }

    @Override
    public Specification.Section section() { return section; }

    @Override
    public Verdict judge(String state, String pipeline, Map<String, Double> metrics) {
        if (section == null) return null;
        Map<String, Double> judged = new java.util.HashMap<>(metrics);
        Double flagged = metrics.get(ID + ".flagged_pixels"), pixels = metrics.get(ID + ".pixels");
        if (flagged != null && pixels != null && pixels > 0) judged.put(ID + ".flagged_fraction", flagged / pixels);
        return section.judge(judged);
    }

    @Override
    public boolean recognises(Source source) {
        String n = source.name().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".npy") || n.contains(".truth") || source.sidecarJson() == null) return false;
        try {
            JsonNode s = Json.mapper().readTree(source.sidecarJson());
            boolean xcs = "xcs".equals(s.path("modality").asText()) || s.has("energy_start_kev") || s.has("energy_bin_kev") || s.has("energy_kev");
            // a cube without its kind is still this modality's: identify() then asks for the kind instead of another modality taking it
            return xcs && (!s.has("kind") || "spectra".equals(s.path("kind").asText())) && !"adu".equalsIgnoreCase(s.path("unit").asText());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public Identity identify(Source source, Map<String, String> hints) {
        try {
            JsonNode s = Json.mapper().readTree(source.sidecarJson());
            if (!"spectra".equals(s.path("kind").asText())) {
                throw new org.solidscope.core.InputException(source.name() + ".json", "kind", "\"spectra\" (a cube of per-pixel spectra in keV, as xcs spectra writes it)",
                        s.has("kind") ? "'" + s.path("kind").asText() + "'" : "none");
            }
        } catch (java.io.IOException e) {
            throw new org.solidscope.core.InputException(source.name() + ".json", "json", "valid JSON", Json.describe(e));
        }
        return Sidecars.identify(source, hints, NAME);
    }

    @Override
    public Analysed analyse(Source source, Identity identity) {
        JsonNode side = Sidecars.read(source);
        SpectrumCube cube = SpectrumCubeFiles.read(source.data(), source.sidecarJson()).cube();
        double incident = num(side, "incident_kev", 115), angle = num(side, "angle_deg", 90);
        PinholeGeometry g = new PinholeGeometry(num(side, "sample_to_pinhole_mm", 160), num(side, "pinhole_to_detector_mm", 150), num(side, "pitch_mm", 0.25), angle);
        ComptonAnalysis an = new ComptonAnalysis(ComptonAnalysis.Settings.defaults().withIncidentKev(incident));
        EmfMap map = EmfMap.of(source.shown(), cube, g, an, Progress.NONE);
        double nominal = Math.toRadians(angle);
        double[] aligned = AlignedSum.of(cube, null, g.thetaMap(cube.rows(), cube.cols()), nominal, incident);
        ComptonAnalysis.Emf field = an.emf(aligned, null, cube.startKev(), cube.binKev(), nominal);
        ComptonAnalysis.Profile prof = an.profile(aligned, null, cube.startKev(), cube.binKev(), nominal);
        double[] mean = map.mean(null);
        double[] pct = org.solidscope.report.ArrayImages.percentiles(map.emf(), 0.05, 0.95), quart = org.solidscope.report.ArrayImages.percentiles(map.emf(), 0.25, 0.75);
        List<Metric> m = new ArrayList<>();
        m.add(new Metric("xcs.emf_field", field.emf(), "1", field.sigma()));
        m.add(new Metric("xcs.emf_pixel_mean", mean[0], "1", mean[1]));
        m.add(Metric.of("xcs.emf_p05", pct[0], "1"));
        m.add(Metric.of("xcs.emf_p95", pct[1], "1"));
        m.add(Metric.of("xcs.emf_p25", quart[0], "1"));
        m.add(Metric.of("xcs.emf_p75", quart[1], "1"));
        m.add(Metric.of("xcs.flagged_pixels", map.flagged(), "1"));
        m.add(Metric.of("xcs.pixels", cube.pixels(), "1"));
        m.add(Metric.of("xcs.compton_counts", field.counts(), "1"));
        // no timing among the metrics: an analysis is a function of its input, so a re-analysis anywhere stores the same bits
        int n = prof.pzAu().length;
        float[] pv = new float[3 * n];
        for (int k = 0; k < n; k++) {
            pv[k] = (float) prof.pzAu()[k];
            pv[n + k] = (float) prof.j()[k];
            pv[2 * n + k] = (float) prof.sigma()[k];
        }
        List<RecordArray> arrays = List.of(
                new RecordArray("emf", "map", "float32", new int[] {cube.rows(), cube.cols()}, "1", g.samplePitchMm(), null, Npy.encode2D(cube.rows(), cube.cols(), map.emf())),
                new RecordArray("emf_sigma", "map", "float32", new int[] {cube.rows(), cube.cols()}, "1", g.samplePitchMm(), null, Npy.encode2D(cube.rows(), cube.cols(), map.sigma())),
                new RecordArray("profile", "profile", "float32", new int[] {3, n}, "a.u.|1/a.u.|1/a.u.", Double.NaN, null, Npy.encode2D(3, n, pv)));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("incident_kev", incident);
        params.put("angle_deg", angle);
        params.put("pz_low_au", an.settings().lowPzAu());
        params.put("pz_high_au", an.settings().highPzAu());
        params.put("background", an.settings().background().name().toLowerCase(Locale.ROOT));
        params.put("min_counts", an.settings().minCounts());
        List<String> notes = new ArrayList<>();
        if (map.flagged() > 0) notes.add(map.flagged() + " pixels flagged: fewer than " + (long) an.settings().minCounts() + " counts within |pz| < 5 a.u.");
        AnalysisRecord r = new AnalysisRecord(ID, Provenance.of("xcs.emf/1", params, Map.of(source.name(), source.checksum())), m, arrays, List.of(), null, null, notes);
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("rows", cube.rows());
        st.put("cols", cube.cols());
        st.put("bins", cube.bins());
        st.put("energy_start_kev", cube.startKev());
        st.put("energy_bin_kev", cube.binKev());
        if (source.sidecarJson() != null) st.put("sidecar", source.sidecarJson());
        return new Analysed("xcs", st, null, r, Double.NaN, Double.NaN);
    }

    private static double num(JsonNode side, String field, double dflt) {
        if (side == null || !side.hasNonNull(field)) return dflt;
        double v = side.get(field).asDouble(Double.NaN);
        if (!Double.isFinite(v)) throw new org.solidscope.core.InputException("sidecar", field, "a number", side.get(field).asText());
        return v;
    }
}
