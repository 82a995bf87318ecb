package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The command line over mutated inputs: each command below is run on a file mutated as {@link ReaderFuzzTest} mutates
 * (bytes flipped, set to extremes, cut, repeated, spliced). Whatever the input, the exit code is one the README documents
 * (0 done, 1 failed, 2 bad input), nothing says "Exception" or prints a stack, an internal fault never happens, and when
 * the command fails the outputs it was given are exactly what they were before (a sentinel written there first).
 */
class CliFuzzTest {
    static Path dir;
    static byte[] spectrum, cycler, events, cscan, volume;

    @BeforeContainer
    static void seeds() throws IOException {
        dir = Files.createTempDirectory("solidscope-cli-fuzz");
        Path s = dir.resolve("seed-eis.csv");
        CliTest.run("eis", "simulate", "--circuit", "R0-p(R1,CPE1)", "--parameters", "10,100,1e-5,0.9", "--points-per-decade", "4",
                "--noise", "0.002", "--out", s.toString());
        spectrum = Files.readAllBytes(s);
        ReaderFuzzTest.loadCorpus();
        ReaderFuzzTest.xcsSeeds(dir);
        events = ReaderFuzzTest.eventsCsv;
        StringBuilder cy = new StringBuilder("Data_Point,Test_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V)\n");
        for (int k = 0; k < 60; k++) {
            double a = k % 30 < 3 ? 0 : k < 30 ? 0.001 : -0.001;
            cy.append(k + 1).append(',').append(10.0 * k).append(",1,").append(1 + k / 30).append(',').append(a).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.4f", 3.5 + (k < 30 ? 0.01 * (k % 30) : 0.3 - 0.01 * (k % 30)))).append('\n');
        }
        cycler = cy.toString().getBytes(StandardCharsets.US_ASCII);
        StringBuilder c = new StringBuilder("# pitch_mm: 1\n# gain_db: 15\n");
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 24; x++) c.append(x == 0 ? "" : ",").append(x > 2 && x < 21 && y > 2 && y < 17 ? (x == 10 && y == 9 ? 2 : 60 + x % 3) : 0.5);
            c.append('\n');
        }
        cscan = c.toString().getBytes(StandardCharsets.UTF_8);
        short[][] vol = new short[6][8 * 8];
        for (int z = 0; z < 6; z++) for (int i = 0; i < 64; i++) vol[z][i] = (short) (z < 3 ? 9000 + i * 13 : 30000 - i * 11);
        Path v = dir.resolve("seed-vol.npy");
        org.solidscope.io.Npy.writeVolume(v, 6, 8, 8, vol);
        volume = Files.readAllBytes(v);
        SEEDS = new byte[][] {spectrum, spectrum, cycler, events, cscan, volume};
        for (int k = 0; k < SEEDS.length; k++) { // each seed unmutated is read: the mutations are what is refused
            Path in = Files.write(dir.resolve(NAMES[k]), SEEDS[k]);
            CliTest.Run r = CliTest.run(command(k, in, dir.resolve("seed.json"), dir.resolve("seed-out.npy")).toArray(String[]::new));
            assertTrue(r.code() == 0, String.join(" ", command(k, in, dir.resolve("seed.json"), dir.resolve("seed-out.npy"))) + ": " + r.err());
        }
    }

    /** Exit codes seen per command: each command must have both read and refused some of its inputs. */
    static final java.util.Map<String, java.util.Set<Integer>> OUTCOMES = new java.util.concurrent.ConcurrentHashMap<>();

    @AfterContainer
    static void clean() throws IOException {
        assertTrue(OUTCOMES.size() == 6, "every command ran: " + OUTCOMES);
        OUTCOMES.forEach((c, codes) -> assertTrue(codes.contains(0) && codes.contains(2), c + " read some inputs and refused others: " + codes));
        try (var w = Files.walk(dir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 900, seed = "18101")
    void everyCommandOverMutatedInput(@ForAll long rnd, @ForAll @IntRange(min = 0, max = 5) int which) throws IOException {
        Path d = Files.createTempDirectory(dir, "run");
        Path json = d.resolve("out.json"), out = d.resolve("out.npy");
        Path in = d.resolve(NAMES[which]);
        Files.write(in, ReaderFuzzTest.mutate(SEEDS[which], rnd));
        List<String> args = command(which, in, json, out);
        byte[] sentinel = "sentinel, not an output".getBytes(StandardCharsets.US_ASCII);
        Files.write(json, sentinel);
        Files.write(out, sentinel);
        CliTest.Run r = CliTest.run(args.toArray(String[]::new));
        String all = r.out() + r.err();
        OUTCOMES.computeIfAbsent(args.get(0) + " " + args.get(1), k -> new java.util.concurrent.ConcurrentSkipListSet<>()).add(r.code());
        String what = String.join(" ", args) + " → exit " + r.code() + ": " + all;
        assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 2, what);
        assertFalse(all.contains("Exception") || all.contains("\tat ") || all.contains("internal fault") || all.contains("java.lang"), what);
        assertTrue(all.chars().noneMatch(ch -> ch == 0), "no NUL echoed: " + what);
        if (r.code() == 2) {
            assertArrayEquals(sentinel, Files.readAllBytes(json), "a refused command changed its --json: " + what);
            assertArrayEquals(sentinel, Files.readAllBytes(out), "a refused command changed its --out: " + what);
            try (var l = Files.list(d)) {
                assertTrue(l.allMatch(p -> p.equals(in) || p.equals(json) || p.equals(out)), "a refused command left a file behind: " + what);
            }
        }
        try (var w = Files.walk(d)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static final String[] NAMES = {"cell.csv", "cell.csv", "run.csv", "events.csv", "scan.csv", "vol.npy"};
    static byte[][] SEEDS;

    /** The command run on input {@code in}, writing {@code json} (and {@code out} where it writes an array). */
    static List<String> command(int which, Path in, Path json, Path out) {
        String f = in.toString(), j = json.toString(), o = out.toString();
        return switch (which) {
            case 0 -> List.of("eis", "fit", f, "--circuit", "R0-p(R1,CPE1)", "--json", j);
            case 1 -> List.of("eis", "kk", f, "--json", j);
            case 2 -> List.of("cycling", "summary", f, "--json", j);
            case 3 -> List.of("xcs", "spectra", f, "--out", o, "--json", j);
            case 4 -> List.of("ut", "analyze", f, "--stage", "infiltration", "--json", j);
            default -> List.of("ct", "threshold", f, "--out", o, "--json", j);
        };
    }
}
