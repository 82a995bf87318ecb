package org.solidscope.echem.cycling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.LastRow;
import org.solidscope.echem.BioLogicMpr;

/**
 * Cycler files summarised as they stream past: text tables (Arbin CSV, Maccor and Neware exports, BioLogic
 * {@code .mpt}, any CSV with a column mapping) are read in 1 MiB blocks, only the needed columns of each row parsed
 * ({@link FastNumbers}), so a file of gigabytes never sits in the heap; BioLogic {@code .mpr} files (galvanostatic
 * modules) are read through {@link BioLogicMpr}, Gamry {@code .DTA} curves line by line through {@link GamryCurves}, Excel
 * workbooks (Arbin, Neware {@code .xlsx}) sheet by sheet as XML streams through {@link XlsxTables}. The header row is the first of the first 200 lines that names
 * time, voltage and current; separators (tab, comma, semicolon) are told from it.
 */
public final class CyclerFiles {
    private CyclerFiles() {}

    static final int BLOCK = 1 << 20; // small enough that both workers start parsing (and the JIT compiling) at once

    /**
     * The rows of one block of lines, parsed; a line that could not be read is named by its place in the block. Each line
     * is read in one pass: every needed field's number is parsed while its end is found, the fields between are skipped.
     * A direction column (Maccor's C/D/R, Neware's step type) signs the current it belongs to; a single capacity counter
     * (Maccor's per-step {@code Amp-hr}) goes to the charge or discharge counter by that direction; absent counters are NaN.
     */
    record Block(int rows, int lines, int[] line, double[] t, double[] v, double[] i, double[] c, double[] qc, double[] qd, int badLine, String badField, String badFound) {
        private static final byte NONE = 0, TIME = 1, VOLT = 2, CUR = 3, CYC = 4, QC = 5, QD = 6, QS = 7, DIR = 8;

        /** Parses {@code b[from, len)}; the arrays of {@code reuse} (a block of the same file already consumed, or null) are filled again. */
        static Block parse(byte[] b, int from, int len, CyclerColumns cols, byte sep, int need, Block reuse) {
            int cap = (len - from) / 48 + 16;
            boolean fits = reuse != null && reuse.t().length >= cap;
            boolean counters = cols.chargeCapacity() >= 0 || cols.dischargeCapacity() >= 0 || cols.stepCapacity() >= 0;
            double[] t = fits ? reuse.t() : new double[cap], v = fits ? reuse.v() : new double[cap], i = fits ? reuse.i() : new double[cap];
            int[] ln = fits ? reuse.line() : new int[cap];
            double[] c = cols.cycle() < 0 ? null : fits ? reuse.c() : new double[cap];
            double[] qc = !counters ? null : fits ? reuse.qc() : new double[cap], qd = !counters ? null : fits ? reuse.qd() : new double[cap];
            byte[] role = new byte[need + 1];
            role[cols.time()] = TIME;
            role[cols.voltage()] = VOLT;
            role[cols.current()] = CUR;
            if (c != null) role[cols.cycle()] = CYC;
            if (cols.chargeCapacity() >= 0) role[cols.chargeCapacity()] = QC;
            if (cols.dischargeCapacity() >= 0) role[cols.dischargeCapacity()] = QD;
            if (cols.stepCapacity() >= 0) role[cols.stepCapacity()] = QS;
            if (cols.direction() >= 0) role[cols.direction()] = DIR;
            int[] at = new int[2]; // a field's end; the direction found (Direction codes)
            double[] q = new double[3]; // the counters of the row: charge, discharge, one for both
            int rows = 0, lines = 0, pos = from;
            while (pos < len) {
                lines++;
                if (b[pos] == '\n' || b[pos] == '\r' && (pos + 1 >= len || b[pos + 1] == '\n')) { // a blank line
                    while (pos < len && b[pos] != '\n') pos++;
                    pos++;
                    continue;
                }
                if (rows == t.length) {
                    ln = Arrays.copyOf(ln, 2 * rows);
                    t = Arrays.copyOf(t, 2 * rows); v = Arrays.copyOf(v, 2 * rows); i = Arrays.copyOf(i, 2 * rows);
                    if (c != null) c = Arrays.copyOf(c, 2 * rows);
                    if (qc != null) { qc = Arrays.copyOf(qc, 2 * rows); qd = Arrays.copyOf(qd, 2 * rows); }
                }
                at[1] = Direction.NONE;
                q[0] = q[1] = q[2] = Double.NaN;
                int lineStart = pos;
                pos = fields(b, pos, len, sep, need, role, cols, at, q, t, v, i, c, rows);
                if (pos < 0) return new Block(rows, lines, ln, t, v, i, c, qc, qd, lines, "columns", (-pos) + " columns, expected " + (need + 1));
                int dir = at[1];
                if (dir == Direction.UNKNOWN) {
                    return new Block(rows, lines, ln, t, v, i, c, qc, qd, lines, "column '" + cols.names().get(cols.direction()).strip() + "'",
                            "'" + Direction.shown(b, lineStart, len, sep, cols.direction()) + "'");
                }
                if (dir == Direction.CHARGE) i[rows] = Math.abs(i[rows]);
                else if (dir == Direction.DISCHARGE) i[rows] = -Math.abs(i[rows]);
                if (qc != null) {
                    qc[rows] = q[0];
                    qd[rows] = q[1];
                    if (q[2] == q[2]) { // one counter for both: the row's direction says whose it is
                        int sign = dir == Direction.NONE ? (int) Math.signum(i[rows]) : dir == Direction.REST ? 0 : dir;
                        if (sign > 0) qc[rows] = q[2]; else if (sign < 0) qd[rows] = q[2];
                    }
                }
                pos = FastNumbers.lineEnd(b, pos, len) + 1;
                ln[rows] = lines;
                rows++;
            }
            return new Block(rows, lines, ln, t, v, i, c, qc, qd, 0, null, null);
        }

        /**
         * One row's fields up to the last needed one, into row {@code row} of the columns; returns the position after
         * them, or −n when the line has only n fields. A method of its own, called per row, so that the JIT compiles it
         * after a few thousand rows (a loop inside one long call would wait for on-stack replacement).
         */
        private static int fields(byte[] b, int pos, int len, byte sep, int need, byte[] role, CyclerColumns cols, int[] at, double[] q, double[] t,
                                  double[] v, double[] i, double[] c, int row) {
            for (int f = 0; f <= need; f++) {
                byte r = role[f];
                if (r == NONE) {
                    pos = FastNumbers.skip(b, pos, len, sep);
                } else if (r == DIR) {
                    int end = FastNumbers.skip(b, pos, len, sep);
                    at[1] = Direction.of(b, pos, end);
                    pos = end;
                } else {
                    double x = FastNumbers.field(b, pos, len, sep, at);
                    if (r == TIME && x != x) x = FastNumbers.clock(b, pos, at[0]); // NaN: h:mm:ss or Nd hh:mm:ss?
                    pos = at[0];
                    switch (r) {
                        case TIME -> t[row] = x * cols.timeScaleS();
                        case VOLT -> v[row] = x * cols.voltageScaleV();
                        case CUR -> i[row] = x * cols.currentScaleA();
                        case CYC -> c[row] = x;
                        case QC -> q[0] = x * cols.chargeScaleMah();
                        case QD -> q[1] = x * cols.dischargeScaleMah();
                        default -> q[2] = x * cols.stepCapacityScaleMah();
                    }
                }
                if (f < need) {
                    if (pos >= len || b[pos] != sep) return -(f + 1);
                    pos++;
                }
            }
            return pos;
        }

        /** How far past its range a block reads to finish its last line: lines are at most this long. */
        static final int TAIL = 1 << 20;
        private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[0]);

        /**
         * Reads and parses the lines that begin in the file's bytes [from, to) ({@code dataStart}: where the first row
         * begins), by a positional read into this thread's buffer: a line begun before {@code from} is the block before's, and
         * the last line is read to its end past {@code to}.
         */
        static Block read(String src, java.nio.channels.FileChannel ch, long from, long to, long size, long dataStart, CyclerColumns cols, byte sep, int need,
                          Block reuse) throws IOException {
            long begin = from == dataStart ? from : from - 1; // one byte before: is `from` a line's start?
            int want = (int) Math.min(size - begin, to - begin + TAIL);
            byte[] buf = BUFFER.get();
            if (buf.length < want) BUFFER.set(buf = new byte[want]);
            java.nio.ByteBuffer into = java.nio.ByteBuffer.wrap(buf, 0, want);
            while (into.hasRemaining()) if (ch.read(into, begin + into.position()) < 0) break; // positional: the workers read side by side
            int start = 0;
            if (from != dataStart) {
                start = FastNumbers.lineEnd(buf, 0, want) + 1;
                if (start > to - begin) return new Block(0, 0, new int[0], new double[0], new double[0], new double[0], null, null, null, 0, null, null);
            }
            int end = FastNumbers.lineEnd(buf, (int) (to - begin) - 1, want);
            if (end == want && begin + want < size) throw new InputException(src, "line", "lines shorter than " + (TAIL >> 20) + " MiB", "a longer line");
            return parse(buf, start, Math.min(end + 1, want), cols, sep, need, reuse);
        }

    }

    /**
     * One row of a reader that reads cell by cell (workbooks), in the columns' units: the direction (null when the file
     * has no such column) signs the current and assigns a single capacity counter, as in a text table's blocks.
     */
    static void emit(String src, CyclerColumns cols, RowSink sink, long rowNo, double t, double v, double i, double cycle, double qc, double qd,
                     double qs, String direction) {
        int dir = Direction.NONE;
        if (direction != null) {
            byte[] b = direction.getBytes(StandardCharsets.ISO_8859_1);
            dir = Direction.of(b, 0, b.length);
            if (dir == Direction.UNKNOWN) {
                throw new InputException(src, "row " + rowNo + " column '" + cols.names().get(cols.direction()).strip() + "'",
                        "a direction (C, D, R; Chg, DChg, Rest)", "'" + Direction.shown(b, 0, b.length, (byte) 0, 0) + "'");
            }
        }
        i *= cols.currentScaleA();
        if (dir == Direction.CHARGE) i = Math.abs(i); else if (dir == Direction.DISCHARGE) i = -Math.abs(i);
        qc *= cols.chargeScaleMah();
        qd *= cols.dischargeScaleMah();
        if (!Double.isNaN(qs)) {
            int sign = dir == Direction.NONE ? (int) Math.signum(i) : dir == Direction.REST ? 0 : dir;
            if (sign > 0) qc = qs * cols.stepCapacityScaleMah(); else if (sign < 0) qd = qs * cols.stepCapacityScaleMah();
        }
        sink.row(t * cols.timeScaleS(), v * cols.voltageScaleV(), i, cycle, qc, qd, rowNo);
    }

    /** Feeds a parsed block to the summary in file order; returns the line number after it. */
    private static long consume(String src, Block b, long lineNo, RowSink sum) {
        for (int k = 0; k < b.rows(); k++) {
            sum.row(b.t()[k], b.v()[k], b.i()[k], b.c() == null ? Double.NaN : b.c()[k], b.qc() == null ? Double.NaN : b.qc()[k],
                    b.qd() == null ? Double.NaN : b.qd()[k], lineNo + b.line()[k]);
        }
        if (b.badField() != null) {
            boolean columns = b.badField().equals("columns");
            throw new InputException(src, "line " + (lineNo + b.badLine()) + (columns ? "" : " " + b.badField()),
                    columns ? "a row of the header's columns" : "a direction (C, D, R; Chg, DChg, Rest)", b.badFound());
        }
        return lineNo + b.lines();
    }


    private static Block await(java.util.concurrent.Future<Block> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof IOException io) throw new UncheckedIOException("cannot read a cycler file", io);
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The summary and what the file was. */
    public record Summary(String vendor, CycleSummary.Result result, double elapsedMs) {}

    /** Where rows go as they are read, in file order. */
    public interface RowSink {
        void row(double t, double v, double i, double cycleIndex, double instCharge, double instDischarge, long where);
    }

    /** A run held whole (time s, voltage V, current A): for the short runs that are judged as curves (CCD, voltammetry). */
    public record Run(String vendor, double[] timeS, double[] voltageV, double[] currentA) {
        public int size() { return timeS.length; }
    }

    public static Run readAll(Path file, String mapping) {
        double[][] cols = {new double[1024], new double[1024], new double[1024]};
        int[] n = {0};
        String src = file.toString();
        double[] last = {Double.NEGATIVE_INFINITY};
        String vendor = read(file, mapping, (t, v, i, c, qc, qd, where) -> {
            if (Double.isNaN(t) || Double.isNaN(v) || Double.isNaN(i)) throw new InputException(src, "row " + where, "numbers for time, voltage and current", "a missing or non-numeric value");
            if (t < last[0]) throw new InputException(src, "row " + where + " time", "time that does not go backwards (≥ " + last[0] + " s)", t + " s");
            last[0] = t;
            if (n[0] == cols[0].length) for (int k = 0; k < 3; k++) cols[k] = java.util.Arrays.copyOf(cols[k], 2 * n[0]);
            cols[0][n[0]] = t;
            cols[1][n[0]] = v;
            cols[2][n[0]] = i;
            n[0]++;
        });
        if (n[0] < 3) throw new InputException(src, "rows", "at least 3 rows", String.valueOf(n[0]));
        return new Run(vendor, java.util.Arrays.copyOf(cols[0], n[0]), java.util.Arrays.copyOf(cols[1], n[0]), java.util.Arrays.copyOf(cols[2], n[0]));
    }

    public static Summary summarise(Path file, String mapping, double restCurrentA) {
        long t0 = System.nanoTime();
        CycleSummary sum = new CycleSummary(file.toString(), restCurrentA);
        String vendor = read(file, mapping, sum::row);
        return new Summary(vendor, sum.finish(), (System.nanoTime() - t0) / 1e6);
    }

    /** Streams every row of the file, in order, into {@code sink}; returns what the file was (vendor or format). */
    public static String stream(Path file, String mapping, RowSink sink) {
        return read(file, mapping, sink);
    }

    /** Streams every row of the file into {@code sum}; returns what the file was. */
    static String read(Path file, String mapping, RowSink sum) {
        return read(file, mapping, sum, BLOCK);
    }

    /** As {@link #read(Path, String, RowSink)}, text cut into blocks of {@code blockBytes} (small ones in tests of the seams). */
    static String read(Path file, String mapping, RowSink sum, int blockBytes) {
        AtomicOutput.noteInput(file);
        String src = file.toString();
        if (Files.isDirectory(file)) throw new InputException(src, "file", "a cycler file", "a directory");
        if (Files.exists(file) && !Files.isRegularFile(file)) throw new InputException(src, "file", "a cycler file", "not a regular file (a device or a pipe?)");
        byte[] head = new byte[64 * 1024];
        int got;
        try (InputStream in = Files.newInputStream(file)) {
            got = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new InputException(src, "file", "an existing cycler file", "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (got >= 22 && new String(head, 0, 22, StandardCharsets.ISO_8859_1).equals("BIO-LOGIC MODULAR FILE")) {
            mpr(src, file, sum);
            return "BioLogic mpr";
        }
        if (GamryCurves.recognises(new String(head, 0, got, StandardCharsets.ISO_8859_1))) {
            LastRow.requireWhole(src, file);
            GamryCurves.read(src, file, sum);
            return "Gamry DTA";
        }
        if (XlsxTables.isZip(head, got) && NewareBinary.isNdax(file)) return NewareBinary.readNdax(src, file, sum);
        if (XlsxTables.isZip(head, got)) return XlsxTables.read(src, file, mapping, sum);
        if (ArbinRes.recognises(head, got)) return ArbinRes.read(src, file, sum);
        if (NewareBinary.isNda(head, got)) return NewareBinary.readNda(src, file, sum);
        if (NewareNested.recognises(new String(head, 0, got, StandardCharsets.ISO_8859_1))) {
            LastRow.requireWhole(src, file);
            return NewareNested.read(src, file, sum);
        }
        return text(src, file, head, got, mapping, sum, blockBytes);
    }

    /**
     * A BioLogic {@code .mpr} run: time, Ewe and the current ({@code I/mA} or {@code <I>/mA}); a module that records no current
     * but the charge of each interval ({@code dq/mA.h}, GCPL) gets its current from that charge over the interval, so that
     * the integrated capacity is the instrument's; a module with neither (OCV) passes no current. The instrument's capacity
     * counter is {@code Q charge/discharge/mA.h} (per half cycle, signed) or {@code Q charge/mA.h} and
     * {@code Q discharge/mA.h}. Impedance modules (every record at a frequency) belong to the impedance reader and are refused
     * here; the impedance points of a sequence that also cycles are rows that pass no net charge.
     */
    private static void mpr(String src, Path file, RowSink sum) {
        byte[] all;
        try {
            all = MemoryBudgetBytes.read(src, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        BioLogicMpr.Data d = BioLogicMpr.read(src, all);
        var cols = d.columns();
        if (impedanceOnly(cols)) {
            throw new InputException(src, "columns", "a cycling, voltammetry or open-circuit module", "an impedance module (freq/Hz): read it with eis read");
        }
        double[] t = cols.get("time/s"), v = cols.containsKey("Ewe/V") ? cols.get("Ewe/V") : cols.get("<Ewe>/V");
        double[] i = cols.containsKey("I/mA") ? cols.get("I/mA") : cols.get("<I>/mA");
        double[] dq = cols.containsKey("dq/mA.h") ? cols.get("dq/mA.h") : cols.get("dQ/mA.h");
        if (t == null || v == null) throw new InputException(src, "columns", "time/s and Ewe/V", CyclerColumns.shown(List.copyOf(cols.keySet())));
        double[] c = cols.get("cycle number"), freq = cols.get("freq/Hz");
        double[] qs = cols.get("Q charge/discharge/mA.h"), qc = cols.get("Q charge/mA.h"), qd = cols.get("Q discharge/mA.h");
        for (int k = 0; k < t.length; k++) {
            double a;
            if (i != null) a = i[k] * 1e-3;
            else if (dq != null) a = k == 0 || !(t[k] > t[k - 1]) ? 0 : dq[k] * 3.6 / (t[k] - t[k - 1]); // mAh over s → A
            else a = 0;
            if (freq != null && freq[k] != 0) a = 0; // an impedance point of a sequence: an alternating current, no net charge
            double charge = qc != null ? qc[k] : Double.NaN, discharge = qd != null ? qd[k] : Double.NaN;
            if (qs != null) {
                if (a > 0) charge = Math.abs(qs[k]); else if (a < 0) discharge = Math.abs(qs[k]);
            }
            sum.row(t[k], v[k], a, c == null ? Double.NaN : c[k] + 1, charge, discharge, k + 1);
        }
    }

    /** Whether every record of an {@code .mpr} is an impedance point (a sequence whose impedance points sit among cycling rows is a run). */
    private static boolean impedanceOnly(java.util.Map<String, double[]> cols) {
        double[] f = cols.get("freq/Hz");
        if (f == null) return false;
        for (double x : f) if (x == 0) return false;
        return true;
    }

    /** Where a text table's rows begin: its columns, separator and the byte offset after the header line. */
    record Header(CyclerColumns columns, byte separator, long end) {}

    /** The header: the first line of the first 200 that names the three quantities; throws the first reason when none does. */
    static Header header(String src, byte[] head, int got, String mapping) {
        String start = new String(head, 0, got, StandardCharsets.ISO_8859_1);
        String[] lines = start.split("\n", 201);
        long headerEnd = 0;
        InputException firstError = null;
        for (int k = 0; k < Math.min(200, lines.length - 1); k++) {
            String l = lines[k].replace("\r", "");
            headerEnd += lines[k].length() + 1;
            if (l.isBlank()) continue;
            byte sep = (byte) (l.contains("\t") ? '\t' : l.contains(";") && !l.contains(",") ? ';' : ',');
            List<String> names = Arrays.asList(l.split(sep == '\t' ? "\t" : sep == ';' ? ";" : ",", -1));
            try {
                return new Header(CyclerColumns.find(src, names, mapping), sep, headerEnd);
            } catch (InputException e) {
                if (e.field().equals("current unit")) throw e;
                if (firstError == null) firstError = e;
            }
        }
        throw firstError != null ? firstError : new InputException(src, "header", "a header row naming time, voltage and current", "none");
    }

    /**
     * Whether a file is a cycler run SolidScope reads (a BioLogic {@code .mpr} with time, voltage and current, or a text table
     * whose header names them), and not an impedance measurement (a frequency column): for telling modalities apart.
     */
    public static boolean isCyclerFile(Path file) {
        byte[] head = new byte[64 * 1024];
        int got;
        try (InputStream in = Files.newInputStream(file)) {
            got = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return false;
        }
        String text = new String(head, 0, got, StandardCharsets.ISO_8859_1);
        if (text.startsWith("BIO-LOGIC MODULAR FILE")) {
            try {
                var cols = BioLogicMpr.read(file.toString(), Files.readAllBytes(file)).columns();
                return !impedanceOnly(cols) && cols.containsKey("time/s") && (cols.containsKey("Ewe/V") || cols.containsKey("<Ewe>/V"));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        if (text.startsWith("EXPLAIN")) return GamryCurves.recognises(text);
        if (XlsxTables.isZip(head, got)) return NewareBinary.isNdax(file) || XlsxTables.hasCyclerSheet(file);
        if (ArbinRes.recognises(head, got) || NewareBinary.isNda(head, got) || NewareNested.recognises(text)) return true;
        try {
            Header h = header(file.toString(), head, got, null);
            String line = text.substring(0, (int) Math.min(h.end(), text.length())).toLowerCase(java.util.Locale.ROOT);
            int lastLine = line.lastIndexOf('\n', line.length() - 2);
            return !line.substring(lastLine + 1).contains("freq");
        } catch (InputException e) {
            return false;
        }
    }

    private static String text(String src, Path file, byte[] head, int got, String mapping, RowSink sum, int blockBytes) {
        String start = new String(head, 0, got, StandardCharsets.ISO_8859_1);
        Header h = header(src, head, got, mapping);
        byte sep = h.separator();
        long headerEnd = h.end();
        CyclerColumns cols = h.columns();
        LastRow.requireWhole(src, file); // before the time base, which reads the last row
        if (Double.isNaN(cols.timeScaleS())) cols = cols.withTimeScale(TimeBase.decide(src, file, head, got, headerEnd, cols, sep));
        int need = cols.lastNeeded();
        long lineNo = start.substring(0, (int) Math.min(headerEnd, start.length())).chars().filter(ch -> ch == '\n').count();
        // blocks of whole lines are parsed on all cores into columns and consumed in order: the summary stays sequential,
        // the parsing (nearly all of the work) does not; at most 2 blocks per core are in flight, so memory stays bounded
        int threads = Runtime.getRuntime().availableProcessors();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "cycler-parse");
            th.setDaemon(true);
            return th;
        });
        java.util.ArrayDeque<java.util.concurrent.Future<Block>> inFlight = new java.util.ArrayDeque<>();
        final CyclerColumns c = cols;
        final byte sp = sep;
        final int needed = need;
        // column arrays go round: a block consumed gives its arrays to the next one parsed (no garbage per block); each worker
        // reads its own block (one copy out of the page cache, in parallel) into its own buffer
        java.util.ArrayDeque<Block> spareBlocks = new java.util.ArrayDeque<>();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            long size = ch.size(), next = headerEnd;
            while (next < size || !inFlight.isEmpty()) {
                while (next < size && inFlight.size() < 2 * threads) {
                    final long from = next, to = Math.min(size, next + blockBytes);
                    final Block reuse = spareBlocks.poll();
                    final long dataStart = headerEnd;
                    inFlight.add(pool.submit(() -> Block.read(src, ch, from, to, size, dataStart, c, sp, needed, reuse)));
                    next = to;
                }
                Block done = await(inFlight.poll());
                lineNo = consume(src, done, lineNo, sum);
                if (done.t().length > 0) spareBlocks.add(done);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } finally {
            pool.shutdownNow();
        }
        return cols.vendor();
    }
}
