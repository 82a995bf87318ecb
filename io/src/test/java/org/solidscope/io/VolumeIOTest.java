package org.solidscope.io;

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

class VolumeIOTest {
    @TempDir Path dir;

    static Path fixture(String name) throws Exception {
        return Path.of(VolumeIOTest.class.getResource("/tiff/" + name).toURI());
    }

    /** Files written by tifffile 2023.2.3: big-endian with 2-row strips, BigTIFF float32, uint8. */
    @Test
    void readsTiffsWrittenByTifffile() throws Exception {
        VolumeData be = VolumeIO.read(fixture("be_u16.tif").toString());
        assertEquals(3, be.nz()); assertEquals(5, be.ny()); assertEquals(7, be.nx());
        short[][] s = (short[][]) be.slices();
        for (int i = 0; i < 105; i++) assertEquals((i * 601) % 65536, s[i / 35][i % 35] & 0xFFFF);
        float[][] f = (float[][]) VolumeIO.read(fixture("bigtiff_f32.tif").toString()).slices();
        for (int i = 0; i < 105; i++) assertEquals(i * 0.25f - 3, f[i / 35][i % 35]);
        byte[][] b = (byte[][]) VolumeIO.read(fixture("u8.tif").toString()).slices();
        for (int i = 0; i < 105; i++) assertEquals(i % 256, b[i / 35][i % 35] & 0xff);
    }

    @Test
    void refusesWhatItCannotRead() throws Exception {
        InputException zlib = assertThrows(InputException.class, () -> VolumeIO.read(fixture("zlib_u16.tif").toString()));
        assertTrue(zlib.getMessage().contains("Compression"), zlib.getMessage());
        InputException i16 = assertThrows(InputException.class, () -> VolumeIO.read(fixture("i16.tif").toString()));
        assertTrue(i16.getMessage().contains("sample format") && i16.getMessage().contains("16-bit signed integer"), i16.getMessage());
        // a truncated TIFF: the strips run past the end
        byte[] whole = Files.readAllBytes(fixture("u8.tif"));
        Path cut = dir.resolve("cut.tif");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 200));
        assertThrows(InputException.class, () -> VolumeIO.read(cut.toString()));
    }

    static VolumeData sample(String type) {
        int nz = 4, ny = 6, nx = 9, n = ny * nx;
        Object s = switch (type) {
            case "u1" -> { byte[][] a = new byte[nz][n]; for (int z = 0; z < nz; z++) for (int i = 0; i < n; i++) a[z][i] = (byte) (z * 31 + i); yield a; }
            case "u2" -> { short[][] a = new short[nz][n]; for (int z = 0; z < nz; z++) for (int i = 0; i < n; i++) a[z][i] = (short) (z * 20011 + i * 977); yield a; }
            default -> { float[][] a = new float[nz][n]; for (int z = 0; z < nz; z++) for (int i = 0; i < n; i++) a[z][i] = z * 1.5f - i / 7f; yield a; }
        };
        return new VolumeData(nz, ny, nx, s, 0.65);
    }

    static void assertSame(VolumeData a, VolumeData b) {
        assertEquals(a.nz(), b.nz()); assertEquals(a.ny(), b.ny()); assertEquals(a.nx(), b.nx()); assertEquals(a.dtype(), b.dtype());
        for (int z = 0; z < a.nz(); z++) {
            switch (a.slices()) {
                case byte[][] s -> assertArrayEquals(s[z], ((byte[][]) b.slices())[z]);
                case short[][] s -> assertArrayEquals(s[z], ((short[][]) b.slices())[z]);
                case float[][] s -> assertArrayEquals(s[z], ((float[][]) b.slices())[z]);
                default -> throw new IllegalStateException();
            }
        }
    }

    @Test
    void roundTripsEveryWritableFormat() {
        for (String t : new String[] {"u1", "u2", "f4"}) {
            VolumeData v = sample(t);
            for (String ext : new String[] {".npy", ".tif", ".raw"}) {
                Path p = dir.resolve("v_" + t + ext);
                VolumeIO.write(p, v);
                VolumeData back = VolumeIO.read(p.toString());
                assertSame(v, back);
                if (ext.equals(".raw")) assertEquals(0.65, back.voxelUm(), 1e-12);
            }
            Path big = dir.resolve("big_" + t + ".tif");
            TiffStack.write(big, v, true);
            assertSame(v, VolumeIO.read(big.toString()));
        }
    }

    @Test
    void readsAFolderOfSlices() {
        VolumeData v = sample("u2");
        Path folder = dir.resolve("slices");
        for (int z = 0; z < v.nz(); z++) {
            short[][] one = {((short[][]) v.slices())[z]};
            TiffStack.write(folder.resolve(String.format("slice_%04d.tif", z)), new VolumeData(1, v.ny(), v.nx(), one, Double.NaN), false);
        }
        assertSame(v, VolumeIO.read(folder.toString()));
    }

    @Test
    void rawSidecarThatDisagrees() throws Exception {
        VolumeData v = sample("u2");
        Path p = dir.resolve("v.raw");
        VolumeIO.write(p, v);
        Files.writeString(dir.resolve("v.raw.json"), "{\"shape\": [5, 6, 9], \"dtype\": \"uint16\"}");
        InputException e = assertThrows(InputException.class, () -> VolumeIO.read(p.toString()));
        assertTrue(e.getMessage().contains("v.raw.json") && e.getMessage().contains("shape"), e.getMessage());
        // truncated data under a correct sidecar
        Files.writeString(dir.resolve("v.raw.json"), "{\"shape\": [4, 6, 9], \"dtype\": \"uint16\"}");
        byte[] all = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(all, all.length - 10));
        InputException t = assertThrows(InputException.class, () -> VolumeIO.read(p.toString()));
        assertTrue(t.getMessage().contains("truncated"), t.getMessage());
    }

    @Test
    void readsAnHdf5DatasetByPath() {
        int nz = 3, ny = 4, nx = 5;
        float[][][] data = new float[nz][ny][nx];
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) data[z][y][x] = z * 100 + y * 10 + x + 0.5f;
        Path h5 = dir.resolve("scan.nxs");
        try (WritableHdfFile w = HdfFile.write(h5)) {
            w.putGroup("entry").putGroup("data").putDataset("data", data);
        }
        VolumeData v = VolumeIO.read(h5 + ":/entry/data/data");
        assertEquals(nz, v.nz()); assertEquals(ny, v.ny()); assertEquals(nx, v.nx());
        float[][] s = (float[][]) v.slices();
        assertEquals(234.5f, s[2][3 * nx + 4]);
        InputException missing = assertThrows(InputException.class, () -> VolumeIO.read(h5 + ":/entry/nothing"));
        assertTrue(missing.getMessage().contains("/entry/nothing"), missing.getMessage());
    }
}
