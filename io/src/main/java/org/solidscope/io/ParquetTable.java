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
 * A flat table in Apache Parquet: nullable columns of UTF-8 strings, 64-bit integers and doubles, in
 * row groups of at most {@link #ROWS_PER_GROUP} rows, one data page (v1) per column chunk, PLAIN values,
 * definition levels as RLE runs, pages Snappy-compressed by default (uncompressed on request). Enough
 * for the tools users already have (pandas/pyarrow, DuckDB, Spark) to read an export; the reader reads
 * back files of this shape.
 */
public final class ParquetTable {
    private ParquetTable() {}

    public enum Type { STRING, INT64, DOUBLE }

    /** Page compression, with Parquet's codec numbers. */
    public enum Codec {
        UNCOMPRESSED(0), SNAPPY(1);

        final int id;

        Codec(int id) { this.id = id; }
    }

    public record Column(String name, Type type) {}

    /** Rows per row group: a reader can fetch and skip groups, and no page grows without bound. */
    public static final int ROWS_PER_GROUP = 50_000;

    static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    static final int PT_INT64 = 2, PT_DOUBLE = 5, PT_BYTE_ARRAY = 6, REP_OPTIONAL = 1, UTF8 = 0, PLAIN = 0, RLE = 3;

    /** Writes rows (each a list of values matching the columns; null allowed) to {@code file}, atomically, Snappy-compressed. */
    public static void write(Path file, List<Column> columns, List<List<Object>> rows) {
        write(file, columns, rows, Codec.SNAPPY, ROWS_PER_GROUP);
    }

    public static void write(Path file, List<Column> columns, List<List<Object>> rows, Codec codec, int rowsPerGroup) {
        if (rowsPerGroup < 1) throw new IllegalArgumentException("rowsPerGroup must be ≥ 1");
        AtomicOutput.write(file, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(bytes(columns, rows, codec, rowsPerGroup));
            }
        });
    }

    /** One column chunk as written: where it starts and how big it is, before and after compression. */
    record Chunk(long offset, long compressed, long uncompressed, int values) {}

    static byte[] bytes(List<Column> columns, List<List<Object>> rows, Codec codec, int rowsPerGroup) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(MAGIC);
        List<Chunk[]> groups = new ArrayList<>();
        for (int from = 0; from < rows.size() || (rows.isEmpty() && groups.isEmpty()); from += rowsPerGroup) {
            List<List<Object>> part = rows.subList(from, Math.min(rows.size(), from + rowsPerGroup));
            Chunk[] chunks = new Chunk[columns.size()];
            for (int c = 0; c < columns.size(); c++) chunks[c] = writeChunk(file, columns.get(c).type(), part, c, codec);
            groups.add(chunks);
            if (rows.isEmpty()) break;
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
        m.list(4, ThriftCompact.STRUCT, groups.size());
        for (Chunk[] chunks : groups) {
            m.beginElement();
            m.list(1, ThriftCompact.STRUCT, columns.size());
            long total = 0;
            for (int c = 0; c < columns.size(); c++) {
                Chunk k = chunks[c];
                m.beginElement().i64(2, k.offset()).beginStruct(3);
                m.i32(1, physical(columns.get(c).type()));
                m.list(2, ThriftCompact.I32, 2);
                m.elementI32(PLAIN);
                m.elementI32(RLE);
                m.list(3, ThriftCompact.BINARY, 1);
                m.elementString(columns.get(c).name());
                m.i32(4, codec.id).i64(5, k.values()).i64(6, k.uncompressed()).i64(7, k.compressed()).i64(9, k.offset());
                m.endStruct().endStruct();
                total += k.uncompressed();
            }
            m.i64(2, total).i64(3, chunks.length == 0 ? 0 : chunks[0].values()).endStruct();
        }
        m.string(6, "SolidScope");
        byte[] meta = m.bytes();
        file.write(meta);
        file.write(le32(meta.length));
        file.write(MAGIC);
        return file.toByteArray();
    }

    /** Column {@code c} of these rows as one data page (definition levels, then the present values), compressed by {@code codec}. */
    private static Chunk writeChunk(ByteArrayOutputStream file, Type type, List<List<Object>> rows, int c, Codec codec) throws IOException {
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        boolean[] present = new boolean[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Object v = rows.get(r).get(c);
            if (v instanceof Double d && !Double.isFinite(d)) v = null;
            present[r] = v != null;
            if (v == null) continue;
            switch (type) {
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
        byte[] raw = page.toByteArray();
        byte[] stored = codec == Codec.SNAPPY ? org.xerial.snappy.Snappy.compress(raw) : raw;
        ThriftCompact.Writer h = new ThriftCompact.Writer();
        h.i32(1, 0).i32(2, raw.length).i32(3, stored.length);
        h.beginStruct(5).i32(1, rows.size()).i32(2, PLAIN).i32(3, RLE).i32(4, RLE).endStruct();
        byte[] header = h.bytes();
        long offset = file.size();
        file.write(header);
        file.write(stored);
        return new Chunk(offset, header.length + stored.length, header.length + raw.length, rows.size());
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

    /** Reads a file written by {@link #write} (flat, optional columns, PLAIN, uncompressed or Snappy v1 pages, any number of row groups). */
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
        int base = 0;
        for (Object g : (List<Object>) meta.get(4)) {
            Map<Integer, Object> rg = (Map<Integer, Object>) g;
            int groupRows = ((Long) rg.get(3)).intValue();
            List<Object> chunks = (List<Object>) rg.get(1);
            for (int c = 0; c < cols.size(); c++) {
                Map<Integer, Object> md = (Map<Integer, Object>) ((Map<Integer, Object>) chunks.get(c)).get(3);
                int codec = ((Long) md.get(4)).intValue();
                ThriftCompact.Reader rd = new ThriftCompact.Reader(b, ((Long) md.get(9)).intValue());
                Map<Integer, Object> header = rd.struct();
                int stored = ((Long) header.get(3)).intValue();
                byte[] data;
                if (codec == Codec.UNCOMPRESSED.id) {
                    data = java.util.Arrays.copyOfRange(b, rd.pos, rd.pos + stored);
                } else if (codec == Codec.SNAPPY.id) {
                    try {
                        data = org.xerial.snappy.Snappy.uncompress(java.util.Arrays.copyOfRange(b, rd.pos, rd.pos + stored));
                    } catch (IOException e) {
                        throw new InputException(src, "page", "a Snappy-compressed page", e.getMessage());
                    }
                } else {
                    throw new InputException(src, "codec", "UNCOMPRESSED or SNAPPY", String.valueOf(codec));
                }
                ByteBuffer page = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
                int levelLen = page.getInt();
                boolean[] present = new boolean[groupRows];
                ThriftCompact.Reader lv = new ThriftCompact.Reader(data, 4);
                int k = 0;
                while (lv.pos < 4 + levelLen) {
                    int run = (int) (lv.varint() >>> 1);
                    boolean v = data[lv.pos++] != 0;
                    for (int i = 0; i < run; i++) present[k++] = v;
                }
                page.position(4 + levelLen);
                for (int r = 0; r < groupRows; r++) {
                    if (!present[r]) continue;
                    Object v = switch (cols.get(c).type()) {
                        case STRING -> {
                            byte[] sb = new byte[page.getInt()];
                            page.get(sb);
                            yield new String(sb, StandardCharsets.UTF_8);
                        }
                        case INT64 -> page.getLong();
                        case DOUBLE -> page.getDouble();
                    };
                    out.get(base + r).set(c, v);
                }
            }
            base += groupRows;
        }
        return new Table(cols, out);
    }
}
