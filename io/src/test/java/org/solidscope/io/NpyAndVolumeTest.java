package org.solidscope.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.InputException;
import org.solidscope.core.ScalarMap;

class NpyAndVolumeTest {
    @TempDir
    Path dir;

    @Test
    void headersTheFuzzerFoundAreRefusedByName() throws IOException {
        // a version byte of 0x93 (read as a negative number) in a 10-byte file had read past the prefix
        Path npy = Files.write(dir.resolve("v.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) 0x93, 'N', 'U', 'M'});
        InputException e = assertThrows(InputException.class, () -> VolumeIO.read(npy.toString()));
        assertTrue(e.getMessage().contains("version") && e.getMessage().contains("147"), e.getMessage());
        // a BigTIFF whose first directory offset reads as a negative number had reached FileChannel as "Negative position"
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(-4_000_000_000L).putLong(0);
        Path tif = Files.write(dir.resolve("n.tif"), b.array());
        e = assertThrows(InputException.class, () -> VolumeIO.read(tif.toString()));
        assertTrue(e.getMessage().contains("IFD offset"), e.getMessage());
    }

    @Test
    void npy2DRoundTripAndHeaderAlignment() {
        float[] v = {1, 2, 3, 4, 5, 6};
        Path f = dir.resolve("m.npy");
        Npy.write2D(f, 2, 3, v);
        Npy.Header h = Npy.readHeader(f);
        assertEquals(0, h.dataOffset() % 64, "NumPy aligns data to 64 bytes");
        assertArrayEquals(new long[] {2, 3}, h.shape());
        Npy.Array2D a = Npy.read2D(f);
        assertArrayEquals(v, a.values());
        assertEquals(3, a.width());
    }

    @Test
    void truncatedNpyIsRejected() throws IOException {
        Path f = dir.resolve("t.npy");
        Npy.write2D(f, 2, 3, new float[6]);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 4));
        InputException e = assertThrows(InputException.class, () -> Npy.readHeader(f));
        assertEquals("size", e.field());
        assertTrue(e.found().contains("truncated"));
    }

    private Path raw(String name, int ny, int nx, int nt, long writeSamples, String sidecar) throws IOException {
        Path f = dir.resolve(name);
        ByteBuffer b = ByteBuffer.allocate((int) writeSamples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < writeSamples; i++) b.putShort((short) (i % 200 - 100));
        Files.write(f, b.array());
        Files.writeString(dir.resolve(name + ".json"), sidecar);
        return f;
    }

    @Test
    void rawVolumeWithSidecarOpensAndMapsLines() throws IOException {
        Path f = raw("v.raw", 3, 4, 5, 60, "{\"shape\":[3,4,5],\"dtype\":\"int16\",\"sample_rate_mhz\":25,\"pitch_mm\":0.5,\"gain_db\":30}");
        try (AscanVolume v = AscanVolume.open(f, null)) {
            assertEquals(3, v.ny());
            assertEquals(25, v.sampleRateMHz());
            assertEquals(30, v.gainDb());
            assertEquals(32767, v.fullScale());
            ByteBuffer line = v.mapLines(1, 1);
            assertEquals((short) (20 % 200 - 100), line.getShort(0));
        }
    }

    @Test
    void truncatedRawFileIsRejectedNamingTheSidecarShape() throws IOException {
        Path f = raw("t.raw", 3, 4, 5, 59, "{\"shape\":[3,4,5],\"dtype\":\"int16\",\"sample_rate_mhz\":25}");
        InputException e = assertThrows(InputException.class, () -> AscanVolume.open(f, null));
        assertEquals("shape", e.field());
        assertTrue(e.source().endsWith("t.raw.json"));
        assertTrue(e.found().contains("118 bytes"), e.getMessage());
    }

    @Test
    void sidecarShapeDisagreeingWithFileSizeIsRejected() throws IOException {
        Path f = raw("s.raw", 3, 4, 5, 60, "{\"shape\":[3,4,6],\"dtype\":\"int16\",\"sample_rate_mhz\":25}");
        assertEquals("shape", assertThrows(InputException.class, () -> AscanVolume.open(f, null)).field());
    }

    @Test
    void missingSampleRateAndBadPitchAreRejected() throws IOException {
        Path f = raw("r.raw", 3, 4, 5, 60, "{\"shape\":[3,4,5],\"dtype\":\"int16\"}");
        assertEquals("sample_rate_mhz", assertThrows(InputException.class, () -> AscanVolume.open(f, null)).field());
        try (AscanVolume v = AscanVolume.open(f, 50.0)) {
            assertEquals(50, v.sampleRateMHz());
        }
        Path g = raw("p.raw", 3, 4, 5, 60, "{\"shape\":[3,4,5],\"dtype\":\"int16\",\"sample_rate_mhz\":25,\"pitch_mm\":0}");
        assertEquals("pitch_mm", assertThrows(InputException.class, () -> AscanVolume.open(g, null)).field());
        Path h = raw("d.raw", 3, 4, 5, 60, "{\"shape\":[3,4,5],\"dtype\":\"int8\",\"sample_rate_mhz\":25}");
        assertEquals("dtype", assertThrows(InputException.class, () -> AscanVolume.open(h, null)).field());
    }

    @Test
    void streamedNpyVolumeReadsBack() {
        Path f = dir.resolve("w.npy");
        try (AscanVolumeWriter w = new AscanVolumeWriter(f, 2, 3, 4, 25, 0.5, 15)) {
            for (int y = 0; y < 2; y++) {
                short[] line = new short[12];
                for (int i = 0; i < 12; i++) line[i] = (short) (y * 100 + i);
                w.writeLine(line);
            }
        }
        try (AscanVolume v = AscanVolume.open(f, null)) {
            assertEquals(25, v.sampleRateMHz(), "sidecar written beside the .npy");
            assertEquals(15, v.gainDb());
            assertEquals(107, v.mapLines(1, 1).getShort(2 * 7));
        }
    }

    @Test
    void sixteenBitTiffAndPngRoundTripThroughTheCscanReader() {
        float[] v = new float[40];
        for (int i = 0; i < v.length; i++) v[i] = 2.5f * i;
        ScalarMap m = new ScalarMap(new GridGeometry(8, 5, 0.5), "percent_fsh", v);
        for (String ext : new String[] {"tif", "png"}) {
            Path f = dir.resolve("map." + ext);
            MapImages.write16(f, m, java.util.Map.of("gain_db", 15.0));
            CscanGrid g = CscanFiles.read(f);
            assertEquals(15, g.gainDb());
            for (int i = 0; i < v.length; i++) assertEquals(v[i], g.amplitude().values()[i], 97.5 / 65534 + 1e-4, ext + " value " + i);
        }
    }

    @Test
    void unknownExtensionIsRejected() {
        assertEquals("extension", assertThrows(InputException.class, () -> CscanFiles.read(dir.resolve("x.xlsx"))).field());
    }
}
