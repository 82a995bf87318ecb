package org.solidscope.echem.cycling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.solidscope.core.InputException;

/**
 * Cycler tables in Excel workbooks ({@code .xlsx}, as Arbin's MITS Pro and Neware's BTS export them): the workbook's
 * sheets in order, the first whose header row (within its first 30 rows) names time, voltage and current
 * ({@link CyclerColumns}) is the data; Arbin's {@code Global_Info} sheet is passed over that way. Each sheet is read as a
 * stream of XML events (StAX), row by row: a workbook of a million rows never sits in the heap; only the shared-string
 * table (the headers' words) is held. Cells are placed by their reference ({@code C12}), so cells Excel leaves out
 * are empty, not shifted.
 */
public final class XlsxTables {
    private XlsxTables() {}

    /** Made when a workbook is first read: a text file's summary does not pay for the XML machinery. */
    private static final class Xml {
        static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

        static {
            FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false); // no external entities from a file we were given
            FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        }
    }

    /** Whether a file's first bytes are a ZIP archive (an .xlsx is one). */
    static boolean isZip(byte[] head, int got) {
        return got >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** Streams the data sheet's rows into {@code sink}; returns "Excel (sheet name)". */
    static String read(String src, Path file, String mapping, CyclerFiles.RowSink sink) {
        try (ZipFile z = new ZipFile(file.toFile())) {
            List<String[]> sheets = sheets(src, z);
            List<String> shared = sharedStrings(src, z);
            InputException first = null;
            for (String[] sheet : sheets) {
                ZipEntry e = z.getEntry(sheet[1]);
                if (e == null) throw new InputException(src, "sheet " + sheet[0], "its part " + sheet[1] + " in the workbook", "missing");
                try (InputStream in = z.getInputStream(e)) {
                    if (sheet(src + " [" + sheet[0] + "]", in, shared, mapping, sink)) return "Excel (" + sheet[0] + ")";
                } catch (InputException ex) {
                    if (!ex.field().equals("header")) throw ex;
                    if (first == null) first = ex;
                }
            }
            throw first != null ? first : new InputException(src, "sheets", "a sheet whose header names time, voltage and current", "none");
        } catch (ZipException | java.io.EOFException e) {
            // a part that cannot be inflated, or ends before its size: the archive is damaged (cut, or bytes changed)
            throw new InputException(src, "workbook", "an .xlsx (ZIP) workbook", "a damaged archive: " + (e.getMessage() == null ? "a part ends early" : e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Whether a workbook has a sheet with a cycler header. */
    static boolean hasCyclerSheet(Path file) {
        try {
            read(file.toString(), file, null, (t, v, i, c, qc, qd, w) -> { throw new StopReading(); });
            return false; // a header, but no rows
        } catch (StopReading s) {
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static final class StopReading extends RuntimeException {
        StopReading() { super(null, null, false, false); }
    }

    /** Sheets in workbook order: {name, part path}. */
    private static List<String[]> sheets(String src, ZipFile z) throws IOException {
        Map<String, String> rels = new HashMap<>();
        ZipEntry re = z.getEntry("xl/_rels/workbook.xml.rels");
        if (re != null) {
            try (InputStream in = z.getInputStream(re)) {
                XMLStreamReader x = Xml.FACTORY.createXMLStreamReader(in);
                while (x.hasNext()) {
                    if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("Relationship")) {
                        String target = x.getAttributeValue(null, "Target"), id = x.getAttributeValue(null, "Id");
                        if (target == null || id == null) continue; // not a relationship a sheet can use
                        rels.put(id, target.startsWith("/") ? target.substring(1) : "xl/" + target);
                    }
                }
            } catch (XMLStreamException e) {
                throw new InputException(src, "xl/_rels/workbook.xml.rels", "well-formed XML", e.getMessage().lines().findFirst().orElse("unreadable"));
            }
        }
        ZipEntry wb = z.getEntry("xl/workbook.xml");
        if (wb == null) throw new InputException(src, "workbook", "an .xlsx workbook (xl/workbook.xml)", "a ZIP archive without one");
        List<String[]> out = new ArrayList<>();
        try (InputStream in = z.getInputStream(wb)) {
            XMLStreamReader x = Xml.FACTORY.createXMLStreamReader(in);
            int k = 0;
            while (x.hasNext()) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("sheet")) {
                    k++;
                    String id = null;
                    for (int a = 0; a < x.getAttributeCount(); a++) if (x.getAttributeLocalName(a).equals("id")) id = x.getAttributeValue(a);
                    String part = id != null && rels.containsKey(id) ? rels.get(id) : "xl/worksheets/sheet" + k + ".xml";
                    String name = x.getAttributeValue(null, "name");
                    out.add(new String[] {name == null ? "sheet " + k : name, part});
                }
            }
        } catch (XMLStreamException e) {
            throw new InputException(src, "xl/workbook.xml", "well-formed XML", e.getMessage().lines().findFirst().orElse("unreadable"));
        }
        return out;
    }

    /** The most bytes the shared strings part may inflate to: real workbooks hold headers and step names, kilobytes to megabytes. */
    static final long MAX_SHARED_STRINGS = 128L << 20;

    /** A stream that refuses to go past {@code limit} bytes, naming the part. */
    static InputStream bounded(String src, String part, InputStream in, long limit) {
        return new java.io.FilterInputStream(in) {
            long seen;

            private void count(long n) {
                if (n > 0 && (seen += n) > limit) {
                    throw new InputException(src, part, "at most " + (limit >> 20) + " MiB once inflated", "more (a compression bomb?)");
                }
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) count(1);
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                count(n);
                return n;
            }
        };
    }

    private static List<String> sharedStrings(String src, ZipFile z) throws IOException {
        List<String> out = new ArrayList<>();
        ZipEntry e = z.getEntry("xl/sharedStrings.xml");
        if (e == null) return out;
        // the shared strings are held in memory: bounded as they inflate (a small archive can hold one string of a gigabyte)
        try (InputStream in = bounded(src, "xl/sharedStrings.xml", z.getInputStream(e), MAX_SHARED_STRINGS)) {
            XMLStreamReader x = Xml.FACTORY.createXMLStreamReader(in);
            StringBuilder cur = null;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("si")) cur = new StringBuilder();
                else if (ev == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("t") && cur != null) cur.append(x.getElementText());
                else if (ev == XMLStreamConstants.END_ELEMENT && x.getLocalName().equals("si")) { out.add(cur.toString()); cur = null; }
            }
        } catch (XMLStreamException ex) {
            throw new InputException(src, "xl/sharedStrings.xml", "well-formed XML", ex.getMessage().lines().findFirst().orElse("unreadable"));
        }
        return out;
    }

    /** Streams one sheet; false when it has no cycler header in its first 30 rows (then nothing was sent to the sink). */
    private static boolean sheet(String src, InputStream in, List<String> shared, String mapping, CyclerFiles.RowSink sink) {
        try {
            XMLStreamReader x = Xml.FACTORY.createXMLStreamReader(in);
            List<String> row = new ArrayList<>();
            CyclerColumns cols = null;
            InputException firstError = null;
            int rowsSeen = 0, col = 0;
            long rowNo = 0;
            String type = null;
            String value = null;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "row" -> {
                            row.clear();
                            rowNo = number(src, "row " + (rowNo + 1) + " reference", x.getAttributeValue(null, "r"), rowNo + 1);
                            col = 0;
                        }
                        case "c" -> {
                            String ref = x.getAttributeValue(null, "r");
                            col = ref != null ? column(ref) : col;
                            if (col < 0 || col >= 16384) throw new InputException(src, "row " + rowNo + " cell", "a reference A … XFD with its row", "'" + ref + "'");
                            type = x.getAttributeValue(null, "t");
                            value = null;
                        }
                        case "v" -> value = x.getElementText();
                        case "t" -> value = (value == null ? "" : value) + x.getElementText(); // inline strings
                        default -> { }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    if (x.getLocalName().equals("c")) {
                        String text = value;
                        if ("s".equals(type) && value != null) {
                            long k = number(src, "row " + rowNo + " shared string", value, -1);
                            if (k < 0 || k >= shared.size()) throw new InputException(src, "row " + rowNo, "a shared string index below " + shared.size(), value);
                            text = shared.get((int) k);
                        }
                        while (row.size() < col) row.add("");
                        if (row.size() == col) row.add(text == null ? "" : text); else row.set(col, text == null ? "" : text);
                        col++;
                    } else if (x.getLocalName().equals("row")) {
                        if (cols == null) {
                            if (++rowsSeen > 30) break;
                            if (row.stream().allMatch(String::isBlank)) continue;
                            try {
                                cols = CyclerColumns.find(src, List.copyOf(row), mapping);
                            } catch (InputException e) {
                                if (e.field().equals("current unit")) throw e;
                                if (firstError == null) firstError = e;
                            }
                            continue;
                        }
                        if (row.stream().allMatch(String::isBlank)) continue;
                        if (Double.isNaN(cols.timeScaleS())) { // a clock in the cells is seconds; a number without a unit is refused
                            String t0 = cols.time() < row.size() ? row.get(cols.time()) : "";
                            byte[] tb = t0.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                            if (Double.isNaN(FastNumbers.clock(tb, 0, tb.length)) || !Double.isNaN(FastNumbers.general(tb, 0, tb.length))) {
                                throw new InputException(src, "column '" + cols.timeName().strip() + "' unit", "a time unit, given as --columns 'time="
                                        + cols.timeName().strip() + "[min]' (s, min, h)", "no unit");
                            }
                            cols = cols.withTimeScale(1);
                        }
                        CyclerFiles.emit(src, cols, sink, rowNo, cell(row, cols.time()), cell(row, cols.voltage()), cell(row, cols.current()),
                                cols.cycle() < 0 ? Double.NaN : cell(row, cols.cycle()), cols.chargeCapacity() < 0 ? Double.NaN : cell(row, cols.chargeCapacity()),
                                cols.dischargeCapacity() < 0 ? Double.NaN : cell(row, cols.dischargeCapacity()),
                                cols.stepCapacity() < 0 ? Double.NaN : cell(row, cols.stepCapacity()),
                                cols.direction() < 0 ? null : cols.direction() < row.size() ? row.get(cols.direction()) : "");
                    }
                }
            }
            if (cols == null) {
                throw new InputException(src, "header", "a header row naming time, voltage and current in the first 30 rows",
                        firstError != null ? firstError.getMessage() : "none");
            }
            return true;
        } catch (XMLStreamException e) {
            throw new InputException(src, "sheet XML", "well-formed XML", e.getMessage().lines().findFirst().orElse("unreadable"));
        }
    }

    /** A whole number from an attribute or cell, {@code otherwise} when absent; anything else is refused naming where. */
    private static long number(String src, String field, String text, long otherwise) {
        if (text == null) return otherwise;
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InputException(src, field, "a whole number", "'" + text.strip().replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }

    private static double cell(List<String> row, int k) {
        if (k >= row.size() || row.get(k).isBlank()) return Double.NaN;
        String s = row.get(k).strip();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            return FastNumbers.clock(b, 0, b.length);
        }
    }

    /** The 0-based column of a cell reference such as {@code AB12}. */
    static int column(String ref) {
        int c = 0;
        for (int i = 0; i < ref.length() && ref.charAt(i) < 128 && Character.isLetter(ref.charAt(i)); i++) {
            c = c * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            if (c > 16384) return -1; // beyond Excel's last column (XFD)
        }
        return c - 1;
    }
}
