package org.solidscope.xcs;

import com.github.tschoonj.xraylib.Xraylib;
import java.util.LinkedHashMap;
import java.util.Map;
import org.solidscope.core.InputException;

/**
 * A material's Compton profile J(pz) per formula unit: the sum of its atoms' Hartree–Fock profiles (Biggs, Mendelsohn
 * and Mann 1975, as tabulated by xraylib), so that ∫J dpz over all pz equals the formula unit's electrons. Tabulated
 * once on a 0.005 a.u. grid up to 100 a.u. and interpolated linearly (J is even in pz).
 *
 * @param name  shown in tables
 * @param atoms element symbol → atoms per formula unit
 */
public record ComptonMaterial(String name, Map<String, Double> atoms, double[] table) {
    static final double STEP_AU = 0.005, MAX_AU = 100;

    public ComptonMaterial {
        atoms = Map.copyOf(atoms);
    }

    /** A material from element symbols and atoms per formula unit; refuses an unknown element by name. */
    public static ComptonMaterial of(String name, Map<String, Double> atoms) {
        int n = (int) Math.round(MAX_AU / STEP_AU) + 1;
        double[] t = new double[n];
        for (var e : atoms.entrySet()) {
            int z;
            try {
                z = Xraylib.SymbolToAtomicNumber(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new InputException(name, "element", "a chemical symbol", "'" + e.getKey() + "'");
            }
            double count = e.getValue();
            if (count == 0) continue;
            for (int i = 0; i < n; i++) t[i] += count * Xraylib.ComptonProfile(z, i * STEP_AU);
        }
        return new ComptonMaterial(name, atoms, t);
    }

    /** Parses a formula such as {@code Li0.5Ni0.6Mn0.2Co0.2O2}: element symbols each followed by an optional count. */
    public static ComptonMaterial parse(String formula) {
        Map<String, Double> atoms = new LinkedHashMap<>();
        var m = java.util.regex.Pattern.compile("([A-Z][a-z]?)(\\d*\\.?\\d*)").matcher(formula);
        int at = 0;
        while (m.find()) {
            if (m.start() != at) break;
            atoms.merge(m.group(1), m.group(2).isEmpty() ? 1.0 : Double.parseDouble(m.group(2)), Double::sum);
            at = m.end();
        }
        if (at != formula.length() || atoms.isEmpty()) throw new InputException(formula, "formula", "element symbols with counts, e.g. Li0.5Ni0.6Mn0.2Co0.2O2", "'" + formula + "'");
        return of(formula, atoms);
    }

    /** Li_xNi₀.₆Mn₀.₂Co₀.₂O₂, the NMC622 cathode at lithium content x. */
    public static ComptonMaterial nmc622(double x) {
        Map<String, Double> a = new LinkedHashMap<>();
        a.put("Li", x);
        a.put("Ni", 0.6);
        a.put("Mn", 0.2);
        a.put("Co", 0.2);
        a.put("O", 2.0);
        return of(String.format(java.util.Locale.ROOT, "Li%.3gNi0.6Mn0.2Co0.2O2", x), a);
    }

    /** PEO–LiTFSI at EO:Li = 20: (C₂H₄O)₂₀ + LiN(SO₂CF₃)₂. */
    public static ComptonMaterial peoLitfsi() {
        Map<String, Double> a = new LinkedHashMap<>();
        a.put("C", 42.0);
        a.put("H", 80.0);
        a.put("O", 24.0);
        a.put("Li", 1.0);
        a.put("N", 1.0);
        a.put("S", 2.0);
        a.put("F", 6.0);
        return of("PEO-LiTFSI", a);
    }

    public static ComptonMaterial lithium() { return of("Li", Map.of("Li", 1.0)); }

    /** 304 stainless steel by atoms: Fe 0.70, Cr 0.19, Ni 0.09, Mn 0.02. */
    public static ComptonMaterial steel() { return of("steel", Map.of("Fe", 0.70, "Cr", 0.19, "Ni", 0.09, "Mn", 0.02)); }

    /** Electrons per formula unit. */
    public double electrons() {
        double z = 0;
        for (var e : atoms.entrySet()) z += e.getValue() * Xraylib.SymbolToAtomicNumber(e.getKey());
        return z;
    }

    /** J(pz) per formula unit, electrons per a.u. */
    public double j(double pz) {
        double a = Math.abs(pz) / STEP_AU;
        int i = (int) a;
        if (i >= table.length - 1) return 0;
        double f = a - i;
        return table[i] * (1 - f) + table[i + 1] * f;
    }

    /**
     * ∫ J dpz from −∞ to pz as a function, from prefix sums of the table (trapezoids; within one grid step the
     * integral of the linear interpolation): for filling many bins.
     */
    public java.util.function.DoubleUnaryOperator cumulative() {
        double[] prefix = new double[table.length];
        for (int i = 1; i < table.length; i++) prefix[i] = prefix[i - 1] + 0.5 * (table[i - 1] + table[i]) * STEP_AU;
        double half = prefix[table.length - 1];
        return pz -> {
            double a = Math.min(Math.abs(pz), MAX_AU) / STEP_AU;
            int n = Math.min((int) a, table.length - 1);
            double f = a - n, s = prefix[n];
            if (n < table.length - 1 && f > 0) s += f * STEP_AU * (table[n] + 0.5 * f * (table[n + 1] - table[n]));
            return half + Math.signum(pz) * s;
        };
    }

    /** ∫ J dpz from {@code a} to {@code b} (trapezoids on the table's grid). */
    public double integral(double a, double b) {
        if (b < a) return -integral(b, a);
        int n = Math.max(8, (int) Math.ceil((b - a) / STEP_AU));
        double h = (b - a) / n, s = 0.5 * (j(a) + j(b));
        for (int i = 1; i < n; i++) s += j(a + i * h);
        return s * h;
    }

    /** The seed's electron momentum factor of the profile itself (no detector): ∫_{|pz|<1} J / ∫_{1<|pz|<5} J. */
    public double emf() {
        return integral(-1, 1) / (integral(-5, -1) + integral(1, 5));
    }

    /** A mixture: {@code parts[k]} formula units of {@code materials[k]}. */
    public static ComptonMaterial mixture(String name, ComptonMaterial[] materials, double[] parts) {
        Map<String, Double> atoms = new LinkedHashMap<>();
        double[] t = new double[materials[0].table.length];
        for (int k = 0; k < materials.length; k++) {
            for (var e : materials[k].atoms.entrySet()) atoms.merge(e.getKey(), e.getValue() * parts[k], Double::sum);
            for (int i = 0; i < t.length; i++) t[i] += parts[k] * materials[k].table[i];
        }
        return new ComptonMaterial(name, atoms, t);
    }

    @Override
    public double[] table() { return table.clone(); }
}
