package org.solidscope.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the start-up cache: the launcher runs it once after each build with the JVM recording which
 * classes load and which methods run hot ({@code -XX:AOTCacheOutput} on JDK 25, a CDS archive on JDK 21–24), so that
 * later calls start with those classes linked and, on JDK 25, with profiles to compile from at once. It runs the
 * common commands on small inputs in a temporary folder and leaves nothing behind; it prints nothing unless a command
 * fails (then the cache is still made, from what ran). Arguments name command groups ({@code ct eis cycling}): then only
 * their calls run, for a cache that serves those groups alone.
 */
public final class Train {
    private Train() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("solidscope-train");
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        PrintWriter err = new PrintWriter(System.err, true);
        String d = dir.toString();
        List<String[]> calls = List.of(
                new String[] {"--version"},
                new String[] {"cycling", "simulate", "--preset", "seed004-life", "--rows", "400000", "--out", d + "/life.csv"},
                new String[] {"cycling", "summary", d + "/life.csv", "--csv", d + "/cycles.csv", "--json", d + "/cycles.json"},
                new String[] {"cycling", "simulate", "--preset", "seed004-rate", "--out", d + "/rate.csv"},
                new String[] {"cycling", "dqdv", d + "/rate.csv", "--json", d + "/dqdv.json"},
                new String[] {"eis", "simulate", "--circuit", "R0-p(R1,CPE1)-W1", "--parameters", "12,85,2e-5,0.86,30", "--noise", "0.005", "--out", d + "/z.csv"},
                new String[] {"eis", "fit", d + "/z.csv", "--circuit", "R0-p(R1,CPE1)-W1", "--json", d + "/fit.json"},
                new String[] {"ut", "simulate", "--cell", "battery-1", "--out", d + "/ut"},
                new String[] {"ut", "analyze", d + "/ut/battery-1_infiltration.csv", "--stage", "infiltration", "--json", d + "/ut.json"},
                new String[] {"ct", "phantom", "--kind", "cell", "--size", "64", "--out", d + "/v.npy"},
                new String[] {"ct", "median", d + "/v.npy", "--out", d + "/m.npy"},
                new String[] {"ct", "open", d + "/v.npy", "--ball", "3", "--out", d + "/go.npy"},
                new String[] {"ct", "threshold", d + "/v.npy", "--out", d + "/mask.npy"},
                new String[] {"ct", "open", d + "/mask.npy", "--ball", "3", "--out", d + "/bo.npy"},
                new String[] {"ct", "label", d + "/mask.npy", "--out", d + "/lab.npy", "--json", d + "/lab.json"},
                new String[] {"ct", "phantom", "--kind", "porous", "--size", "48", "--out", d + "/p.npy"},
                new String[] {"ct", "threshold", d + "/p.npy", "--out", d + "/pm.npy"},
                new String[] {"ct", "tortuosity", d + "/pm.npy", "--phase", "0", "--axis", "z", "--json", d + "/tau.json"},
                new String[] {"ct", "reconstruct", d + "/sino.npy", "--filter", "ramp", "--out", d + "/rec.npy"},
                new String[] {"xcs", "simulate", "--kind", "frames", "--frames", "20000", "--dark-frames", "200", "--rows", "40", "--cols", "40", "--out", d + "/xcs"},
                new String[] {"xcs", "spectra", d + "/xcs/frames.bin", "--gradient", d + "/xcs/gradient.txt", "--intercept", d + "/xcs/intercept.txt", "--sharing", "discrimination",
                        "--out", d + "/xcs/cube.npy"},
                new String[] {"xcs", "pipeline", d + "/xcs/frames.bin", "--gradient", d + "/xcs/gradient.txt", "--intercept", d + "/xcs/intercept.txt", "--out", d + "/xcs/r.html"},
                new String[] {"xcs", "simulate", "--states", "pristine", "--rows", "40", "--cols", "40", "--out", d + "/xcs"},
                new String[] {"xcs", "emf", d + "/xcs/coin-1_pristine.npy", "--map", d + "/xcs/emf.npy"});
        // a sinogram of a centred disk (radius 40 of 128 detectors, 180 angles): its line integrals are 2·√(r² − s²) at every angle
        int angles = 180, det = 128;
        float[] sino = new float[angles * det];
        for (int a = 0; a < angles; a++) {
            for (int k = 0; k < det; k++) {
                double s = k - (det - 1) / 2.0;
                sino[a * det + k] = (float) (Math.abs(s) < 40 ? 2 * Math.sqrt(40 * 40 - s * s) : 0);
            }
        }
        Files.write(dir.resolve("sino.npy"), org.solidscope.io.Npy.encode2D(angles, det, sino));
        try {
            java.util.Set<String> groups = java.util.Set.of(args);
            for (String[] call : calls) {
                if (!groups.isEmpty() && !groups.contains(call[0])) continue;
                int code = Main.run(call, quiet, err);
                if (code != 0) err.println("solidscope train: " + String.join(" ", call) + " exited " + code);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
