package org.solidscope.tomo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.solidscope.core.InputException;
import org.solidscope.core.Progress;
import org.solidscope.core.record.AnalysisRecord;
import org.solidscope.core.record.CellFrame;
import org.solidscope.core.record.Metric;
import org.solidscope.core.record.Modality;
import java.util.Set;
import org.solidscope.core.record.Verdict;
import org.solidscope.core.record.Specification;
import org.solidscope.core.record.RecordArray;
import org.solidscope.core.record.Sidecars;
import org.solidscope.core.record.Source;
import org.solidscope.io.Npy;
import org.solidscope.io.VolumeData;
import org.solidscope.io.VolumeIO;
import org.solidscope.tomo.Volume16;

/**
 * CT volumes in the record: a reconstructed uint16 volume of a cell section in some state, run
 * through {@link InterfacePipeline}. Cell and state come from (in this order) the user's hints, the
 * JSON sidecar ({@code cell_id}, {@code state}) or the file name {@code <cell>_<state>.<ext>}; the
 * voxel size from a hint, the sidecar's or the file's {@code voxel_um}. Where the field of view lies in
 * the cell comes from the sidecar ({@code fov_origin_x_mm}, {@code fov_origin_y_mm}, optional
 * {@code fov_rotation_deg}), when it says.
 */
public final class CtModality implements Modality {
    public static final String ID = "ct";
    static final Pattern NAME = Pattern.compile("^(?<cell>.+?)_(?<state>[a-z]+(_\\d+)?)\\.(npy|tif|tiff|raw|h5|hdf5|nxs)$", Pattern.CASE_INSENSITIVE);

    /** @param voxelUm NaN: from the file or its sidecar */
    public record Settings(InterfacePipeline.Settings pipeline, double voxelUm) {
        public static Settings defaults() { return new Settings(InterfacePipeline.Settings.seed(), Double.NaN); }
    }

    private final Settings settings;
    private final Specification.Section section;

    /** The seed's settings, judging nothing until {@link #configured} with a specification. */
    public CtModality() {
        this(Settings.defaults());
    }

    public CtModality(Settings settings) {
        this(settings, null);
    }

    private CtModality(Settings settings, Specification.Section section) {
        this.settings = settings;
        this.section = section;
    }

    @Override
    public String id() { return ID; }

    /** What a specification's {@code ct.rules} may judge. */
    static final java.util.SortedSet<String> METRICS = new java.util.TreeSet<>(List.of("ra_um", "rq_um", "rz_um", "rsk", "rku", "anode_volume_um3",
            "components", "voxel_um"));

    @Override
    public String mapArray() { return "height"; }

    @Override
    public Modality configured(Specification spec) {
        return new CtModality(settings, spec.section(ID, ID + ".", METRICS, Set.of()));
    }

    @Override
    public Map<String, Object> defaultSpecification() {
        // a Li-metal interface rougher than 5 µm Ra concentrates current (seed 001's cycled cells roughen to a few µm); a
        // lithium layer in more than one piece holds voids or islands cut off from the current collector
        return Map.of(ID, Map.of("rules", List.of(
                Map.of("metric", "ra_um", "fail_above", 10.0, "review_above", 5.0),
                Map.of("metric", "components", "review_above", 1))));
    }


    @Override
    public Specification.Section section() { return section; }


    /** Single-file volumes (.npy of three dimensions, TIFF, raw, HDF5) that are not the simulator's ground truth. */
    @Override
    public Claim claim(Source source) {
        if (!recognises(source)) return Claim.NONE;
        // a 3-D .npy is a volume by its shape; TIFF, raw and HDF5 files by their names (a C-scan TIFF has a sidecar saying so)
        return source.name().toLowerCase(Locale.ROOT).endsWith(".npy") ? Claim.BY_CONTENT : Claim.BY_NAME;
    }

    @Override
    public boolean recognises(Source source) {
        String n = source.name().toLowerCase(Locale.ROOT);
        if (!VolumeIO.isVolumeName(n) || n.contains(".truth") || n.endsWith(".ascan.npy")) return false;
        if (source.sidecarJson() != null) { // a sidecar that names another modality, or an energy axis (a spectra cube), is not a CT volume's
            try {
                com.fasterxml.jackson.databind.JsonNode side = org.solidscope.core.Json.mapper().readTree(source.sidecarJson());
                String modality = side.path("modality").asText("");
                if (!modality.isEmpty() && !modality.equalsIgnoreCase("ct")) return false;
                if (side.has("energy_start_kev") || side.has("energy_bin_kev") || side.has("energy_kev")) return false;
            } catch (java.io.IOException e) {
                return false;
            }
        }
        if (n.endsWith(".npy")) {
            try {
                return Npy.readHeader(source.data()).shape().length == 3;
            } catch (InputException e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Identity identify(Source source, Map<String, String> hints) {
        return Sidecars.identify(source, hints, NAME);
    }

    static JsonNode sidecar(Source source) {
        return Sidecars.read(source);
    }

    @Override
    public Analysed analyse(Source source, Identity identity) {
        String src = source.shown();
        JsonNode side = sidecar(source);
        String dataset = side != null && side.hasNonNull("dataset") ? side.get("dataset").asText() : null;
        VolumeData data = VolumeIO.read(source.name(), source.data(), source.sidecarJson(), dataset);
        double voxelUm = voxelUm(source, data);
        if (!(voxelUm > 0) || Double.isInfinite(voxelUm)) {
            throw new InputException(src, "voxel_um", "the voxel size in µm from the file, its sidecar (voxel_um) or --voxel-um", "none");
        }
        if (!(data.slices() instanceof short[][] s)) throw new InputException(src, "dtype", "uint16", data.dtype());
        Volume16 v = new Volume16(data.nx(), data.ny(), data.nz(), voxelUm, s);
        InterfacePipeline.Result r = InterfacePipeline.run(v, settings.pipeline(), src, Map.of(source.name(), source.checksum()), Progress.NONE);
        return analysed(source, r, data.dtype());
    }

    /** The volume's voxel size: the settings', else the sidecar's {@code voxel_um}, else the file's own; NaN when none says. */
    public double voxelUm(Source source, VolumeData data) {
        JsonNode side = sidecar(source);
        if (Double.isFinite(settings.voxelUm())) return settings.voxelUm();
        if (side != null && side.hasNonNull("voxel_um")) return side.get("voxel_um").asDouble();
        return data.voxelUm();
    }

    /** What the record keeps of a pipeline run on {@code source}: settings, the field of view in the cell, the analysis. */
    public static Analysed analysed(Source source, InterfacePipeline.Result r, String dtype) {
        JsonNode side = sidecar(source);
        String dataset = side != null && side.hasNonNull("dataset") ? side.get("dataset").asText() : null;
        double voxelUm = r.voxelUm();
        CellFrame frame = null;
        if (side != null && side.hasNonNull("fov_origin_x_mm") && side.hasNonNull("fov_origin_y_mm")) {
            frame = new CellFrame(side.get("fov_origin_x_mm").asDouble(), side.get("fov_origin_y_mm").asDouble(), voxelUm / 1000,
                    side.path("fov_rotation_deg").asDouble(0), Double.NaN);
        }
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("shape", new int[] {r.nz(), r.ny(), r.nx()});
        st.put("dtype", dtype);
        st.put("voxel_um", voxelUm);
        if (dataset != null) st.put("dataset", dataset);
        if (source.sidecarJson() != null) st.put("sidecar", source.sidecarJson());
        return new Analysed("X-ray CT", st, frame, record(r, frame), Double.NaN, Double.NaN);
    }

    /**
     * The record of a pipeline run: metrics {@code ct.*} (roughness, anode volume, components,
     * threshold), the height map and the middle slices with their segmentation.
     */
    public static AnalysisRecord record(InterfacePipeline.Result r, CellFrame frame) {
        var ro = r.roughness();
        List<Metric> m = new ArrayList<>();
        m.add(Metric.of("ct.ra_um", ro.ra(), "µm"));
        m.add(Metric.of("ct.rq_um", ro.rq(), "µm"));
        m.add(Metric.of("ct.rz_um", ro.rz(), "µm"));
        m.add(Metric.of("ct.rsk", ro.rsk(), "1"));
        m.add(Metric.of("ct.rku", ro.rku(), "1"));
        m.add(Metric.of("ct.anode_voxels", r.anodeVoxels(), "1"));
        m.add(Metric.of("ct.anode_volume_um3", r.anodeVolumeUm3(), "µm³"));
        m.add(Metric.of("ct.components", r.components(), "1"));
        m.add(Metric.of("ct.otsu_threshold", r.threshold(), "1"));
        m.add(Metric.of("ct.voxel_um", r.voxelUm(), "µm"));
        float[] h = new float[ro.residualUm().length];
        for (int i = 0; i < h.length; i++) h[i] = (float) ro.residualUm()[i];
        double pitch = r.voxelUm() / 1000;
        List<RecordArray> a = List.of(
                new RecordArray("height", "map", "float32", new int[] {ro.ny(), ro.nx()}, "µm", pitch, frame, Npy.encode2D(ro.ny(), ro.nx(), h)),
                new RecordArray("slice_xy", "slice", "uint16", new int[] {r.ny(), r.nx()}, "1", pitch, frame, Npy.encode2D(r.ny(), r.nx(), r.sliceXy())),
                new RecordArray("slice_xz", "slice", "uint16", new int[] {r.nz(), r.nx()}, "1", pitch, null, Npy.encode2D(r.nz(), r.nx(), r.sliceXz())),
                new RecordArray("anode_xy", "mask", "uint8", new int[] {r.ny(), r.nx()}, "1", pitch, frame, Npy.encode2D(r.ny(), r.nx(), r.anodeXy())),
                new RecordArray("anode_xz", "mask", "uint8", new int[] {r.nz(), r.nx()}, "1", pitch, null, Npy.encode2D(r.nz(), r.nx(), r.anodeXz())));
        return new AnalysisRecord(ID, r.provenance(), m, a, List.of(), null, null, List.of());
    }
}
