package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.solidscope.app.server.SolidScopeServer;
import org.solidscope.catalog.ApiTokens;
import org.solidscope.catalog.Catalog;
import org.solidscope.core.InputException;
import org.solidscope.io.AscanVolume;
import org.solidscope.io.CscanFiles;
import org.solidscope.io.Npy;
import org.solidscope.io.RawVolume;
import org.solidscope.io.TiffStack;
import org.solidscope.io.VolumeData;
import org.solidscope.io.VolumeIO;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.acoustics.StackFile;

/**
 * Fuzzing of every reader: valid files the project writes and the hostile corpus, mutated (bytes
 * flipped, set to extremes, cut, repeated, spliced), must be read or refused with
 * {@link InputException} — no other exception, no OutOfMemoryError with the test heap, and no
 * input taking more than {@link #PER_INPUT_SECONDS}. The seeds are fixed, so a run is reproducible;
 * the whole class stays well under two minutes on two cores.
 */
class ReaderFuzzTest {
    static final int PER_INPUT_SECONDS = 10;
    static Path dir;
    static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-reader");
        t.setDaemon(true);
        return t;
    });
    static byte[] eventsCsv, eventsNpy, frames, framesSidecar, cube, cubeSidecar, pixels;
    static byte[] cyclerCsv, cyclerDta, cyclerXlsx, dta, mpt, png, csv, npy3, npy2, npy2Sidecar, tiff, raw, rawSidecar, h5, stack, spec, ascan, ascanSidecar;
    static List<byte[]> corpus = new ArrayList<>();
    static SolidScopeServer server;
    static Catalog catalog;
    static int port;
    static String token;

    @BeforeContainer
    static void seeds() throws IOException {
        dir = Files.createTempDirectory("solidscope-fuzz");
        StringBuilder c = new StringBuilder("# pitch_mm: 1\n# gain_db: 15\n");
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 16; x++) c.append(x == 0 ? "" : ",").append(x > 2 && x < 13 && y > 2 && y < 9 ? 60 + x : 0.5);
            c.append('\n');
        }
        csv = c.toString().getBytes(StandardCharsets.UTF_8);
        short[][] vol = new short[4][5 * 6];
        for (int z = 0; z < 4; z++) for (int i = 0; i < 30; i++) vol[z][i] = (short) (z * 1000 + i * 37);
        Path p3 = dir.resolve("seed3.npy");
        Npy.writeVolume(p3, 4, 5, 6, vol);
        npy3 = Files.readAllBytes(p3);
        float[] map = new float[12 * 16];
        for (int i = 0; i < map.length; i++) map[i] = (i % 16 > 2 && i % 16 < 13) ? 70 : 0.5f;
        npy2 = Npy.encode2D(12, 16, map);
        npy2Sidecar = "{\"pitch_mm\": 1, \"gain_db\": 15}".getBytes(StandardCharsets.UTF_8);
        StringBuilder g = new StringBuilder("EXPLAIN\nTAG\tEISPOT\nZCURVE\tTABLE\n\tPt\tTime\tFreq\tZreal\tZimag\n\t#\ts\tHz\tohm\tohm\n");
        StringBuilder b = new StringBuilder("EC-Lab ASCII FILE\nNb header lines : 3\nfreq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\n");
        for (int i = 0; i < 12; i++) {
            double fr = 1e5 / Math.pow(3, i);
            g.append("\t").append(i).append("\t").append(i).append("\t").append(fr).append("\t").append(10 + i).append("\t").append(-i).append("\n");
            b.append(fr).append("\t").append(10 + i).append("\t").append(i).append("\n");
        }
        dta = g.toString().getBytes(StandardCharsets.ISO_8859_1);
        mpt = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        // cycler runs: an Arbin-style CSV, a Gamry CV curve and a workbook, small
        StringBuilder cy = new StringBuilder("Data_Point,Test_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah)\n");
        double[] tt = new double[40], vv = new double[40], ii = new double[40];
        for (int k = 0; k < 40; k++) {
            tt[k] = 10.0 * k;
            ii[k] = k % 20 < 2 ? 0 : k < 20 ? 0.001 : -0.001;
            vv[k] = 3.5 + (k < 20 ? 0.02 * (k % 20) : 0.4 - 0.02 * (k % 20));
            cy.append(k + 1).append(',').append(tt[k]).append(",1,").append(1 + k / 20).append(',').append(ii[k]).append(',').append(vv[k]).append(",0.0001,0.0002\n");
        }
        cyclerCsv = cy.toString().getBytes(StandardCharsets.US_ASCII);
        cyclerDta = org.solidscope.echem.cycling.GamryCurves.write("CV", new org.solidscope.echem.cycling.CyclerFiles.Run("seed", tt, vv, ii), new int[] {0, 20}, 1)
                .getBytes(StandardCharsets.ISO_8859_1);
        java.io.ByteArrayOutputStream zb = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zb)) {
            String[][] parts = {
                {"xl/workbook.xml", "<workbook xmlns:r=\"r\"><sheets><sheet name=\"Channel_1\" r:id=\"rId1\"/></sheets></workbook>"},
                {"xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
                {"xl/sharedStrings.xml", "<sst><si><t>Test_Time(s)</t></si><si><t>Current(A)</t></si><si><t>Voltage(V)</t></si></sst>"},
                {"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                        + "<c r=\"C1\" t=\"s\"><v>2</v></c></row><row r=\"2\"><c r=\"A2\"><v>0</v></c><c r=\"B2\"><v>0.001</v></c><c r=\"C2\"><v>3.6</v></c></row>"
                        + "<row r=\"3\"><c r=\"A3\"><v>10</v></c><c r=\"B3\"><v>-0.001</v></c><c r=\"C3\"><v>3.5</v></c></row></sheetData></worksheet>"}};
            for (String[] part : parts) {
                z.putNextEntry(new java.util.zip.ZipEntry(part[0]));
                z.write(part[1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        cyclerXlsx = zb.toByteArray();
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(16, 12, java.awt.image.BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 12; y++) for (int x = 0; x < 16; x++) img.getRaster().setSample(x, y, 0, x > 2 && x < 13 ? 40000 : 300);
        java.io.ByteArrayOutputStream pngBytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", pngBytes);
        png = pngBytes.toByteArray();
        Path t = dir.resolve("seed.tif");
        TiffStack.write(t, new VolumeData(4, 5, 6, vol, 1.0), false);
        tiff = Files.readAllBytes(t);
        Path r = dir.resolve("seed.raw");
        RawVolume.write(r, new VolumeData(4, 5, 6, vol, 0.65));
        raw = Files.readAllBytes(r);
        rawSidecar = Files.readAllBytes(dir.resolve("seed.raw.json"));
        Path h = dir.resolve("seed.h5");
        float[][][] data = new float[3][4][5];
        for (int z = 0; z < 3; z++) for (int y = 0; y < 4; y++) for (int x = 0; x < 5; x++) data[z][y][x] = z + y + x;
        try (WritableHdfFile w = HdfFile.write(h)) {
            w.putGroup("entry").putGroup("data").putDataset("data", data);
        }
        h5 = Files.readAllBytes(h);
        xcsSeeds(dir);
        stack = resource(StackFile.class, "pouch-cell-49.json");
        spec = resource(InspectionSpec.class, "default-spec.json");
        short[] trace = new short[3 * 4 * 64];
        for (int i = 0; i < trace.length; i++) trace[i] = (short) (1000 * Math.sin(i * 0.3));
        ascan = concat(Npy.header("<i2", 3, 4, 64), toBytes(trace));
        ascanSidecar = "{\"sample_rate_mhz\": 25, \"pitch_mm\": 0.5, \"gain_db\": 20}".getBytes(StandardCharsets.UTF_8);
        loadCorpus();
        catalog = Catalog.openWorkspace(dir.resolve("ws"));
        token = new ApiTokens(catalog).create("fuzz");
        server = new SolidScopeServer(catalog, org.solidscope.workflow.ModalityRegistry.standard(), true).readTimeoutMs(2000);
        port = server.start("127.0.0.1", 0);
    }

    @AfterContainer
    static void stop() throws IOException {
        server.stop();
        catalog.close();
        try (var w = Files.walk(dir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The hostile corpus files whose bytes mutations splice in (once). */
    static synchronized void loadCorpus() throws IOException {
        if (!corpus.isEmpty()) return;
        for (String name : List.of("tiff-ifd-loop.tif", "npy-truncated-header.npy", "npy-negative-shape.npy", "npy-header-4gib.npy",
                "float64-volume.npy", "random-bytes.csv", "huge-value.csv", "stack-nested-repeat.json", "spec-partial.json")) {
            try (InputStream in = ReaderFuzzTest.class.getResourceAsStream("/hostile/" + name)) {
                corpus.add(in.readAllBytes());
            }
        }
    }

    static byte[] resource(Class<?> owner, String name) throws IOException {
        try (InputStream in = owner.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] o = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, o, a.length, b.length);
        return o;
    }

    static byte[] toBytes(short[] s) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2 * s.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(s);
        return b.array();
    }

    /** Values that break parsers: zero, signs, the edges of 8-, 16-, 32- and 64-bit integers. */
    static final long[] EXTREMES = {0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xffffffffL,
            Long.MAX_VALUE, Long.MIN_VALUE};

    /** XCS seeds: an event list (CSV and .npy), raw frames with their sidecar, a spectra cube with its sidecar, per-pixel values. */
    static void xcsSeeds(Path dir) throws IOException {
        StringBuilder ev = new StringBuilder("frame,row,col,energy_kev\n");
        float[] evs = new float[40 * 4];
        for (int k = 0; k < 40; k++) {
            ev.append(k / 4).append(',').append(k % 8).append(',').append((k * 3) % 8).append(',').append(60 + k * 0.5).append('\n');
            evs[4 * k] = k / 4;
            evs[4 * k + 1] = k % 8;
            evs[4 * k + 2] = (k * 3) % 8;
            evs[4 * k + 3] = 60 + k * 0.5f;
        }
        eventsCsv = ev.toString().getBytes(StandardCharsets.US_ASCII);
        eventsNpy = Npy.encode2D(40, 4, evs);
        short[] f = new short[6 * 8 * 8];
        for (int i = 0; i < f.length; i++) f[i] = (short) (100 + (i * 7919) % 13 + (i % 97 == 0 ? 900 : 0));
        frames = toBytes(f);
        framesSidecar = org.solidscope.io.xcs.FrameFile.sidecarJson(8, 8, 1000, 6, null).getBytes(StandardCharsets.UTF_8);
        float[] counts = new float[4 * 4 * 32];
        for (int i = 0; i < counts.length; i++) counts[i] = (i * 31) % 17;
        Path c = dir.resolve("cube.npy");
        org.solidscope.io.xcs.SpectrumCubeFiles.write(c, new org.solidscope.io.xcs.SpectrumCube(4, 4, 32, 20, 2.5, counts), "keV", null);
        cube = Files.readAllBytes(c);
        cubeSidecar = Files.readAllBytes(dir.resolve("cube.npy.json"));
        StringBuilder px = new StringBuilder("# gradient, keV per ADU\n");
        for (int r = 0; r < 8; r++) {
            for (int k = 0; k < 8; k++) px.append(k == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.5f", 0.027 + 0.0001 * (r + k)));
            px.append('\n');
        }
        pixels = px.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** 1 to 6 random mutations of {@code seed}. */
    static byte[] mutate(byte[] seed, long rnd) {
        Random r = new Random(rnd);
        byte[] b = seed.clone();
        int n = 1 + r.nextInt(6);
        for (int k = 0; k < n; k++) {
            if (b.length == 0) b = new byte[] {(byte) r.nextInt()};
            int at = r.nextInt(b.length);
            switch (r.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) r.nextInt();
                case 2 -> { // an extreme little- or big-endian integer of 2, 4 or 8 bytes
                    long v = EXTREMES[r.nextInt(EXTREMES.length)];
                    int w = new int[] {2, 4, 8}[r.nextInt(3)];
                    boolean big = r.nextBoolean();
                    for (int i = 0; i < w && at + i < b.length; i++) b[at + i] = (byte) (v >>> (8 * (big ? w - 1 - i : i)));
                }
                case 3 -> b = Arrays.copyOf(b, at); // cut
                case 4 -> { // repeat a chunk
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    byte[] o = new byte[b.length + len];
                    System.arraycopy(b, 0, o, 0, at + len);
                    System.arraycopy(b, at, o, at + len, b.length - at);
                    b = o;
                }
                case 5 -> { // a digit run in text formats becomes a huge or negative number
                    byte[] num = (r.nextBoolean() ? "-" : "").concat(r.nextBoolean() ? "99999999999999999999" : "1e308").getBytes(StandardCharsets.US_ASCII);
                    byte[] o = new byte[b.length + num.length];
                    System.arraycopy(b, 0, o, 0, at);
                    System.arraycopy(num, 0, o, at, num.length);
                    System.arraycopy(b, at, o, at + num.length, b.length - at);
                    b = o;
                }
                default -> { // splice in bytes of a hostile corpus file
                    byte[] h = corpus.get(r.nextInt(corpus.size()));
                    int len = Math.min(h.length, 1 + r.nextInt(32));
                    System.arraycopy(h, 0, b, at, Math.min(len, b.length - at));
                }
            }
        }
        return b;
    }

    @FunctionalInterface
    interface Read {
        void run(Path file) throws Exception;
    }

    /** Writes {@code bytes} to {@code name} in a fresh directory and reads it: success or InputException, in bounded time. */
    static void readsOrRefuses(String name, byte[] bytes, Read reader, String sidecarName, byte[] sidecar) throws Exception {
        Path d = Files.createTempDirectory(dir, "in");
        Path f = d.resolve(name);
        Files.write(f, bytes);
        if (sidecarName != null) Files.write(d.resolve(sidecarName), sidecar);
        Future<Throwable> outcome = RUNNER.submit(() -> {
            try {
                reader.run(f);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Throwable t;
        try {
            t = outcome.get(PER_INPUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            throw new AssertionError(name + " took more than " + PER_INPUT_SECONDS + " s (kept in " + keep(d) + ")");
        }
        if (t != null && !(t instanceof InputException)) {
            throw new AssertionError(name + ": " + t + " (input kept in " + keep(d) + ")", t);
        }
        if (t instanceof InputException ie) {
            assertTrue(ie.getMessage().chars().noneMatch(ch -> ch == 0), "no NUL in a message: " + ie.getMessage());
        }
        try (var w = Files.walk(d)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A failing input is copied under target/fuzz-findings, to become a corpus file once understood. */
    static Path keep(Path d) throws IOException {
        Path to = Files.createDirectories(Path.of("target", "fuzz-findings")).resolve(d.getFileName());
        Files.createDirectories(to);
        try (var l = Files.list(d)) {
            for (Path p : l.toList()) Files.copy(p, to.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return to.toAbsolutePath();
    }

    @Property(tries = 1600, seed = "18001")
    void cscanCsv(@ForAll long rnd) throws Exception {
        readsOrRefuses("scan.csv", mutate(csv, rnd), CscanFiles::read, null, null);
    }

    @Property(tries = 1200, seed = "18002")
    void npyVolume(@ForAll long rnd) throws Exception {
        readsOrRefuses("vol.npy", mutate(npy3, rnd), f -> VolumeIO.read(f.toString()), null, null);
    }

    @Property(tries = 1200, seed = "18003")
    void npyCscanWithSidecar(@ForAll long rnd, @ForAll boolean mutateSidecar) throws Exception {
        readsOrRefuses("scan.npy", mutateSidecar ? npy2 : mutate(npy2, rnd), CscanFiles::read, "scan.npy.json",
                mutateSidecar ? mutate(npy2Sidecar, rnd) : npy2Sidecar);
    }

    @Property(tries = 1200, seed = "18012")
    void impedanceSpectra(@ForAll long rnd, @ForAll @IntRange(min = 0, max = 1) int which) throws Exception {
        readsOrRefuses(which == 0 ? "cell.DTA" : "cell.mpt", mutate(which == 0 ? dta : mpt, rnd), org.solidscope.echem.InstrumentFiles::read, null, null);
    }

    @Property(tries = 600, seed = "18013")
    void cyclerRuns(@ForAll long rnd, @ForAll @IntRange(min = 0, max = 2) int which) throws Exception {
        String[] names = {"run.csv", "run.DTA", "run.xlsx"};
        byte[][] seeds = {cyclerCsv, cyclerDta, cyclerXlsx};
        readsOrRefuses(names[which], mutate(seeds[which], rnd), f -> org.solidscope.echem.cycling.CyclerFiles.summarise(f, null, 1e-9), null, null);
    }

    @Property(tries = 600, seed = "18016")
    void xcsEventLists(@ForAll long rnd, @ForAll boolean npy) throws Exception {
        readsOrRefuses(npy ? "events.npy" : "events.csv", mutate(npy ? eventsNpy : eventsCsv, rnd), org.solidscope.io.xcs.EventList::read, null, null);
    }

    @Property(tries = 600, seed = "18017")
    void xcsFramesWithSidecar(@ForAll long rnd, @ForAll boolean mutateSidecar) throws Exception {
        readsOrRefuses("frames.bin", mutateSidecar ? frames : mutate(frames, rnd), f -> {
            org.solidscope.io.xcs.FrameFile ff = org.solidscope.io.xcs.FrameFile.openAny(f);
            org.solidscope.xcs.DarkFrames.measure(ff, 0, Math.min(ff.frames(), 4), 5);
        }, "frames.bin.json", mutateSidecar ? mutate(framesSidecar, rnd) : framesSidecar);
    }

    @Property(tries = 600, seed = "18018")
    void xcsSpectraCubeWithSidecar(@ForAll long rnd, @ForAll boolean mutateSidecar) throws Exception {
        readsOrRefuses("cube.npy", mutateSidecar ? cube : mutate(cube, rnd), org.solidscope.io.xcs.SpectrumCubeFiles::read, "cube.npy.json",
                mutateSidecar ? mutate(cubeSidecar, rnd) : cubeSidecar);
    }

    @Property(tries = 600, seed = "18019")
    void xcsPixelValues(@ForAll long rnd) throws Exception {
        readsOrRefuses("gradient.txt", mutate(pixels, rnd), f -> org.solidscope.io.xcs.PixelValues.read(f, 8, 8, "gradient"), null, null);
    }

    /** The public instrument files of shared/realdata beside the project (null when absent: the properties below are then skipped). */
    static Path realData() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolveSibling("shared").resolve("realdata");
            if (Files.isDirectory(c)) return c;
        }
        return null;
    }

    static final String[] REAL_CYCLER = {"cellpy/maccor_002.txt", "beep/PreDiag_000229_000229_truncated.034", "beep/PredictionDiagnostics_000151_test.052",
        "beep/2017-05-09_test-TC-contact_CH33.csv", "cellpy/neware_uio.csv", "cellpy/pec.csv", "cellpy/biol.mpr", "navani/00_test_01_OCV_C01.mpr",
        "navani/00_test_02_MB_C01.mpr", "navani/arbin_example.res", "navani/bs542_004_gr_li_50ua_50mv_1v_191020_Channel_11.xlsx", "navani/test.nda",
        "navani/test.ndax"};
    static final String[] REAL_IMPEDANCE = {"impedance.py/exampleData.csv", "impedance.py/exampleDataGamry.DTA", "impedance.py/exampleDataBioLogic.mpt",
        "impedance.py/exampleDataZPlot.z", "impedance.py/exampleDataCHInstruments.txt", "impedance.py/exampleDataVersaStudio.par",
        "impedance.py/exampleDataParstat.txt", "impedance.py/exampleDataPowersuite.txt", "impedance.py/exampleDataAutolab.txt", "pyDRTtools/data/1ZARC.csv"};
    static final java.util.Map<String, byte[]> REAL = new java.util.concurrent.ConcurrentHashMap<>();

    static byte[] real(String name) throws IOException {
        Path root = realData();
        net.jqwik.api.Assume.that(root != null && Files.isRegularFile(root.resolve(name)));
        byte[] b = REAL.get(name);
        if (b == null) REAL.put(name, b = Files.readAllBytes(root.resolve(name)));
        return b;
    }

    @Property(tries = 650, seed = "18014")
    void realCyclerFiles(@ForAll long rnd, @ForAll @IntRange(min = 0, max = 12) int which) throws Exception {
        // every cycler family of shared/realdata mutated: read or refused, never another exception, never a hang
        String name = REAL_CYCLER[which];
        readsOrRefuses(Path.of(name).getFileName().toString(), mutate(real(name), rnd), f -> org.solidscope.echem.cycling.CyclerFiles.summarise(f, null, 1e-9),
                null, null);
    }

    @Property(tries = 500, seed = "18015")
    void realImpedanceFiles(@ForAll long rnd, @ForAll @IntRange(min = 0, max = 9) int which) throws Exception {
        String name = REAL_IMPEDANCE[which];
        readsOrRefuses(Path.of(name).getFileName().toString(), mutate(real(name), rnd), org.solidscope.echem.InstrumentFiles::read, null, null);
    }

    @Property(tries = 800, seed = "18011")
    void pngCscanWithSidecar(@ForAll long rnd) throws Exception {
        readsOrRefuses("scan.png", mutate(png, rnd), CscanFiles::read, "scan.png.json", npy2Sidecar);
    }

    @Property(tries = 1600, seed = "18004")
    void tiffStack(@ForAll long rnd) throws Exception {
        readsOrRefuses("vol.tif", mutate(tiff, rnd), f -> VolumeIO.read(f.toString()), null, null);
    }

    @Property(tries = 1200, seed = "18005")
    void rawWithSidecar(@ForAll long rnd, @ForAll boolean mutateSidecar) throws Exception {
        readsOrRefuses("vol.raw", mutateSidecar ? raw : mutate(raw, rnd), f -> VolumeIO.read(f.toString()), "vol.raw.json",
                mutateSidecar ? mutate(rawSidecar, rnd) : rawSidecar);
    }

    @Property(tries = 1200, seed = "18006")
    void hdf5(@ForAll long rnd) throws Exception {
        readsOrRefuses("vol.h5", mutate(h5, rnd), f -> VolumeIO.read(f + ":/entry/data/data"), null, null);
    }

    @Property(tries = 1200, seed = "18007")
    void ascanVolume(@ForAll long rnd, @ForAll boolean mutateSidecar) throws Exception {
        readsOrRefuses("a.npy", mutateSidecar ? ascan : mutate(ascan, rnd), f -> {
            try (AscanVolume v = AscanVolume.open(f, null)) {
                org.solidscope.ultrasound.AscanGating.gate(v, org.solidscope.ultrasound.AscanGate.parse("0.5:1", 10), org.solidscope.core.Progress.NONE);
            }
        }, "a.npy.json", mutateSidecar ? mutate(ascanSidecar, rnd) : ascanSidecar);
    }

    @Property(tries = 1200, seed = "18008")
    void stackFile(@ForAll long rnd) throws Exception {
        readsOrRefuses("stack.json", mutate(stack, rnd), StackFile::load, null, null);
    }

    @Property(tries = 1200, seed = "18009")
    void specificationFile(@ForAll long rnd) throws Exception {
        readsOrRefuses("spec.json", mutate(spec, rnd), InspectionSpec::load, null, null);
    }

    @Property(tries = 600, seed = "18010")
    void uploadEndpoint(@ForAll long rnd, @ForAll @IntRange(min = 0, max = 2) int what) throws Exception {
        String boundary = "fuzzBoundary";
        byte[] body = ServerHardeningTest.multipart(boundary, "fz_infiltration.csv", csv, "L-fuzz");
        byte[] request;
        if (what == 0) {
            request = ServerHardeningTest.post("/api/scans", "multipart/form-data; boundary=" + boundary, body.length, mutate(body, rnd), token);
        } else {
            // the head too: method, headers, lengths
            request = mutate(ServerHardeningTest.post("/api/scans", "multipart/form-data; boundary=" + boundary, body.length, body, token), rnd);
        }
        String answer = send(request);
        if (answer.isEmpty()) return; // a request so broken that the server closed the connection: no answer, no fault
        ServerHardeningTest.Answer a = ServerHardeningTest.parse(answer);
        // 505 is HTTP's own answer to a request line naming an unknown version: the client's fault, said in its code
        assertTrue(a.status() < 500 || a.status() == 505, "no server fault for a client's bytes: " + a.status() + " " + a.body());
        assertTrue(a.status() < 300 || a.contentType().startsWith("application/json"), "errors are JSON: " + a.status() + " " + a.contentType() + " " + a.body() + " for " + new String(request, 0, Math.min(300, request.length), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Sends raw bytes to this class's server and returns the answer's text ("" when it closed without one). */
    static String send(byte[] request) throws IOException {
        return RawHttp.send(port, request, PER_INPUT_SECONDS * 1000);
    }
}
