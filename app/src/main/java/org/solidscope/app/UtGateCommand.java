package org.solidscope.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.Json;
import org.solidscope.io.AscanVolume;
import org.solidscope.ultrasound.AscanGate;
import org.solidscope.ultrasound.AscanGating;
import org.solidscope.ultrasound.GatedCscan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"C-scan from an A-scan volume [ny, nx, nt]: peak |a| in a time gate (percent FSH), with peak-to-peak and time of flight.",
                "The volume is streamed: memory stays bounded whatever its size."},
        footer = {"", "Examples:", "  solidscope ut gate volume.npy --gate-us 15:12 --out cscan.csv",
                "  solidscope ut gate scan.raw --sample-rate-mhz 50 --gate-us 20:20 --out peak.tif --tof tof.npy --json gate.json"})
final class UtGateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "A-scan volume: .npy, or raw with a JSON sidecar (IN.json)")
    Path in;

    @Option(names = "--gate-us", required = true, paramLabel = "START:WIDTH", description = "gate start and width in µs from the first sample")
    String gate;

    @Option(names = "--out", required = true, description = "peak-amplitude C-scan (" + MapOutputs.FORMATS + ")")
    Path out;

    @Option(names = "--tof", description = "time of flight of the peak, µs (" + MapOutputs.FORMATS + ")")
    Path tof;

    @Option(names = "--p2p", description = "peak-to-peak C-scan, percent FSH")
    Path p2p;

    @Option(names = "--sample-rate-mhz", description = "sample rate where the file does not carry it (overrides the sidecar)")
    Double sampleRateMHz;

    @Option(names = "--tof-threshold-percent", defaultValue = "10", description = "threshold on |a| for the threshold time of flight (default ${DEFAULT-VALUE} %% FSH)")
    double tofThreshold;

    @Option(names = "--json", description = "parameters, elapsed_ms and throughput")
    Path json;

    @Override
    public Integer call() {
        MapOutputs.checkExtension("--out", out);
        if (tof != null) MapOutputs.checkExtension("--tof", tof);
        if (p2p != null) MapOutputs.checkExtension("--p2p", p2p);
        AscanGate g = AscanGate.parse(gate, tofThreshold);
        GatedCscan r;
        Map<String, Object> m = new LinkedHashMap<>();
        try (AscanVolume vol = AscanVolume.open(in, sampleRateMHz)) {
            r = AscanGating.gate(vol, g, new ConsoleProgress("gating"));
            m.put("file", in.toString());
            m.put("shape", new int[] {vol.ny(), vol.nx(), vol.nt()});
            m.put("dtype", vol.type().name().toLowerCase());
            m.put("sample_rate_mhz", vol.sampleRateMHz());
            m.put("pitch_mm", vol.pitchMm());
            m.put("gain_db", vol.gainDb());
            m.put("gate_start_us", g.startUs());
            m.put("gate_width_us", g.widthUs());
            m.put("gate_samples", g.samples(vol.sampleRateMHz()));
            m.put("tof_threshold_percent_fsh", g.tofThresholdPercentFsh());
            m.put("file_bytes", vol.sizeBytes());
            m.put("elapsed_ms", r.elapsedNanos() / 1e6);
            m.put("samples_gated", r.samplesGated());
            m.put("throughput_msamples_per_s", r.samplesPerSecond() / 1e6);
            m.put("throughput_file_gib_per_s", vol.sizeBytes() / (r.elapsedNanos() / 1e9) / (1L << 30));
            m.put("saturated_points", r.saturated().count());
            m.put("threads", Runtime.getRuntime().availableProcessors());
        }
        MapOutputs.writeCscan(out, r.peak(), r.gainDb());
        if (tof != null) MapOutputs.writeMap(tof, r.tofPeakUs());
        if (p2p != null) MapOutputs.writeCscan(p2p, r.peakToPeak(), r.gainDb());
        if (json != null) AtomicOutput.writeString(json, Json.write(m));
        Main.out().printf("gated %d×%d points in %.1f ms (%.0f Msamples/s); saturated points: %d%n",
                r.peak().width(), r.peak().height(), r.elapsedNanos() / 1e6, r.samplesPerSecond() / 1e6, r.saturated().count());
        return 0;
    }
}
