package org.solidscope.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row-block reads and slice-by-slice writes agree with whole-volume reads and writes in every format. */
class VolumeStreamingTest {
    @TempDir Path dir;

    static void assertRowsMatch(String spec, VolumeData whole) {
        try (VolumeRows r = VolumeRows.open(spec)) {
            assertEquals(whole.nz(), r.nz); assertEquals(whole.ny(), r.ny); assertEquals(whole.nx(), r.nx);
            for (int z = 0; z < r.nz; z++) {
                for (int y0 = 0; y0 < r.ny; y0 += 2) {
                    int count = Math.min(2, r.ny - y0);
                    float[] got = new float[count * r.nx];
                    r.read(z, y0, count, got);
                    for (int i = 0; i < got.length; i++) {
                        int k = y0 * r.nx + i;
                        float want = switch (whole.slices()) {
                            case byte[][] s -> s[z][k] & 0xff;
                            case short[][] s -> s[z][k] & 0xffff;
                            case float[][] s -> s[z][k];
                            default -> throw new IllegalStateException();
                        };
                        assertEquals(want, got[i], spec + " z " + z + " y " + (y0 + i / r.nx));
                    }
                }
            }
        }
    }

    @Test
    void rowBlocksEqualTheWholeVolumeInEveryFormat() throws Exception {
        // tifffile's files: big-endian uint16 in 2-row strips, BigTIFF float32, uint8
        for (String f : List.of("be_u16.tif", "bigtiff_f32.tif", "u8.tif")) {
            String spec = VolumeIOTest.fixture(f).toString();
            assertRowsMatch(spec, VolumeIO.read(spec));
        }
        short[][] s = new short[4][6 * 5];
        for (int z = 0; z < 4; z++) for (int i = 0; i < 30; i++) s[z][i] = (short) (z * 1000 + i * 977);
        VolumeData v = new VolumeData(4, 6, 5, s, 0.7);
        for (String name : List.of("v.npy", "v.raw", "v.tif")) {
            Path p = dir.resolve(name);
            VolumeIO.write(p, v);
            assertRowsMatch(p.toString(), v);
        }
        float[][][] data = new float[3][4][5];
        float[][] flat = new float[3][20];
        for (int z = 0; z < 3; z++) for (int y = 0; y < 4; y++) for (int x = 0; x < 5; x++) flat[z][y * 5 + x] = data[z][y][x] = z * 100 + y * 10 + x + 0.5f;
        Path h5 = dir.resolve("scan.nxs");
        try (WritableHdfFile w = HdfFile.write(h5)) {
            w.putGroup("entry").putGroup("data").putDataset("data", data);
        }
        assertRowsMatch(h5 + ":/entry/data/data", new VolumeData(3, 4, 5, flat, Double.NaN));
    }

    /** Slice-by-slice writing reads back in every format; for .npy it is byte for byte the whole-array writer's file. */
    @Test
    void sliceBySliceWritingReadsBackInEveryFormat() throws Exception {
        float[][] f = new float[5][3 * 4];
        for (int z = 0; z < 5; z++) for (int i = 0; i < 12; i++) f[z][i] = z - i * 0.125f;
        for (String name : List.of("a.npy", "a.raw", "a.tif")) {
            Path streamed = dir.resolve("s_" + name);
            try (VolumeWriter w = VolumeWriter.open(streamed, 5, 3, 4, "float32", 1.5)) {
                for (float[] slice : f) w.write(slice);
                w.commit();
            }
            VolumeData back = VolumeIO.read(streamed.toString());
            assertEquals(5, back.nz()); assertEquals(3, back.ny()); assertEquals(4, back.nx());
            for (int z = 0; z < 5; z++) assertArrayEquals(f[z], ((float[][]) back.slices())[z], name + " slice " + z);
        }
        Path whole = dir.resolve("w.npy");
        Npy.writeVolume(whole, 5, 3, 4, f);
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(dir.resolve("s_a.npy")));
        assertEquals(1.5, VolumeIO.read(dir.resolve("s_a.raw").toString()).voxelUm(), "the raw sidecar keeps the voxel size");
    }

    @Test
    void anUnfinishedWriteLeavesNothing() throws Exception {
        Path out = dir.resolve("sub/x.tif");
        try (VolumeWriter w = VolumeWriter.open(out, 3, 2, 2, "uint16", Double.NaN)) {
            w.write(new short[4]);
            assertThrows(IllegalArgumentException.class, () -> w.write(new float[4]), "a float slice in a uint16 volume");
            assertThrows(IllegalStateException.class, w::commit, "two of three slices missing");
        }
        try (Stream<Path> s = Files.list(dir.resolve("sub"))) {
            assertEquals(List.of(), s.toList());
        }
    }
}
