package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STFC's HEXITEC frames as odin writes them (shared/realdata/hexitec: HDF5 raw_frames, 30 × 160 × 160 uint16) turned into
 * events, and the same frames in every byte layout a sidecar can describe (any file name): the same events from each;
 * layouts that cannot be read are refused by name.
 */
class XcsFrameLayoutsCliTest {
    @TempDir Path dir;

    private Path calibration(String name, String value, int n) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", java.util.Collections.nCopies(n, value)));
    }

    private List<String> events(Path frames, Path g, Path c) throws IOException {
        Path out = dir.resolve(frames.getFileName() + ".events.csv");
        CliTest.Run r = CliTest.run("xcs", "events", frames.toString(), "--gradient", g.toString(), "--intercept", c.toString(), "--dark-frames", "5",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        return Files.readAllLines(out);
    }

    @Test
    void odinHdf5AndEveryRawLayoutGiveTheSameEvents() throws IOException {
        Path root = ReaderFuzzTest.realData();
        Assumptions.assumeTrue(root != null && Files.isRegularFile(root.resolve("hexitec/160_160_vcaled_30_frames.h5")), "shared/realdata/hexitec is not here");
        Path h5 = root.resolve("hexitec/160_160_vcaled_30_frames.h5");
        Path g = calibration("g.txt", "0.02714", 25600), c = calibration("c.txt", "5.37", 25600);
        List<String> reference = events(h5, g, c);
        assertTrue(reference.size() > 1000, "events from the real frames: " + reference.size());
        // the frames themselves, from the HDF5 file, to write every layout
        Path raw = org.solidscope.io.Hdf5Frames.rawCopy(h5, Files.createDirectories(dir.resolve("copy")));
        ByteBuffer le = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        int n = le.capacity() / 2;
        assertEquals(30 * 160 * 160, n);
        for (String dtype : new String[] {">u2", "<u4", ">u4"}) {
            boolean big = dtype.startsWith(">");
            int w = dtype.endsWith("4") ? 4 : 2;
            ByteBuffer out = ByteBuffer.allocate(n * w).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < n; k++) {
                int v = le.getShort(2 * k) & 0xffff;
                if (w == 2) out.putShort((short) v); else out.putInt(v);
            }
            Path f = Files.write(dir.resolve("frames-" + w + (big ? "be" : "le") + ".u" + (8 * w)), out.array()); // no .bin: told by the sidecar
            Files.writeString(dir.resolve(f.getFileName() + ".json"), "{\"rows\": 160, \"cols\": 160, \"dtype\": \"" + dtype + "\"}");
            assertEquals(reference, events(f, g, c), dtype);
        }
        // a 32-bit value no ADC gives, a type that is not one, a calibration for another detector: refused by name
        ByteBuffer bad = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < n; k++) bad.putInt(k == 7 * 25600 + 161 ? 70000 : le.getShort(2 * k) & 0xffff);
        Path big = Files.write(dir.resolve("big.u32"), bad.array());
        Files.writeString(dir.resolve("big.u32.json"), "{\"rows\": 160, \"cols\": 160, \"dtype\": \"<u4\"}");
        Path out = dir.resolve("none.csv");
        CliTest.Run r = CliTest.run("xcs", "events", big.toString(), "--gradient", g.toString(), "--intercept", c.toString(), "--dark-frames", "5",
                "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("frame 7 pixel 161") && r.err().contains("70000"), r.err());
        Path f4 = Files.write(dir.resolve("f4.dat"), new byte[160 * 160 * 4 * 6]);
        Files.writeString(dir.resolve("f4.dat.json"), "{\"rows\": 160, \"cols\": 160, \"dtype\": \"<f4\"}");
        r = CliTest.run("xcs", "events", f4.toString(), "--gradient", g.toString(), "--intercept", c.toString(), "--dark-frames", "2", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("dtype") && r.err().contains("'<f4'"), r.err());
        r = CliTest.run("xcs", "events", h5.toString(), "--gradient", root.resolve("hexitec/m.txt").toString(), "--intercept",
                root.resolve("hexitec/c.txt").toString(), "--dark-frames", "5", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("25600 values") && r.err().contains("76800 values"), "both counts named: " + r.err());
        assertFalse(Files.exists(out));
    }
}
