package org.solidscope.echem.cycling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.solidscope.core.InputException;

/**
 * Neware's binary files: {@code .nda} (BTSDA 7, file version 29: records of 86 bytes marked {@code 55 00}; BTS 9, version
 * 130: records of 88 bytes from byte 1024) and {@code .ndax} (a ZIP whose {@code data.ndc}, versions 2 and 5, holds the
 * records). Each record: its index, cycle, step, status (CC_Chg, CC_DChg, Rest, …), the step's clock, voltage, current and
 * the step's charge and discharge capacity counters, in integers scaled by the channel's current range (the range → scale
 * table is a fact of the format; an unknown range is refused, since a wrong scale would pass unnoticed). The records keep
 * the step's clock: the test's clock is the sum of the steps before it and the step's own. Records are taken in the order
 * of their index, a repeated index once; a cycle field that never changes is taken as absent (cycles are then inferred).
 * The ndc layouts that split the records over {@code data_runInfo.ndc} and {@code data_step.ndc} (versions 11 and 14)
 * are refused by name.
 */
final class NewareBinary {
    private NewareBinary() {}

    /** Current range → the scale of the current and capacity integers to mA and mA·s. */
    private static final Map<Integer, Double> RANGE_SCALE = Map.ofEntries(
            Map.entry(-100000000, 10.0), Map.entry(-200000, 1e-2), Map.entry(-100000, 1e-2), Map.entry(-60000, 1e-2), Map.entry(-50000, 1e-2),
            Map.entry(-30000, 1e-2), Map.entry(-20000, 1e-2), Map.entry(-12000, 1e-2), Map.entry(-10000, 1e-2), Map.entry(-6000, 1e-2),
            Map.entry(-5000, 1e-2), Map.entry(-3000, 1e-2), Map.entry(-2000, 1e-2), Map.entry(-1000, 1e-2), Map.entry(-500, 1e-3),
            Map.entry(-100, 1e-3), Map.entry(-50, 1e-4), Map.entry(-25, 1e-4), Map.entry(-20, 1e-4), Map.entry(-10, 1e-4), Map.entry(-5, 1e-5),
            Map.entry(-2, 1e-5), Map.entry(-1, 1e-5), Map.entry(0, 0.0), Map.entry(1, 1e-4), Map.entry(2, 1e-4), Map.entry(5, 1e-4),
            Map.entry(10, 1e-3), Map.entry(20, 1e-3), Map.entry(50, 1e-3), Map.entry(100, 1e-2), Map.entry(200, 1e-2), Map.entry(250, 1e-2),
            Map.entry(500, 1e-2), Map.entry(1000, 1e-1), Map.entry(6000, 1e-1), Map.entry(10000, 1e-1), Map.entry(12000, 1e-1),
            Map.entry(20000, 1e-1), Map.entry(30000, 1e-1), Map.entry(40000, 1e-1), Map.entry(50000, 1e-1), Map.entry(60000, 1e-1),
            Map.entry(100000, 1e-1), Map.entry(200000, 1e-1));

    /** Status codes: the direction they give the current ({@link Direction}); codes not listed are refused. */
    private static final Map<Integer, Integer> STATUS = Map.ofEntries(
            Map.entry(1, Direction.CHARGE), Map.entry(2, Direction.DISCHARGE), Map.entry(3, Direction.CHARGE), Map.entry(4, Direction.REST),
            Map.entry(5, Direction.NONE), Map.entry(7, Direction.CHARGE), Map.entry(8, Direction.DISCHARGE), Map.entry(9, Direction.CHARGE),
            Map.entry(10, Direction.DISCHARGE), Map.entry(13, Direction.REST), Map.entry(16, Direction.NONE), Map.entry(17, Direction.NONE),
            Map.entry(19, Direction.DISCHARGE), Map.entry(20, Direction.DISCHARGE), Map.entry(21, Direction.NONE), Map.entry(22, Direction.REST),
            Map.entry(26, Direction.DISCHARGE), Map.entry(27, Direction.CHARGE));

    private static final int MAX_NDC = 1 << 30;

    /** Whether a ZIP archive is an .ndax (it holds a data.ndc). */
    static boolean isNdax(Path file) {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
            return z.getEntry("data.ndc") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the file begins as an .nda does. */
    static boolean isNda(byte[] head, int got) {
        return got >= 15 && new String(head, 0, 6, StandardCharsets.ISO_8859_1).equals("NEWARE");
    }

    /** The records, growing arrays: index, cycle, step, status, step clock (s), voltage (V), current (mA), counters (mAh). */
    private static final class Records {
        int n;
        long[] index = new long[1024];
        double[][] v = new double[7][1024]; // cycle, step, status, step time s, voltage V, current mA, (charge, discharge mAh below)
        double[] qc = new double[1024], qd = new double[1024];

        void add(long idx, double cycle, double step, int status, double timeS, double voltV, double currentMa, double qcMah, double qdMah) {
            if (n == index.length) {
                index = Arrays.copyOf(index, 2 * n);
                for (int k = 0; k < v.length; k++) v[k] = Arrays.copyOf(v[k], 2 * n);
                qc = Arrays.copyOf(qc, 2 * n);
                qd = Arrays.copyOf(qd, 2 * n);
            }
            index[n] = idx;
            v[0][n] = cycle; v[1][n] = step; v[2][n] = status; v[3][n] = timeS; v[4][n] = voltV; v[5][n] = currentMa;
            qc[n] = qcMah;
            qd[n] = qdMah;
            n++;
        }
    }

    static String readNda(String src, Path file, CyclerFiles.RowSink sink) {
        byte[] b = bytes(src, file);
        int version = b[14] & 0xff;
        Records r = new Records();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (version == 29) {
            int start = dataStart29(b);
            if (start < 0) throw new InputException(src, "records", "records of 86 bytes marked 55 00 (an .nda of version 29)", "none");
            int p = start;
            for (; p + 86 <= b.length; p += 86) {
                if (b[p] != 0x55 || b[p + 1] != 0 || bb.getInt(p + 82) != 0) continue;
                int status = b[p + 12] & 0xff;
                long idx = Integer.toUnsignedLong(bb.getInt(p + 2));
                if (idx == 0 || status == 0) continue;
                double scale = scale(src, bb.getInt(p + 78), "record " + idx);
                r.add(idx, Integer.toUnsignedLong(bb.getInt(p + 6)) + 1, bb.getShort(p + 10) & 0xffff, status, bb.getLong(p + 14) / 1000.0,
                        bb.getInt(p + 22) / 10000.0, bb.getInt(p + 26) * scale, bb.getLong(p + 38) * scale / 3600, bb.getLong(p + 46) * scale / 3600);
            }
            cutRecord(src, b, p, 86, new byte[] {0x55, 0});
        } else if (version == 130) {
            if (b.length < 1030) throw new InputException(src, "records", "records from byte 1024 (an .nda of version 130)", b.length + " bytes");
            int p = 1024;
            for (; p + 88 <= b.length; p += 88) {
                boolean data = true;
                for (int k = 0; k < 6 && data; k++) data = b[p + k] == b[1024 + k];
                if (!data) continue;
                int q = p + 4;
                r.add(Integer.toUnsignedLong(bb.getInt(q + 12)), Double.NaN, b[q + 5] & 0xff, b[q + 6] & 0xff, bb.getLong(q + 24) / 1e6,
                        bb.getFloat(q + 32), bb.getFloat(q + 36), bb.getFloat(q + 48) / 3600, bb.getFloat(q + 56) / 3600);
            }
            cutRecord(src, b, p, 88, Arrays.copyOfRange(b, 1024, 1030));
        } else {
            throw new InputException(src, "version", "an .nda of version 29 (BTSDA 7) or 130 (BTS 9)", String.valueOf(version));
        }
        emit(src, r, sink);
        return "Neware nda";
    }

    /**
     * Refuses a file that ends inside a record: bytes after the last whole record that begin as a record does (its mark).
     * A file cut exactly between two records cannot be told from a shorter run: the format keeps no count of them.
     */
    private static void cutRecord(String src, byte[] b, int end, int recordBytes, byte[] mark) {
        int left = b.length - end;
        if (left <= 0) return;
        for (int k = 0; k < Math.min(left, mark.length); k++) if (b[end + k] != mark[k]) return; // a trailer, not a record
        throw new InputException(src, "records", "whole records of " + recordBytes + " bytes", left + " bytes of a record at the end of the file "
                + "(a copy cut short?)");
    }

    /** Where the first record of a version-29 file begins: a 55 00 mark with a record of nonzero status and another mark after it. */
    private static int dataStart29(byte[] b) {
        for (int p = 4; p + 4 + 86 < b.length; p++) {
            if (b[p] == 0x55 && b[p + 1] == 0 && b[p - 1] == 0 && b[p - 2] == 0 && b[p - 3] == 0 && b[p - 4] == 0
                    && (b[p + 86] & 0xff) == 0x55 && b[p + 12] != 0) return p;
        }
        return -1;
    }

    static String readNdax(String src, Path file, CyclerFiles.RowSink sink) {
        byte[] ndc = null;
        boolean split = false;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("data_runInfo.ndc")) split = true;
                if (!e.getName().equals("data.ndc")) continue;
                ndc = zip.readNBytes(MAX_NDC + 1);
                if (ndc.length > MAX_NDC) throw new InputException(src, "data.ndc", "at most " + (MAX_NDC >> 20) + " MiB", "more");
            }
        } catch (IOException e) {
            throw new InputException(src, "ZIP", "a readable .ndax archive", e.getMessage() == null ? "unreadable" : e.getMessage());
        }
        if (ndc == null) throw new InputException(src, "data.ndc", "an .ndax archive with its data.ndc", "none");
        String in = src + "!data.ndc";
        if (ndc.length < 4096) throw new InputException(in, "header", "at least 4,096 bytes", ndc.length + " bytes");
        int version = ndc[2] & 0xff, type = ndc[0] & 0xff;
        if (split || version != 2 && version != 5 || type != 1) {
            throw new InputException(in, "version", "an ndc of version 2 or 5 holding whole records",
                    "version " + version + ", file type " + type + (split ? ", records split over data_runInfo.ndc and data_step.ndc" : ""));
        }
        ByteBuffer bb = ByteBuffer.wrap(ndc).order(ByteOrder.LITTLE_ENDIAN);
        Records r = new Records();
        if (version == 5) {
            for (int page = 4096; page + 4096 <= ndc.length; page += 4096) {
                for (int p = page + 125; p + 87 <= page + 4096 - 56; p += 87) if (ndc[p + 7] == 0x55) ndcRecord(in, bb, p, r);
            }
        } else {
            byte[] id = Arrays.copyOfRange(ndc, 517, 525);
            for (int p = indexOf(ndc, id, 0); p >= 0 && p + 94 <= ndc.length; p = indexOf(ndc, id, p + 94)) if (ndc[p] == 0x55) ndcRecord(in, bb, p, r);
        }
        emit(src, r, sink);
        return "Neware ndax";
    }

    private static void ndcRecord(String src, ByteBuffer bb, int p, Records r) {
        long idx = Integer.toUnsignedLong(bb.getInt(p + 8));
        double scale = scale(src, bb.getInt(p + 82), "record " + idx);
        r.add(idx, Integer.toUnsignedLong(bb.getInt(p + 12)) + 1, bb.get(p + 16) & 0xff, bb.get(p + 17) & 0xff, bb.getLong(p + 23) / 1000.0,
                bb.getInt(p + 31) / 10000.0, bb.getInt(p + 35) * scale, bb.getLong(p + 43) * scale / 3600, bb.getLong(p + 51) * scale / 3600);
    }

    private static int indexOf(byte[] b, byte[] what, int from) {
        outer:
        for (int p = Math.max(0, from); p + what.length <= b.length; p++) {
            for (int k = 0; k < what.length; k++) if (b[p + k] != what[k]) continue outer;
            return p;
        }
        return -1;
    }

    private static double scale(String src, int range, String where) {
        Double s = RANGE_SCALE.get(range);
        if (s == null) throw new InputException(src, where + " current range", "a range of Neware's table (" + RANGE_SCALE.size() + " known)", String.valueOf(range));
        return s;
    }

    /** The records in index order, each index once, on the test's clock, to the sink. */
    private static void emit(String src, Records r, CyclerFiles.RowSink sink) {
        if (r.n == 0) throw new InputException(src, "records", "at least one data record", "none");
        Integer[] order = new Integer[r.n];
        for (int k = 0; k < r.n; k++) order[k] = k;
        Arrays.sort(order, (a, c) -> Long.compare(r.index[a], r.index[c]));
        boolean cycleChanges = false;
        for (int k = 1; k < r.n; k++) cycleChanges |= r.v[0][k] != r.v[0][0];
        double offset = 0, lastStepTime = 0, lastStep = Double.NaN, lastStatus = Double.NaN;
        long lastIndex = -1, row = 0;
        for (int j = 0; j < r.n; j++) {
            int k = order[j];
            if (r.index[k] == lastIndex) continue;
            lastIndex = r.index[k];
            double step = r.v[1][k], status = r.v[2][k], stepTime = r.v[3][k];
            if (row > 0 && (step != lastStep || status != lastStatus || stepTime < lastStepTime)) offset += lastStepTime; // a new step's clock
            lastStep = step;
            lastStatus = status;
            lastStepTime = stepTime;
            Integer dir = STATUS.get((int) status);
            if (dir == null) throw new InputException(src, "record " + r.index[k] + " status", "a status of Neware's table", String.valueOf((int) status));
            double i = r.v[5][k] * 1e-3;
            if (dir == Direction.CHARGE) i = Math.abs(i); else if (dir == Direction.DISCHARGE) i = -Math.abs(i);
            sink.row(offset + stepTime, r.v[4][k], i, cycleChanges ? r.v[0][k] : Double.NaN, r.qc[k], r.qd[k], ++row);
        }
    }

    private static byte[] bytes(String src, Path file) {
        try {
            return MemoryBudgetBytes.read(src, file);
        } catch (IOException e) {
            throw new InputException(src, "file", "a readable file", e.getMessage() == null ? "unreadable" : e.getMessage());
        }
    }
}
