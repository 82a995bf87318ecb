package org.solidscope.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Thrift compact protocol, as far as Parquet metadata needs it: structs, i32/i64 (zigzag varints),
 * binary/string, lists. Writer and reader.
 */
final class ThriftCompact {
    static final int BOOL_TRUE = 1, BOOL_FALSE = 2, I32 = 5, I64 = 6, BINARY = 8, LIST = 9, STRUCT = 12;

    private ThriftCompact() {}

    /** Writes a struct's fields in increasing id order. */
    static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final java.util.ArrayDeque<Integer> lastIds = new java.util.ArrayDeque<>();
        private int lastId;

        Writer field(int id, int type) {
            int delta = id - lastId;
            if (delta > 0 && delta <= 15) out.write((delta << 4) | type);
            else { out.write(type); varint(zigzag(id)); }
            lastId = id;
            return this;
        }

        Writer i32(int id, int v) { field(id, I32); varint(zigzag(v)); return this; }

        Writer i64(int id, long v) { field(id, I64); varint(zigzag(v)); return this; }

        Writer string(int id, String s) { field(id, BINARY); binary(s.getBytes(StandardCharsets.UTF_8)); return this; }

        Writer beginStruct(int id) { field(id, STRUCT); lastIds.push(lastId); lastId = 0; return this; }

        Writer endStruct() { out.write(0); lastId = lastIds.isEmpty() ? 0 : lastIds.pop(); return this; }

        /** A list header; then write the elements (structs via {@link #beginElement}/{@link #endStruct}). */
        Writer list(int id, int elemType, int size) {
            field(id, LIST);
            if (size < 15) out.write((size << 4) | elemType);
            else { out.write(0xF0 | elemType); varint(size); }
            return this;
        }

        Writer beginElement() { lastIds.push(lastId); lastId = 0; return this; }

        void elementI32(int v) { varint(zigzag(v)); }

        void elementString(String s) { binary(s.getBytes(StandardCharsets.UTF_8)); }

        void binary(byte[] b) { varint(b.length); out.write(b, 0, b.length); }

        void varint(long v) {
            while ((v & ~0x7FL) != 0) { out.write((int) ((v & 0x7F) | 0x80)); v >>>= 7; }
            out.write((int) v);
        }

        byte[] bytes() { out.write(0); return out.toByteArray(); } // closes the top-level struct

        static long zigzag(long v) { return (v << 1) ^ (v >> 63); }
    }

    /** Reads a struct into a tree: field id → Long, byte[], List or nested map. */
    static final class Reader {
        final byte[] b;
        int pos;

        Reader(byte[] b, int pos) { this.b = b; this.pos = pos; }

        java.util.Map<Integer, Object> struct() {
            java.util.Map<Integer, Object> m = new java.util.HashMap<>();
            int last = 0;
            while (true) {
                int h = b[pos++] & 0xff;
                if (h == 0) return m;
                int type = h & 0x0f, delta = h >>> 4;
                int id = delta != 0 ? last + delta : (int) unzigzag(varint());
                last = id;
                m.put(id, value(type));
            }
        }

        Object value(int type) {
            switch (type) {
                case BOOL_TRUE: return Boolean.TRUE;
                case BOOL_FALSE: return Boolean.FALSE;
                case 3: return (long) b[pos++];
                case 4: case I32: case I64: return unzigzag(varint());
                case 7: { long v = 0; for (int i = 0; i < 8; i++) v |= (b[pos++] & 0xffL) << (8 * i); return Double.longBitsToDouble(v); }
                case BINARY: { int n = (int) varint(); byte[] r = java.util.Arrays.copyOfRange(b, pos, pos + n); pos += n; return r; }
                case LIST: case 10: {
                    int h = b[pos++] & 0xff;
                    int size = h >>> 4, et = h & 0x0f;
                    if (size == 15) size = (int) varint();
                    java.util.List<Object> l = new java.util.ArrayList<>();
                    for (int i = 0; i < size; i++) l.add(et == STRUCT ? struct() : value(et));
                    return l;
                }
                case STRUCT: return struct();
                default: throw new IllegalStateException("unsupported thrift type " + type);
            }
        }

        long varint() {
            long v = 0;
            int shift = 0;
            while (true) {
                int x = b[pos++] & 0xff;
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) return v;
                shift += 7;
            }
        }

        static long unzigzag(long v) { return (v >>> 1) ^ -(v & 1); }
    }
}
