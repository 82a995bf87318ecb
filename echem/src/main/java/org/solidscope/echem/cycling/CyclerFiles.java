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
import org.solidscope.echem.BioLogicMpr;

/**
 * Cycler files summarised as they stream past: text tables (Arbin CSV, Maccor and Neware exports, BioLogic
 * {@code .mpt}, any CSV with a column mapping) are read in 1 MiB blocks, only the needed columns of each row parsed
 * ({@link FastNumbers}), so a file of gigabytes never sits in the heap; BioLogic {@code .mpr} files (galvanostatic
 * modules) are read through {@link BioLogicMpr}. The header row is the first of the first 200 lines that names
 * time, voltage and current; separators (tab, comma, semicolon) are told from it.
 */
public final class CyclerFiles {
    private CyclerFiles() {}

    /** The summary and what the file was. */
    public record Summary(String vendor, CycleSummary.Result result, double elapsedMs) {}

    public static Summary summarise(Path file, String mapping, double restCurrentA) {
        long t0 = System.nanoTime();
        AtomicOutput.noteInput(file);
        String src = file.toString();
        byte[] head = new byte[64 * 1024];
        int got;
        try (InputStream in = Files.newInputStream(file)) {
            got = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new InputException(src, "file", "an existing cycler file", "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        CycleSummary sum = new CycleSummary(src, restCurrentA);
        String vendor;
        if (got >= 22 && new String(head, 0, 22, StandardCharsets.ISO_8859_1).equals("BIO-LOGIC MODULAR FILE")) {
            vendor = "BioLogic mpr";
            mpr(src, file, sum);
        } else {
            vendor = text(src, file, head, got, mapping, sum);
        }
        return new Summary(vendor, sum.finish(), (System.nanoTime() - t0) / 1e6);
    }

    private static void mpr(String src, Path file, CycleSummary sum) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        BioLogicMpr.Data d = BioLogicMpr.read(src, all);
        double[] t = d.columns().get("time/s"), v = d.columns().get("Ewe/V");
        double[] i = d.columns().containsKey("I/mA") ? d.columns().get("I/mA") : d.columns().get("<I>/mA");
        if (t == null || v == null || i == null) {
            throw new InputException(src, "columns", "time/s, Ewe/V and I/mA (a galvanostatic or voltammetry module)", d.columns().keySet().toString());
        }
        double[] c = d.columns().get("cycle number");
        for (int k = 0; k < t.length; k++) sum.row(t[k], v[k], i[k] * 1e-3, c == null ? Double.NaN : c[k] + 1, Double.NaN, Double.NaN, k + 1);
    }

    private static String text(String src, Path file, byte[] head, int got, String mapping, CycleSummary sum) {
        // the header: the first line of the first 200 that names the three quantities
        String start = new String(head, 0, got, StandardCharsets.ISO_8859_1);
        String[] lines = start.split("\n", 201);
        CyclerColumns cols = null;
        byte sep = ',';
        long headerEnd = 0;
        InputException firstError = null;
        for (int k = 0; k < Math.min(200, lines.length - 1) && cols == null; k++) {
            String l = lines[k].replace("\r", "");
            headerEnd += lines[k].length() + 1;
            if (l.isBlank()) continue;
            sep = (byte) (l.contains("\t") ? '\t' : l.contains(";") && !l.contains(",") ? ';' : ',');
            List<String> names = Arrays.asList(l.split(sep == '\t' ? "\t" : sep == ';' ? ";" : ",", -1));
            try {
                cols = CyclerColumns.find(src, names, mapping);
            } catch (InputException e) {
                if (e.field().equals("current unit")) throw e;
                if (firstError == null) firstError = e;
            }
        }
        if (cols == null) throw firstError != null ? firstError : new InputException(src, "header", "a header row naming time, voltage and current", "none");
        int need = Math.max(cols.time(), Math.max(cols.voltage(), cols.current()));
        int[] wanted = {cols.time(), cols.voltage(), cols.current(), cols.cycle(), cols.chargeCapacity(), cols.dischargeCapacity()};
        for (int w : wanted) need = Math.max(need, w);
        int[] starts = new int[need + 2], ends = new int[need + 2];
        long lineNo = 0;
        lineNo = start.substring(0, (int) Math.min(headerEnd, start.length())).chars().filter(ch -> ch == '\n').count();
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(headerEnd);
            byte[] buf = new byte[1 << 20];
            int len = 0;
            boolean eof = false;
            while (!eof || len > 0) {
                if (!eof) {
                    int r = in.read(buf, len, buf.length - len);
                    if (r < 0) eof = true; else len += r;
                }
                int pos = 0;
                while (true) {
                    int nl = -1;
                    for (int q = pos; q < len; q++) if (buf[q] == '\n') { nl = q; break; }
                    if (nl < 0) {
                        if (eof && pos < len) nl = len; // a last line without a newline
                        else break;
                    }
                    lineNo++;
                    int fields = 0, f0 = pos;
                    for (int q = pos; q <= nl && fields <= need; q++) {
                        if (q == nl || buf[q] == sep) {
                            starts[fields] = f0;
                            ends[fields] = q;
                            fields++;
                            f0 = q + 1;
                        }
                    }
                    boolean blank = nl - pos <= 1 && (nl == pos || buf[pos] == '\r');
                    if (!blank) {
                        if (fields <= need) throw new InputException(src, "line " + lineNo, (need + 1) + " columns", fields + " columns");
                        double t = FastNumbers.parse(buf, starts[cols.time()], ends[cols.time()]) * cols.timeScaleS();
                        double v = FastNumbers.parse(buf, starts[cols.voltage()], ends[cols.voltage()]) * cols.voltageScaleV();
                        double i = FastNumbers.parse(buf, starts[cols.current()], ends[cols.current()]) * cols.currentScaleA();
                        double c = cols.cycle() < 0 ? Double.NaN : FastNumbers.parse(buf, starts[cols.cycle()], ends[cols.cycle()]);
                        double qc = cols.chargeCapacity() < 0 ? Double.NaN : FastNumbers.parse(buf, starts[cols.chargeCapacity()], ends[cols.chargeCapacity()]) * cols.capacityScaleMah();
                        double qd = cols.dischargeCapacity() < 0 ? Double.NaN : FastNumbers.parse(buf, starts[cols.dischargeCapacity()], ends[cols.dischargeCapacity()]) * cols.capacityScaleMah();
                        sum.row(t, v, i, c, qc, qd, lineNo);
                    }
                    pos = Math.min(nl + 1, len);
                    if (nl >= len) break;
                }
                System.arraycopy(buf, pos, buf, 0, len - pos);
                len -= pos;
                if (len == buf.length) throw new InputException(src, "line " + (lineNo + 1), "lines shorter than 1 MiB", "a longer line");
                if (eof && len == 0) break;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return cols.vendor();
    }
}
