package org.solidscope.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;

/**
 * A flat table in Apache Parquet: nullable columns of UTF-8 strings, 64-bit integers and doubles, one
 * row group, one uncompressed data page (v1) per column, PLAIN values, definition levels as RLE runs.
 * Enough for the tools users already have (pandas/pyarrow, DuckDB, Spark) to read an export. The reader
 * reads back files of this shape.
 */
public final class ParquetTable {
    private ParquetTable() {}

    public enum Type { STRING, INT64, DOUBLE }

    public record Column(String name, Type type) {}

    static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    static final int PT_INT64 = 2, PT_DOUBLE = 5, PT_BYTE_ARRAY = 6, REP_OPTIONAL = 1, UTF8 = 0, PLAIN = 0, RLE = 3;

    /** Writes rows (each a list of values matching the columns; null allowed) to {@code file}, atomically. */
    public static void write(Path file, List<Column> columns, List<List<Object>> rows) {
        AtomicOutput.write(file, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(bytes(columns, rows));
            }
        });
    }

    static byte[] bytes(List<Column> columns, List<List<Object>> rows) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(MAGIC);
        long[] offsets = new long[columns.size()], sizes = new long[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            ByteArrayOutputStream values = new ByteArrayOutputStream();
            boolean[] present = new boolean[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                Object v = rows.get(r).get(c);
                if (v instanceof Double d && !Double.isFinite(d)) v = null;
                present[r] = v != null;
                if (v == null) continue;
                switch (col.type()) {
                    case STRING -> {
                        byte[] s = v.toString().getBytes(StandardCharsets.UTF_8);
                        values.write(le32(s.length));
                        values.write(s);
                    }
                    case INT64 -> values.write(le64(((Number) v).longValue()));
                    case DOUBLE -> values.write(le64(Double.doubleToLongBits(((Number) v).doubleValue())));
                }
            }
            byte[] levels = definitionLevels(present);
            ByteArrayOutputStream page = new ByteArrayOutputStream();
            page.write(le32(levels.length));
            page.write(levels);
            values.writeTo(page);
            ThriftCompact.Writer h = new ThriftCompact.Writer();
            h.i32(1, 0).i32(2, page.size()).i32(3, page.size());
            h.beginStruct(5).i32(1, rows.size()).i32(2, PLAIN).i32(3, RLE).i32(4, RLE).endStruct();
            byte[] header = h.bytes();
            offsets[c] = file.size();
            file.write(header);
            page.writeTo(file);
            sizes[c] = header.length + page.size();
        }
        ThriftCompact.Writer m = new ThriftCompact.Writer();
        m.i32(1, 1);
        m.list(2, ThriftCompact.STRUCT, columns.size() + 1);
        m.beginElement().string(4, "schema").i32(5, columns.size()).endStruct();
        for (Column col : columns) {
            m.beginElement().i32(1, physical(col.type())).i32(3, REP_OPTIONAL).string(4, col.name());
            if (col.type() == Type.STRING) m.i32(6, UTF8);
            m.endStruct();
        }
        m.i64(3, rows.size());
        m.list(4, ThriftCompact.STRUCT, 1);
        m.beginElement();
        m.list(1, ThriftCompact.STRUCT, columns.size());
        long total = 0;
        for (int c = 0; c < columns.size(); c++) {
            m.beginElement().i64(2, offsets[c]).beginStruct(3);
            m.i32(1, physical(columns.get(c).type()));
            m.list(2, ThriftCompact.I32, 2);
            m.elementI32(PLAIN);
            m.elementI32(RLE);
            m.list(3, ThriftCompact.BINARY, 1);
            m.elementString(columns.get(c).name());
            m.i32(4, 0).i64(5, rows.size()).i64(6, sizes[c]).i64(7, sizes[c]).i64(9, offsets[c]);
            m.endStruct().endStruct();
            total += sizes[c];
        }
        m.i64(2, total).i64(3, rows.size()).endStruct();
        m.string(6, "SolidScope");
        byte[] meta = m.bytes();
        file.write(meta);
        file.write(le32(meta.length));
        file.write(MAGIC);
        return file.toByteArray();
    }

    static int physical(Type t) {
        return switch (t) { case STRING -> PT_BYTE_ARRAY; case INT64 -> PT_INT64; case DOUBLE -> PT_DOUBLE; };
    }

    /** RLE/bit-packed hybrid, bit width 1, RLE runs only: (run length << 1) varint, then the level in one byte. */
    static byte[] definitionLevels(boolean[] present) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int i = 0;
        while (i < present.length) {
            int j = i;
            while (j < present.length && present[j] == present[i]) j++;
            long h = (long) (j - i) << 1;
            while ((h & ~0x7FL) != 0) { o.write((int) ((h & 0x7F) | 0x80)); h >>>= 7; }
            o.write((int) h);
            o.write(present[i] ? 1 : 0);
            i = j;
        }
        return o.toByteArray();
    }

    static byte[] le32(int v) { return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array(); }

    static byte[] le64(long v) { return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array(); }

    /** A table read back: its columns and rows. */
    public record Table(List<Column> columns, List<List<Object>> rows) {}

    /** Reads a file written by {@link #write} (flat, optional columns, PLAIN, uncompressed, v1 pages). */
    @SuppressWarnings("unchecked")
    public static Table read(Path file) {
        String src = file.toString();
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(src, "file", "a readable Parquet file", e.getMessage());
        }
        int n = b.length;
        if (n < 12 || !new String(b, 0, 4, StandardCharsets.US_ASCII).equals("PAR1") || !new String(b, n - 4, 4, StandardCharsets.US_ASCII).equals("PAR1")) {
            throw new InputException(src, "magic", "PAR1 at both ends", "other bytes");
        }
        int metaLen = ByteBuffer.wrap(b, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        Map<Integer, Object> meta = new ThriftCompact.Reader(b, n - 8 - metaLen).struct();
        List<Object> schema = (List<Object>) meta.get(2);
        List<Column> cols = new ArrayList<>();
        for (int i = 1; i < schema.size(); i++) {
            Map<Integer, Object> e = (Map<Integer, Object>) schema.get(i);
            int pt = ((Long) e.get(1)).intValue();
            cols.add(new Column(new String((byte[]) e.get(4), StandardCharsets.UTF_8),
                    pt == PT_BYTE_ARRAY ? Type.STRING : pt == PT_INT64 ? Type.INT64 : Type.DOUBLE));
        }
        int rows = ((Long) meta.get(3)).intValue();
        List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) out.add(new ArrayList<>(java.util.Collections.nCopies(cols.size(), null)));
        Map<Integer, Object> rg = (Map<Integer, Object>) ((List<Object>) meta.get(4)).get(0);
        List<Object> chunks = (List<Object>) rg.get(1);
        for (int c = 0; c < cols.size(); c++) {
            Map<Integer, Object> md = (Map<Integer, Object>) ((Map<Integer, Object>) chunks.get(c)).get(3);
            ThriftCompact.Reader rd = new ThriftCompact.Reader(b, ((Long) md.get(9)).intValue());
            rd.struct(); // page header
            ByteBuffer page = ByteBuffer.wrap(b, rd.pos, b.length - rd.pos).order(ByteOrder.LITTLE_ENDIAN);
            int levelLen = page.getInt();
            boolean[] present = new boolean[rows];
            ThriftCompact.Reader lv = new ThriftCompact.Reader(b, page.position());
            int k = 0;
            while (lv.pos < page.position() + levelLen) {
                int run = (int) (lv.varint() >>> 1);
                boolean v = b[lv.pos++] != 0;
                for (int i = 0; i < run; i++) present[k++] = v;
            }
            page.position(page.position() + levelLen);
            for (int r = 0; r < rows; r++) {
                if (!present[r]) continue;
                Object v = switch (cols.get(c).type()) {
                    case STRING -> {
                        byte[] s = new byte[page.getInt()];
                        page.get(s);
                        yield new String(s, StandardCharsets.UTF_8);
                    }
                    case INT64 -> page.getLong();
                    case DOUBLE -> page.getDouble();
                };
                out.get(r).set(c, v);
            }
        }
        return new Table(cols, out);
    }
}
