package org.solidscope.io.xcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.InputException;

class XcsFilesTest {
    @TempDir Path dir;

    static SpectrumCube cube() {
        float[] c = new float[3 * 4 * 5];
        for (int i = 0; i < c.length; i++) c[i] = i * 1.5f;
        return new SpectrumCube(3, 4, 5, 80, 0.2, c);
    }

    @Test
    void cubesRoundTripAsNpyAndHdf5() {
        for (String name : new String[] {"c.npy", "c.h5"}) {
            Path f = dir.resolve(name);
            SpectrumCubeFiles.write(f, cube(), "keV", null);
            SpectrumCube back = SpectrumCubeFiles.read(f).cube();
            assertEquals(3, back.rows());
            assertEquals(4, back.cols());
            assertEquals(80, back.startKev(), 1e-9, name);
            assertEquals(0.2, back.binKev(), 1e-9, name);
            assertArrayEquals(cube().counts(), back.counts(), name);
        }
    }

    @Test
    void eventListsRoundTripAsCsvNpyAndReadFromHdf5() throws Exception {
        EventList.Builder b = new EventList.Builder(true);
        b.add(7, 1, 2, 93.5f, "t");
        b.add(9, 0, 3, 22.9f, "t");
        EventList ev = b.build();
        for (String name : new String[] {"e.csv", "e.npy"}) {
            Path f = dir.resolve(name);
            ev.write(f);
            EventList back = EventList.read(f);
            assertEquals(2, back.size());
            assertTrue(back.energy());
            assertEquals(9, back.frame()[1]);
            assertEquals(3, back.col()[1]);
            assertEquals(22.9f, back.value()[1], 1e-6);
        }
        Path h = dir.resolve("e.h5");
        try (WritableHdfFile w = HdfFile.write(h)) {
            w.putDataset("events_adu", new double[][] {{1, 0, 0, 2380}, {2, 1, 1, 541}});
        }
        EventList adu = EventList.read(h);
        assertEquals(2, adu.size());
        assertTrue(!adu.energy());
        assertEquals(541f, adu.value()[1]);
    }

    @Test
    void badFilesAreRefusedNamingFileAndField() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "frame,row,col,counts\n1,2,3,4\n");
        InputException e = assertThrows(InputException.class, () -> EventList.read(csv));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("header"), e.getMessage());
        Path g = dir.resolve("g.txt");
        Files.writeString(g, "0.025 0.025 0.025\n0.025 x 0.025\n");
        e = assertThrows(InputException.class, () -> PixelValues.read(g, 2, 3, "gradient"));
        assertTrue(e.getMessage().contains("g.txt:2") && e.getMessage().contains("'x'"), e.getMessage());
        // a gradient that calibrates no pixel (all NaN, all 0), and a 10 MB token: named, the token cut to 40 characters
        for (String none : new String[] {"NaN NaN NaN\nNaN NaN NaN\n", "0 0 0\n0 0 0\n"}) {
            Files.writeString(g, none);
            e = assertThrows(InputException.class, () -> PixelValues.read(g, 2, 3, "gradient"));
            assertTrue(e.getMessage().contains("none of the 6"), e.getMessage());
        }
        Files.writeString(g, "0.025 " + "7".repeat(5_000_000) + "x\u0000\n");
        e = assertThrows(InputException.class, () -> PixelValues.read(g, 2, 3, "gradient"));
        assertTrue(e.getMessage().length() < 300 && e.getMessage().contains("characters)") && e.getMessage().indexOf(0) < 0, e.getMessage().length() + "");
        // an event list of a header alone, and pixel indices past any detector (one had overflowed an int in a message)
        Path empty = Files.writeString(dir.resolve("empty.csv"), "frame,row,col,energy_kev\n");
        e = assertThrows(InputException.class, () -> EventList.read(empty));
        assertTrue(e.getMessage().contains("empty.csv") && e.getMessage().contains("at least one event"), e.getMessage());
        Path far = Files.writeString(dir.resolve("far.csv"), "frame,row,col,energy_kev\n1,2147483646,2,60.5\n");
        e = assertThrows(InputException.class, () -> EventList.read(far));
        assertTrue(e.getMessage().contains("far.csv:2") && e.getMessage().contains("2147483646") && e.getMessage().contains("below 16384"), e.getMessage());
        // a cube of no rows (it had ended in an IllegalArgumentException, exit 1, and a 500 on upload)
        Path none = dir.resolve("none.npy");
        Files.write(none, org.solidscope.io.Npy.header("<f4", 0, 80, 200));
        Files.writeString(dir.resolve("none.npy.json"), "{\"modality\": \"xcs\", \"kind\": \"spectra\", \"energy_start_kev\": 0, \"energy_bin_kev\": 0.5}");
        e = assertThrows(InputException.class, () -> SpectrumCubeFiles.read(none));
        assertTrue(e.getMessage().contains("none.npy") && e.getMessage().contains("[0, 80, 200]"), e.getMessage());
        Path uneven = dir.resolve("u.npy");
        SpectrumCubeFiles.write(uneven, cube(), "keV", null);
        Files.writeString(dir.resolve("u.npy.json"), "{\"energy_kev\": [1, 2, 3, 5, 6]}");
        e = assertThrows(InputException.class, () -> SpectrumCubeFiles.read(uneven));
        assertTrue(e.getMessage().contains("energy_kev") && e.getMessage().contains("evenly spaced"), e.getMessage());
    }
}
