package org.solidscope.echem;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.core.InputException;

/**
 * BioLogic EC-Lab {@code .mpr} files (binary, little-endian): a 48-byte magic, 4 zero bytes, then modules
 * ({@code MODULE}, a 10-byte short name such as {@code VMP data}, a 25-byte long name, a header of length,
 * version and date — the EC-Lab ≥ 11.50 header, recognised by {@code FF FF FF FF} where the length was,
 * adds a maximum length and a sub-version — then the module's bytes). The data module holds the point
 * count, the column count, the column ids (u8 at version 0, data from byte 100; u16 big-endian at version
 * 0 from EC-Lab 11.50, data from 1007; u16 little-endian at versions 2 and 3, data from 405 and 406) and
 * then packed records. Flag columns (ids 1, 2, 3, 21, 31, 65) share one byte.
 *
 * <p>A column id missing from {@link #COLUMNS} is an error naming the id: its width is unknown, and a
 * guessed width would shift every later column.
 */
public final class BioLogicMpr {
    private BioLogicMpr() {}

    static final String MAGIC = "BIO-LOGIC MODULAR FILE\u001a";

    /** Storage of a column: 'f' float32, 'd' float64, 's' uint16, 'i' uint32, 'b' a bit field of the shared flags byte. */
    record Column(String name, char type, int mask) {
        int width() { return switch (type) { case 'f', 'i' -> 4; case 'd' -> 8; case 's' -> 2; default -> 0; }; }
    }

    /** Column ids and their storage, as EC-Lab writes them. */
    static final Map<Integer, Column> COLUMNS = new LinkedHashMap<>();

    static {
        flag(1, "mode", 0x03); flag(2, "ox/red", 0x04); flag(3, "error", 0x08); flag(21, "control changes", 0x10);
        flag(31, "Ns changes", 0x20); flag(65, "counter inc.", 0x80);
        col(4, "time/s", 'd'); col(5, "control/V/mA", 'f'); col(6, "Ewe/V", 'f'); col(7, "dq/mA.h", 'd'); col(8, "I/mA", 'f');
        col(9, "Ece/V", 'f'); col(11, "<I>/mA", 'd'); col(13, "(Q-Qo)/mA.h", 'd'); col(16, "Analog IN 1/V", 'f');
        col(17, "Analog IN 2/V", 'f'); col(19, "control/V", 'f'); col(20, "control/mA", 'f'); col(23, "dQ/mA.h", 'd');
        col(24, "cycle number", 'd'); col(26, "Rapp/Ohm", 'f'); col(27, "Ewe-Ece/V", 'f'); col(32, "freq/Hz", 'f');
        col(33, "|Ewe|/V", 'f'); col(34, "|I|/A", 'f'); col(35, "Phase(Z)/deg", 'f'); col(36, "|Z|/Ohm", 'f');
        col(37, "Re(Z)/Ohm", 'f'); col(38, "-Im(Z)/Ohm", 'f'); col(39, "I Range", 's'); col(69, "R/Ohm", 'f'); col(70, "P/W", 'f');
        col(74, "|Energy|/W.h", 'd'); col(75, "Analog OUT/V", 'f'); col(76, "<I>/mA", 'f'); col(77, "<Ewe>/V", 'f');
        col(78, "Cs-2/µF-2", 'f'); col(96, "|Ece|/V", 'f'); col(98, "Phase(Zce)/deg", 'f'); col(99, "|Zce|/Ohm", 'f');
        col(100, "Re(Zce)/Ohm", 'f'); col(101, "-Im(Zce)/Ohm", 'f'); col(123, "Energy charge/W.h", 'd'); col(124, "Energy discharge/W.h", 'd');
        col(125, "Capacitance charge/µF", 'd'); col(126, "Capacitance discharge/µF", 'd'); col(131, "Ns", 's');
        col(163, "|Estack|/V", 'f'); col(168, "Rcmp/Ohm", 'f'); col(169, "Cs/µF", 'f'); col(172, "Cp/µF", 'f'); col(173, "Cp-2/µF-2", 'f');
        col(174, "<Ewe>/V", 'f'); col(178, "(Q-Qo)/C", 'f'); col(179, "dQ/C", 'f'); col(211, "Q charge/discharge/mA.h", 'd');
        col(212, "half cycle", 'i'); col(213, "z cycle", 'i'); col(438, "step time/s", 'd'); col(462, "Temperature/°C", 'f');
        col(467, "Q charge/discharge/mA.h", 'd'); col(468, "half cycle", 'i'); col(469, "z cycle", 'i'); col(471, "<Ece>/V", 'f');
        col(430, "Phase(Zwe-ce)/deg", 'f'); col(431, "|Zwe-ce|/Ohm", 'f'); col(432, "Re(Zwe-ce)/Ohm", 'f'); col(433, "-Im(Zwe-ce)/Ohm", 'f');
        col(434, "(Q-Qo)/C", 'f'); col(435, "dQ/C", 'f'); col(441, "<Ecv>/V", 'f'); col(473, "THD Ewe/%", 'f'); col(474, "THD I/%", 'f');
        col(476, "NSD Ewe/%", 'f'); col(477, "NSD I/%", 'f'); col(479, "NSR Ewe/%", 'f'); col(480, "NSR I/%", 'f');
        col(498, "Q charge/mA.h", 'd'); col(499, "Q discharge/mA.h", 'd'); col(500, "step time/s", 'd');
    }

    private static void col(int id, String name, char type) { COLUMNS.put(id, new Column(name, type, 0)); }

    private static void flag(int id, String name, int mask) { COLUMNS.put(id, new Column(name, 'b', mask)); }

    /** The data module: its version, column ids, and every column as doubles by its EC-Lab name. */
    public record Data(int version, int[] columnIds, Map<String, double[]> columns, Map<String, String> metadata) {}

    /** A module as stored: short name, version, date text and where its bytes lie. */
    record Module(String shortName, int version, String date, int offset, int length) {}

    public static Data read(String src, byte[] b) {
        if (b.length < 52 || !new String(b, 0, MAGIC.length(), StandardCharsets.ISO_8859_1).equals(MAGIC)) {
            throw new InputException(src, "magic", "'BIO-LOGIC MODULAR FILE' and 52 header bytes", b.length < 52 ? b.length + " bytes" : "other bytes");
        }
        List<Module> modules = modules(src, b);
        Module data = modules.stream().filter(m -> m.shortName().equals("VMP data")).findFirst().orElseThrow(() ->
                new InputException(src, "modules", "a 'VMP data' module", InputException.excerpt(modules.stream().map(Module::shortName).toList().toString())));
        ByteBuffer d = ByteBuffer.wrap(b, data.offset(), data.length()).slice().order(ByteOrder.LITTLE_ENDIAN);
        if (data.length() < 6) throw new InputException(src, "VMP data", "a point count and a column count", data.length() + " bytes");
        long points = Integer.toUnsignedLong(d.getInt(0));
        int ncols = d.get(4) & 0xff;
        int[] ids = new int[ncols];
        int start;
        switch (data.version()) {
            case 0 -> {
                if (5 + 2 * ncols > data.length()) throw new InputException(src, "VMP data", ncols + " column ids", "the module ends");
                boolean wide = (d.get(5) & 0xff) == 0; // EC-Lab ≥ 11.50 writes each id as two bytes, high byte first
                for (int k = 0; k < ncols; k++) ids[k] = wide ? ((d.get(5 + 2 * k) & 0xff) << 8) | (d.get(6 + 2 * k) & 0xff) : d.get(5 + k) & 0xff;
                start = wide ? 1007 : 100;
            }
            case 2, 3 -> {
                if (5 + 2 * ncols > data.length()) throw new InputException(src, "VMP data", ncols + " column ids", "the module ends");
                for (int k = 0; k < ncols; k++) ids[k] = d.getShort(5 + 2 * k) & 0xffff;
                start = data.version() == 2 ? 405 : 406;
            }
            default -> throw new InputException(src, "VMP data version", "0, 2 or 3 (EC-Lab's data module layouts)", String.valueOf(data.version()));
        }
        int record = 0;
        boolean flagsPlaced = false;
        int[] offsets = new int[ncols];
        int flagsOffset = -1;
        for (int k = 0; k < ncols; k++) {
            Column c = COLUMNS.get(ids[k]);
            if (c == null) {
                throw new InputException(src, "column id " + ids[k] + " (column " + (k + 1) + " of " + ncols + ")",
                        "a column id of known width (" + COLUMNS.size() + " known)", "an id this reader does not know; its width cannot be guessed");
            }
            if (c.type() == 'b') {
                if (!flagsPlaced) { flagsOffset = record; record += 1; flagsPlaced = true; }
                offsets[k] = flagsOffset;
            } else {
                offsets[k] = record;
                record += c.width();
            }
        }
        long need = start + points * record;
        if (need > data.length()) {
            throw new InputException(src, "VMP data", points + " records of " + record + " bytes from byte " + start + " (" + need + " bytes)",
                    data.length() + " bytes in the module (a truncated file?)");
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        int n = (int) points;
        for (int k = 0; k < ncols; k++) {
            Column c = COLUMNS.get(ids[k]);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                int at = start + i * record + offsets[k];
                v[i] = switch (c.type()) {
                    case 'f' -> d.getFloat(at);
                    case 'd' -> d.getDouble(at);
                    case 's' -> d.getShort(at) & 0xffff;
                    case 'i' -> Integer.toUnsignedLong(d.getInt(at));
                    default -> (d.get(at) & c.mask()) >> Integer.numberOfTrailingZeros(c.mask());
                };
            }
            cols.putIfAbsent(c.name(), v);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "BioLogic mpr");
        meta.put("data_module_version", String.valueOf(data.version()));
        modules.stream().filter(m -> m.shortName().equals("VMP Set")).findFirst().ifPresent(m -> meta.put("date", m.date()));
        return new Data(data.version(), ids, cols, meta);
    }

    static List<Module> modules(String src, byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        List<Module> out = new ArrayList<>();
        int pos = 52;
        while (pos < b.length) {
            if (pos + 6 + 51 > b.length || !new String(b, pos, 6, StandardCharsets.ISO_8859_1).equals("MODULE")) {
                throw new InputException(src, "module at byte " + pos, "'MODULE' and a 51-byte module header", pos + 57 > b.length ? "the file ends" : "other bytes");
            }
            int h = pos + 6;
            String shortName = new String(b, h, 10, StandardCharsets.ISO_8859_1).strip();
            boolean v2 = bb.getInt(h + 35) == -1;
            if (v2 && h + 59 > b.length) throw new InputException(src, "module " + InputException.excerpt(shortName), "a 59-byte header", "the file ends");
            long length = Integer.toUnsignedLong(bb.getInt(h + (v2 ? 39 : 35)));
            int version = bb.getInt(h + (v2 ? 43 : 39));
            String date = new String(b, h + (v2 ? 51 : 43), 8, StandardCharsets.ISO_8859_1).strip();
            int body = h + (v2 ? 59 : 51);
            if (body + length > b.length) {
                throw new InputException(src, "module " + InputException.excerpt(shortName), length + " bytes of module data", (b.length - body) + " bytes left in the file (a truncated file?)");
            }
            out.add(new Module(shortName, version, date, body, (int) length));
            pos = body + (int) length;
        }
        return out;
    }

    /**
     * A PEIS file of one spectrum as EC-Lab lays it out (data module version 3, u16 column ids: the flags byte,
     * freq/Hz, Re(Z)/Ohm, −Im(Z)/Ohm as float32), so that the reader can be tried on a file this project wrote.
     */
    public static byte[] write(ImpedanceSpectrum s, String date) {
        int n = s.size(), ncols = 4, start = 406, record = 1 + 3 * 4;
        ByteBuffer d = ByteBuffer.allocate(start + n * record).order(ByteOrder.LITTLE_ENDIAN);
        d.putInt(0, n);
        d.put(4, (byte) ncols);
        int[] ids = {1, 32, 37, 38};
        for (int k = 0; k < ncols; k++) d.putShort(5 + 2 * k, (short) ids[k]);
        d.put(405, (byte) 1);
        for (int i = 0; i < n; i++) {
            int at = start + i * record;
            d.put(at, (byte) 1);
            d.putFloat(at + 1, (float) s.frequencyHz()[i]).putFloat(at + 5, (float) s.zRealOhm()[i]).putFloat(at + 9, (float) -s.zImagOhm()[i]);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(String.format("%-48s", MAGIC).getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[4]);
        module(out, "VMP Set", 0, date, new byte[16]);
        module(out, "VMP data", 3, date, d.array());
        return out.toByteArray();
    }

    private static void module(java.io.ByteArrayOutputStream out, String shortName, int version, String date, byte[] body) {
        ByteBuffer h = ByteBuffer.allocate(6 + 51).order(ByteOrder.LITTLE_ENDIAN);
        h.put("MODULE".getBytes(StandardCharsets.ISO_8859_1));
        h.put(String.format("%-10s", shortName).getBytes(StandardCharsets.ISO_8859_1));
        h.put(String.format("%-25s", "Potentio EIS").getBytes(StandardCharsets.ISO_8859_1));
        h.putInt(body.length).putInt(version);
        h.put(String.format("%-8.8s", date).getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(h.array());
        out.writeBytes(body);
    }

    /**
     * The impedance spectrum of a PEIS/GEIS file: {@code freq/Hz}, {@code Re(Z)/Ohm}, {@code -Im(Z)/Ohm} (negated back), or
     * {@code |Z|/Ohm} and {@code Phase(Z)/deg} where the file stored those; records at frequency 0 (the other techniques of
     * a sequence) are left out.
     */
    static ImpedanceSpectrum spectrum(String src, byte[] bytes) {
        Data d = read(src, bytes);
        double[] f = d.columns().get("freq/Hz"), re = d.columns().get("Re(Z)/Ohm"), mim = d.columns().get("-Im(Z)/Ohm");
        double[] mod = d.columns().get("|Z|/Ohm"), phase = d.columns().get("Phase(Z)/deg");
        if (f != null && (re == null || mim == null) && mod != null && phase != null) { // a sequence that stored |Z| and its phase
            re = new double[f.length];
            mim = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                re[i] = mod[i] * Math.cos(Math.toRadians(phase[i]));
                mim[i] = -mod[i] * Math.sin(Math.toRadians(phase[i]));
            }
        }
        if (f == null || re == null || mim == null) {
            throw new InputException(src, "columns", "freq/Hz, Re(Z)/Ohm and -Im(Z)/Ohm (an impedance technique)", d.columns().keySet().toString());
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < f.length; i++) if (f[i] != 0) rows.add(new double[] {f[i], re[i], mim[i]});
        return InstrumentFiles.spectrum(src, rows, true).withMetadata(d.metadata());
    }
}
