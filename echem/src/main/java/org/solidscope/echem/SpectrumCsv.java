package org.solidscope.echem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;

/**
 * An impedance spectrum as CSV: columns found by their header names — frequency ({@code freq…}),
 * real part ({@code Z'}, {@code Zreal}, {@code Re(Z)}, {@code z_real_ohm}) and imaginary part
 * ({@code Z''}, {@code Zimag}, {@code Im(Z)}, {@code z_imag_ohm}, or negated: {@code -Z''},
 * {@code -Im(Z)}, which is then turned back so that Z″ &lt; 0 means capacitive). Units in the header
 * (Ohm, kOhm, mOhm; Hz, kHz) are honoured. Comma, semicolon or tab separated. Parstat ({@code Frequency (Hz)},
 * {@code Zre (ohms)}, {@code Zim (ohms)}) and PowerSuite ({@code Frequency}, {@code Zre}, {@code Zimg}) exports are
 * such tables; rows with frequency 0 (other techniques of the same run) are left out. A file of three numeric
 * columns and no header is read as frequency, Z′, Z″ in Ω with Z″ &lt; 0 capacitive (the plain layout of
 * impedance.py), and says so in its metadata; such text may be split by spaces as well. pyDRTtools' layout ({@code ,Freq,Real,Imag},
 * an unnamed index first) and a magnitude and phase in degrees ({@code |Z|}, {@code Impedance}, {@code Phase}: Zahner's
 * exports) are read too.
 */
public final class SpectrumCsv {
    private SpectrumCsv() {}

    public static ImpedanceSpectrum read(Path file) {
        return read(file, file.toString());
    }

    static ImpedanceSpectrum read(Path file, String src) {
        AtomicOutput.noteInput(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(src, "file", "an existing spectrum file", "no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException(src, "encoding", "UTF-8 text (a CSV spectrum)", "bytes that are not text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int h = 0;
        while (h < lines.size() && (lines.get(h).isBlank() || lines.get(h).startsWith("#"))) h++;
        if (h >= lines.size()) throw new InputException(src, "header", "a header row naming frequency, Z' and Z''", "an empty file");
        String first = lines.get(h);
        // tab, semicolon or comma; a line with none of them is split on runs of spaces (header-less text as instruments write it)
        String sep = first.contains("\t") ? "\t" : first.contains(";") ? ";" : first.contains(",") ? "," : " +";
        boolean spaced = sep.equals(" +");
        String[] head = split(first, sep, spaced);
        boolean headerless = head.length >= 3 && java.util.Arrays.stream(head).allMatch(SpectrumCsv::isNumber);
        int fc = -1, rc = -1, ic = -1;
        double fScale = 1, rScale = 1, iScale = 1;
        boolean negated = false;
        int mc = -1, pc = -1; // |Z| and phase, where a file gives those instead (Zahner)
        double mScale = 1;
        for (int k = 0; k < head.length; k++) {
            String raw = head[k].strip(), t = raw.toLowerCase(Locale.ROOT).replace(" ", "").replace("\"", "");
            if (fc < 0 && (t.startsWith("freq") || t.equals("f") || t.startsWith("f/") || t.startsWith("f("))) {
                fc = k; fScale = t.contains("khz") ? 1e3 : t.contains("mhz") && !t.contains("mohm") ? 1e6 : 1; continue;
            }
            boolean neg = t.startsWith("-");
            String u = neg ? t.substring(1) : t;
            // pyDRTtools writes Real and Imag; Z'' < 0 capacitive unless the name is negated (EC-Lab's -Im(Z))
            boolean imag = u.startsWith("z''") || u.startsWith("z\"") || u.startsWith("zim") || u.startsWith("im(z)") || u.startsWith("z_imag")
                    || u.startsWith("imz") || u.startsWith("imag") || u.equals("im") || u.startsWith("im/") || u.startsWith("z_im");
            boolean real = !imag && (u.startsWith("z'") || u.startsWith("zre") || u.startsWith("re(z)") || u.startsWith("z_real") || u.startsWith("rez")
                    || u.startsWith("real") || u.equals("re") || u.startsWith("re/") || u.startsWith("z_re"));
            double scale = u.contains("kohm") ? 1e3 : u.contains("mohm") ? 1e-3 : 1;
            if (imag && ic < 0) { ic = k; iScale = scale; negated = neg; }
            else if (real && rc < 0) { rc = k; rScale = scale; }
            else if (mc < 0 && (u.startsWith("|z|") || u.startsWith("impedance") || u.startsWith("mod(z)") || u.startsWith("zmod"))) { mc = k; mScale = scale; }
            else if (pc < 0 && (u.startsWith("phase") || u.startsWith("phi") || u.startsWith("zphz"))) pc = k;
        }
        boolean polar = (rc < 0 || ic < 0) && mc >= 0 && pc >= 0;
        if (polar) {
            rc = mc;
            ic = pc;
            rScale = mScale;
        }
        if (headerless) {
            fc = 0; rc = 1; ic = 2;
            h--; // the first row is data
        }
        if (fc < 0 || rc < 0 || ic < 0) {
            throw new InputException(src, "header", "columns named frequency, Z' (or Zreal, Re(Z)) and Z'' (or Zimag, Im(Z), -Z'', -Im(Z))",
                    "'" + shown(lines.get(h)) + "'");
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = h + 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = split(line, sep, spaced);
            try {
                double f = Double.parseDouble(parts[fc].strip()) * fScale, re = Double.parseDouble(parts[rc].strip()) * rScale,
                        im = Double.parseDouble(parts[ic].strip()) * iScale;
                if (f == 0 && !headerless) continue; // a row of another technique
                if (polar) { // |Z| and phase in degrees
                    double mag = re, phi = Math.toRadians(im);
                    re = mag * Math.cos(phi);
                    im = mag * Math.sin(phi);
                }
                rows.add(new double[] {f, re, negated ? -im : im});
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new InputException(src, "line " + (i + 1), "numbers in the frequency, Z' and Z'' columns", "'" + shown(line) + "'");
            }
        }
        int n = rows.size();
        double[] f = new double[n], re = new double[n], im = new double[n];
        for (int i = 0; i < n; i++) { f[i] = rows.get(i)[0]; re[i] = rows.get(i)[1]; im[i] = rows.get(i)[2]; }
        return new ImpedanceSpectrum(f, re, im, src, java.util.Map.of("format", headerless ? "text without header (frequency, Z', Z'')"
                : polar ? "CSV (|Z| and phase)" : "CSV"));
    }

    private static String[] split(String line, String sep, boolean spaced) {
        return spaced ? line.strip().split(sep, -1) : line.split(sep, -1);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** At most 60 characters of a line for a message, control characters as '?'. */
    static String shown(String line) {
        return InputException.excerpt(line);
    }

    /** Writes the spectrum with the header this reader documents. */
    public static void write(Path file, ImpedanceSpectrum s) {
        StringBuilder b = new StringBuilder("frequency_hz,z_real_ohm,z_imag_ohm\n");
        for (int i = 0; i < s.size(); i++) b.append(s.frequencyHz()[i]).append(',').append(s.zRealOhm()[i]).append(',').append(s.zImagOhm()[i]).append('\n');
        AtomicOutput.writeString(file, b.toString());
    }
}
