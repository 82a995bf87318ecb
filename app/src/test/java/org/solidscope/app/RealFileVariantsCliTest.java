package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real cycler files of shared/realdata made unreadable the ways users' files are — truncated, written in the other
 * byte order, stripped of a unit, left without a sign — and given to {@code cycling summary}: exit 2, the file and the
 * record, row or field named, and no output written.
 */
class RealFileVariantsCliTest {
    @TempDir Path dir;

    private static Path real(String name) {
        Path root = ReaderFuzzTest.realData();
        Assumptions.assumeTrue(root != null && Files.isRegularFile(root.resolve(name)), "shared/realdata/" + name + " is not here");
        return root.resolve(name);
    }

    private void refused(String name, byte[] bytes, String... words) throws IOException {
        Path f = Files.write(dir.resolve(name), bytes), out = dir.resolve(name + ".json");
        CliTest.Run r = CliTest.run("cycling", "summary", f.toString(), "--json", out.toString());
        assertEquals(2, r.code(), name + ": " + r.err() + r.out());
        assertTrue(r.err().contains(name), name + ": " + r.err());
        for (String w : words) assertTrue(r.err().contains(w), name + ": '" + w + "' in " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(out), name + ": nothing written");
    }

    private static String text(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
    }

    @Test
    void maccorText() throws IOException {
        String m = text(real("cellpy/maccor_002.txt"));
        // unit-less: TestTime without its wall clock (DPT Time renamed)
        refused("maccor_nowall.txt", m.replace("\tDPT Time\t", "\tStamp\t").getBytes(StandardCharsets.ISO_8859_1), "'TestTime' unit", "--columns");
        // sign-ambiguous: an unknown mode letter beside the unsigned current
        int at = m.indexOf("\tC\t");
        refused("maccor_mode.txt", (m.substring(0, at) + "\tQ\t" + m.substring(at + 3)).getBytes(StandardCharsets.ISO_8859_1), "'Md'", "'Q'");
        // truncated in the middle of a row
        byte[] b = m.getBytes(StandardCharsets.ISO_8859_1);
        refused("maccor_cut.txt", Arrays.copyOf(b, m.indexOf('\t', b.length / 2) + 1), "ends inside a row", "cut short");
    }

    @Test
    void arbinNewareAndPecText() throws IOException {
        String a = text(real("beep/2017-05-09_test-TC-contact_CH33.csv"));
        // unit-less outside Arbin's own layout: the same table without its Data_Point/Step_Index/Cycle_Index columns' names
        refused("arbin_units.csv", a.replace("Test_Time", "Time (s)").replace("Data_Point", "Point").replace("Step_Index", "S")
                .replace("Cycle_Index", "C").getBytes(StandardCharsets.ISO_8859_1), "current unit");
        String n = text(real("cellpy/neware_uio.csv"));
        // the step's clock where the test's should be: Cumulative Time dropped
        refused("neware_step.csv", n.replace("Cumulative Time", "Cumulative").getBytes(StandardCharsets.ISO_8859_1), "time", "step's clock");
        // sign-ambiguous step type
        int at = n.indexOf(",CC DChg,");
        refused("neware_type.csv", (n.substring(0, at) + ",CC Xfer," + n.substring(at + 9)).getBytes(StandardCharsets.ISO_8859_1), "'Step Type'");
        String p = text(real("cellpy/pec.csv"));
        refused("pec_units.csv", p.replace("Current (mA)", "Current").getBytes(StandardCharsets.ISO_8859_1), "current unit");
    }

    @Test
    void binaries() throws IOException {
        byte[] mpr = Files.readAllBytes(real("navani/jdb11-1_c3_gcpl_5cycles_2V-3p8V_C-24_data_C09.mpr"));
        refused("gcpl_cut.mpr", Arrays.copyOf(mpr, mpr.length - 1000), "truncated");
        // the data module's point count written big-endian: more records than the module holds
        byte[] swapped = mpr.clone();
        int data = new String(mpr, StandardCharsets.ISO_8859_1).indexOf("VMP data");
        int body = data + 10 + 25 + (ByteBuffer.wrap(mpr, data + 35, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == -1 ? 24 : 16);
        int points = ByteBuffer.wrap(mpr, body, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer.wrap(swapped, body, 4).order(ByteOrder.BIG_ENDIAN).putInt(points);
        refused("gcpl_endian.mpr", swapped, "VMP data");
        byte[] nda = Files.readAllBytes(real("navani/test.nda"));
        refused("test_cut.nda", Arrays.copyOf(nda, 1000), "records");
        // a current range outside Neware's table (the range written in the other byte order)
        byte[] range = nda.clone();
        for (int p = 0; p + 86 <= range.length; p++) {
            if (range[p] == 0x55 && range[p + 1] == 0 && p >= 4 && range[p - 1] == 0 && range[p - 4] == 0 && (range[p + 86] & 0xff) == 0x55) {
                int r = ByteBuffer.wrap(range, p + 78, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                for (int q = p; q + 86 <= range.length; q += 86) if (range[q] == 0x55) ByteBuffer.wrap(range, q + 78, 4).order(ByteOrder.BIG_ENDIAN).putInt(r);
                break;
            }
        }
        refused("test_range.nda", range, "current range");
        byte[] res = Files.readAllBytes(real("navani/arbin_example.res"));
        refused("arbin_cut.res", Arrays.copyOf(res, res.length / 3), "Access database");
        byte[] ndax = Files.readAllBytes(real("navani/test.ndax"));
        refused("test_cut.ndax", Arrays.copyOf(ndax, ndax.length / 2));
        byte[] xlsx = Files.readAllBytes(real("navani/bs542_004_gr_li_50ua_50mv_1v_191020_Channel_11.xlsx"));
        refused("arbin_cut.xlsx", Arrays.copyOf(xlsx, xlsx.length / 2));
    }
}
