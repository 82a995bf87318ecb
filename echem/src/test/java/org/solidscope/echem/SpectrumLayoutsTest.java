package org.solidscope.echem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Impedance tables in the layouts other tools write: one spectrum, the same numbers from each. */
class SpectrumLayoutsTest {
    @TempDir Path dir;

    private static final double[] F = {1e5, 1e3, 10, 0.1}, RE = {10.5, 20.25, 45, 59.75}, IM = {-1.5, -12.5, -20, -3.25};

    private void same(String name, String text) throws IOException {
        ImpedanceSpectrum s = InstrumentFiles.read(Files.writeString(dir.resolve(name), text));
        assertArrayEquals(F, s.frequencyHz(), 1e-9 * 1e5, name);
        assertArrayEquals(RE, s.zRealOhm(), 1e-9, name);
        assertArrayEquals(IM, s.zImagOhm(), 1e-9, name);
    }

    @Test
    void pyDrtToolsHeaderlessTextAndEcLabNames() throws IOException {
        StringBuilder py = new StringBuilder(",Freq,Real,Imag\n"), ws = new StringBuilder(), lab = new StringBuilder("freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\n");
        for (int i = 0; i < F.length; i++) {
            py.append(i).append(',').append(F[i]).append(',').append(RE[i]).append(',').append(IM[i]).append('\n');
            ws.append("   ").append(F[i]).append("  \t ".substring(0, 1 + i % 3)).append(RE[i]).append("    ").append(IM[i]).append('\n');
            lab.append(F[i]).append('\t').append(RE[i]).append('\t').append(-IM[i]).append('\n');
        }
        same("py.csv", py.toString());
        same("plain.txt", ws.toString().replace('\t', ' '));
        same("eclab.txt", lab.toString());
    }

    @Test
    void magnitudeAndPhaseAsZahnerWritesThem() throws IOException {
        StringBuilder z = new StringBuilder("Frequency/Hz;Impedance/Ohm;Phase/deg\n");
        for (int i = 0; i < F.length; i++) {
            z.append(F[i]).append(';').append(Math.hypot(RE[i], IM[i])).append(';').append(Math.toDegrees(Math.atan2(IM[i], RE[i]))).append('\n');
        }
        ImpedanceSpectrum s = InstrumentFiles.read(Files.writeString(dir.resolve("zahner.txt"), z.toString()));
        assertArrayEquals(RE, s.zRealOhm(), 1e-9);
        assertArrayEquals(IM, s.zImagOhm(), 1e-9);
        assertEquals("CSV (|Z| and phase)", s.metadata().get("format"));
    }
}
