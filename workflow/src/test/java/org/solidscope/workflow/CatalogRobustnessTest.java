package org.solidscope.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.solidscope.catalog.Backends;
import org.solidscope.catalog.ArrayStore;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.Exporter;
import org.solidscope.catalog.LotStatistics;
import org.solidscope.core.Progress;
import org.solidscope.io.CscanCsv;
import org.solidscope.io.CscanGrid;

/** Crash safety and concurrency of the record, on both databases. */
class CatalogRobustnessTest {
    @TempDir
    Path dir;

    static List<String> backends() { return Backends.names(); }

    /** 400 distinct scans: 40 simulated, each written 10 times with one point nudged (other bytes, other cell id). */
    static List<Path> fourHundred(Path dir) throws Exception {
        Path base = Files.createDirectories(dir.resolve("base")), out = Files.createDirectories(dir.resolve("many"));
        List<Path> sims = ScanFiles.write(base, 14, "s");
        List<Path> files = new ArrayList<>();
        for (int k = 0; files.size() < 400; k++) {
            Path src = sims.get(k % sims.size());
            CscanGrid g = CscanCsv.read(src);
            float[] v = g.amplitude().values().clone();
            v[0] += 0.001f * (k / sims.size() + 1);
            String name = src.getFileName().toString().replaceFirst("^s(\\d+)_", "c" + k + "x$1_");
            Path p = out.resolve(name);
            CscanCsv.write(p, g.amplitude().withValues(g.amplitudeUnit(), v), g.gainDb(), g.amplitudeUnit(), g.fullScale());
            files.add(p);
        }
        return files;
    }

    /** CT volumes of 256³ uint16 (32 MiB and a 128-byte header each) with sidecars naming cell, state and voxel size. */
    static List<Path> bigVolumes(Path dir, int n, String prefix) throws Exception {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var v = org.solidscope.tomo.Phantoms.cell(256, 256, 256, 3, 0, 500 + i);
            Path f = dir.resolve(prefix + i + "_formation.npy");
            org.solidscope.io.Npy.writeVolume(f, v.nz(), v.ny(), v.nx(), v.slices());
            Files.writeString(dir.resolve(f.getFileName() + ".json"), "{\"voxel_um\": 0.65}");
            assertTrue(Files.size(f) >= 32L << 20, "at least 32 MiB");
            out.add(f);
        }
        return out;
    }

    static long count(Catalog c, String sql) {
        return c.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("backends")
    void eightParallelIngestersAndReadersStoreEveryScanOnce(String backend) throws Exception {
        Catalog cat = Backends.open(backend, dir);
        List<Path> files = new ArrayList<>(fourHundred(dir));
        // two CT volumes of 32 MiB among the scans: mixed modalities, streamed into the store
        files.addAll(bigVolumes(Files.createDirectories(dir.resolve("ct")), 2, "vol"));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        Map<Path, List<Ingest.Outcome>> outcomes = new ConcurrentHashMap<>();
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            // each scan goes to two of the eight ingesters, in a different order for each
            List<Path> mine = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) if (i % 4 == t % 4) mine.add(files.get(i));
            Collections.shuffle(mine, new java.util.Random(t));
            jobs.add(pool.submit(() -> {
                Ingest in = new Ingest(cat, ModalityRegistry.standard());
                for (Path p : mine) outcomes.computeIfAbsent(p, k -> Collections.synchronizedList(new ArrayList<>())).add(in.one(p, "lot-C", Map.of()).outcome());
            }));
        }
        AtomicBoolean done = new AtomicBoolean();
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(pool.submit(() -> {
                CatalogQueries q = new CatalogQueries(cat);
                long last = 0;
                while (!done.get()) {
                    long n = q.measurements("lot-C", null).size();
                    assertTrue(n >= last, "a reader never sees the record shrink");
                    last = n;
                    seen.add(n);
                    q.listCells("lot-C", null);
                }
            }));
        }
        for (Future<?> f : jobs) f.get(5, TimeUnit.MINUTES);
        done.set(true);
        for (Future<?> f : readers) f.get(1, TimeUnit.MINUTES);
        pool.shutdown();
        assertEquals(402, count(cat, "SELECT COUNT(*) FROM measurement"));
        assertEquals(402, count(cat, "SELECT COUNT(DISTINCT raw_sha256) FROM measurement"));
        assertEquals(402, count(cat, "SELECT COUNT(*) FROM analysis"), "one analysis per file: nobody stored twice");
        assertEquals(2, count(cat, "SELECT COUNT(*) FROM measurement WHERE modality = 'ct'"));
        assertEquals(cat.referencedBlobs(), cat.arrays().all(), "every blob referenced, none missing");
        for (Path p : files) {
            List<Ingest.Outcome> o = outcomes.get(p);
            assertEquals(2, o.size());
            assertEquals(1, o.stream().filter(x -> x == Ingest.Outcome.STORED).count(), p + ": " + o);
            assertTrue(o.contains(Ingest.Outcome.ALREADY_PRESENT), p + ": " + o);
        }
        assertTrue(seen.size() > 2, "readers ran alongside: " + seen.size() + " reads");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anIngestKilledPartWayLeavesTheRecordConsistentAndARerunCompletesIt(String backend) throws Exception {
        Catalog first = Backends.open(backend, dir); // creates the schema (and empties PostgreSQL)
        ArrayStore store = first.arrays();
        first.close(); // an embedded database admits one process: the child's
        List<Path> files = new ArrayList<>(ScanFiles.write(Files.createDirectories(dir.resolve("scans")), 20, "k"));
        files.add(5, bigVolumes(Files.createDirectories(dir.resolve("ct")), 1, "kv").get(0)); // a 32 MiB CT volume among them
        String target = backend.equals("h2") ? "h2:" + dir : Backends.PG;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashIngestMain.class.getName(), dir.resolve("arrays").toString(), target, "lot-K"));
        for (Path f : files) cmd.add(f.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        // wait until the child has stored some scans, then kill it without warning (SIGKILL)
        long deadline = System.currentTimeMillis() + 120_000;
        while (store.all().size() < 12 && p.isAlive() && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertTrue(p.isAlive(), "the child must still be ingesting when killed: " + Files.readString(dir.resolve("child.log")));
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        Catalog cat = backend.equals("h2") ? Catalog.openWorkspace(dir) : Catalog.open(Backends.PG, null, null, dir.resolve("arrays"));
        cat.recover(java.time.Duration.ZERO); // every ingester has stopped: all unreferenced blobs are garbage
        long stored = count(cat, "SELECT COUNT(*) FROM measurement");
        assertTrue(stored > 0 && stored < 61, "killed part-way: " + stored + " of 61 stored");
        // no measurement without its data, no data without its measurement, no analysis without its measurement
        Set<String> referenced = cat.referencedBlobs();
        for (String sha : referenced) cat.arrays().get(sha); // present and verified
        assertEquals(referenced, new HashSet<>(cat.arrays().all()));
        assertEquals(stored, count(cat, "SELECT COUNT(*) FROM measurement m JOIN analysis a ON a.id = m.current_analysis_id"));
        assertEquals(0, count(cat, "SELECT COUNT(*) FROM analysis a LEFT JOIN measurement m ON m.id = a.measurement_id WHERE m.id IS NULL AND a.cell_id IS NULL"));
        // a re-run completes the batch without duplicates
        Ingest.Report r = new Ingest(cat, ModalityRegistry.standard()).run(files, "lot-K", Map.of(), Progress.NONE);
        assertEquals(stored, r.count(Ingest.Outcome.ALREADY_PRESENT));
        assertEquals(61 - stored, r.count(Ingest.Outcome.STORED));
        assertEquals(61, count(cat, "SELECT COUNT(*) FROM measurement"));
        assertEquals(61, count(cat, "SELECT COUNT(DISTINCT raw_sha256) FROM measurement"));
        assertEquals(61, count(cat, "SELECT COUNT(*) FROM analysis WHERE measurement_id IS NOT NULL"));
        assertEquals(20, count(cat, "SELECT COUNT(*) FROM analysis WHERE cell_id IS NOT NULL"), "one stage comparison per cell, also for cells the killed run stored");
        assertEquals(1, count(cat, "SELECT COUNT(*) FROM measurement WHERE modality = 'ct'"));
        assertEquals(cat.referencedBlobs(), new HashSet<>(cat.arrays().all()));
    }
}
