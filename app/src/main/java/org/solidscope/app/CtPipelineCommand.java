package org.solidscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.catalog.Catalog;
import org.solidscope.core.Checksums;
import org.solidscope.core.InputException;
import org.solidscope.core.record.CellState;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.Source;
import org.solidscope.io.VolumeData;
import org.solidscope.io.VolumeIO;
import org.solidscope.tomo.Volume16;
import org.solidscope.tomo.pipeline.CtModality;
import org.solidscope.tomo.pipeline.InterfacePipeline;
import org.solidscope.tomo.pipeline.InterfaceReport;
import org.solidscope.workflow.Ingest;
import org.solidscope.workflow.ModalityRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ct pipeline}: runs {@link InterfacePipeline} on a volume, writes its files, and with {@code --store} records it. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"The seed's chain on a uint16 volume (z = first axis, anode at the bottom): 3x3x3 median, grey opening",
                "(ball), Otsu on the full histogram, 26-connected components, anode = largest dark component, interface roughness.",
                "Writes slice images with the anode outlined, the height map (.npy and .png), pipeline.json and report.html to --out-dir.",
                "--store also puts the volume and its analysis into the record (metrics ct.*, height map and slices) under --cell/--state."},
        footer = {"", "Examples:", "  solidscope ct phantom --kind cell --size 256 --out cell.npy",
                "  solidscope ct pipeline cell.npy --voxel-um 0.65 --out-dir cell-report",
                "  solidscope ct pipeline scan.raw --out-dir rep --store --lot L-2026-11 --cell B-0412 --state formation"})
final class CtPipelineCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Parameters(index = "0", paramLabel = "IN", description = "uint16 volume (" + VolumeIO.FORMATS + ")") String in;
    @Option(names = "--voxel-um", description = "voxel edge in µm (default: the file's or its sidecar's voxel_um)") Double voxelUm;
    @Option(names = "--ball", defaultValue = "3", description = "radius of the opening's ball (default ${DEFAULT-VALUE}, as the seed)") int ball;
    @Option(names = "--phase", defaultValue = "low", description = "the anode is the low (dark, as Li) or high side of the threshold (default ${DEFAULT-VALUE})") String phase;
    @Option(names = "--out-dir", required = true) Path outDir;
    @Option(names = "--store", description = "also store the volume and its analysis in the record") boolean store;
    @Option(names = "--lot", description = "lot of the cell (with --store)") String lot;
    @Option(names = "--cell", description = "cell id (with --store; default: the sidecar's cell_id or the name <cell>_<state>.<ext>)") String cell;
    @Option(names = "--state", description = "state (with --store): " + CellState.GRAMMAR) String state;
    @Mixin CatalogOptions where;

    @Override
    public Integer call() throws IOException {
        if (voxelUm != null) InputException.requirePositive("--voxel-um", "voxel size", voxelUm);
        if (!phase.equals("low") && !phase.equals("high")) throw new InputException("--phase", "phase", "low or high", phase);
        InterfacePipeline.Settings settings = new InterfacePipeline.Settings(ball, phase.equals("low"));
        CtModality ct = new CtModality(new CtModality.Settings(settings, voxelUm == null ? Double.NaN : voxelUm));
        Path file = Path.of(in.contains(":/") ? in.substring(0, in.indexOf(":/")) : in);
        Source src = Source.of(file, IngestCommand.sidecarText(file));
        Modality.Identity id = null;
        if (store) {
            if (lot == null) throw new InputException("--lot", "lot", "a lot id with --store", "none");
            if (Files.isDirectory(file)) throw new InputException(in, "file", "a single volume file to store (a folder of slices is not one)", "a directory");
            Map<String, String> hints = new LinkedHashMap<>();
            if (cell != null) hints.put("cell_id", cell);
            if (state != null) hints.put("state", state);
            id = ct.identify(src, hints); // before the long run: a missing cell or a wrong state fails at once
        }
        VolumeData data = VolumeIO.read(in);
        double voxel = ct.voxelUm(src, data);
        if (!(voxel > 0) || Double.isInfinite(voxel)) {
            throw new InputException(in, "voxel_um", "the voxel size from --voxel-um, the sidecar (voxel_um) or the file", "none");
        }
        if (!(data.slices() instanceof short[][] s)) throw new InputException(in, "dtype", "uint16", data.dtype());
        String dtype = data.dtype();
        Volume16 v = new Volume16(data.nx(), data.ny(), data.nz(), voxel, s);
        data = null;
        Map<String, String> sha = Files.isRegularFile(file) ? Map.of(file.getFileName().toString(), Checksums.sha256(file)) : Map.of();
        InterfacePipeline.Result r = InterfacePipeline.run(v, settings, in, sha, new ConsoleProgress("median 3x3x3"));
        InterfaceReport.write(outDir, in, r);
        var out = cmd.commandLine().getOut();
        out.printf("threshold %d, %d components, anode %d voxels; Ra %.3f µm, Rq %.3f µm, Rz %.3f µm; %.1f s%n", r.threshold(), r.components(),
                r.anodeVoxels(), r.roughness().ra(), r.roughness().rq(), r.roughness().rz(),
                r.stepsMs().values().stream().mapToDouble(Double::doubleValue).sum() / 1000);
        out.println("report: " + outDir.resolve("report.html"));
        if (store) {
            try (Catalog cat = where.open()) {
                Ingest.Result res = new Ingest(cat, ModalityRegistry.standard()).store(file, lot, ct, id, CtModality.analysed(src, r, dtype));
                if (res.outcome() == Ingest.Outcome.CONFLICT || res.outcome() == Ingest.Outcome.FAILED) {
                    throw new InputException(in, "record", "a volume the record does not hold as another cell or state", res.reason());
                }
                out.printf("record: %s, cell %s, state %s (lot %s)%s%n", res.outcome().name().toLowerCase(java.util.Locale.ROOT), res.cellId(), res.state(), lot,
                        res.reason().isEmpty() ? "" : ": " + res.reason());
            }
        }
        return 0;
    }
}
