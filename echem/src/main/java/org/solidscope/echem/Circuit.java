package org.solidscope.echem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hipparchus.complex.Complex;
import org.solidscope.core.InputException;

/**
 * An equivalent circuit in the string grammar of the impedance-fitting tools: {@code -} joins in
 * series, {@code p(a,b,…)} in parallel, nesting allowed, elements named by type and a number
 * ({@code R0-p(R1,CPE1)-Wo1}). Parameters are numbered in order of appearance and named as users
 * know them: {@code R0}, {@code CPE1_0} (Q), {@code CPE1_1} (α). A circuit prints back as its string.
 *
 * <p>Elements (ω = 2πf, Z = Z′ + jZ″, Z″ &lt; 0 for a capacitive response):
 * R: {@code R}; C: {@code 1/(jωC)}; L: {@code jωL}; CPE: {@code 1/(Q·(jω)^α)};
 * W (semi-infinite Warburg): {@code A_W·(1 − j)/√ω}; Wo (finite, open): {@code Z0·coth(√(jωτ))/√(jωτ)};
 * Ws (finite, short): {@code Z0·tanh(√(jωτ))/√(jωτ)};
 * G (Gerischer: a reaction coupled to diffusion): {@code R_G/√(1 + jωt_G)};
 * TLM (transmission line of a porous composite electrode, reflective back end, de Levie): with the ionic
 * resistance R_ion through the electrode and the interface {@code Z_int = R_ct/(1 + R_ct·Q·(jω)^α)},
 * {@code Z = √(R_ion·Z_int)·coth(√(R_ion/Z_int))} — at DC √(R_ion·R_ct)·coth(√(R_ion/R_ct)) (R_ct + R_ion/3 when
 * R_ion ≪ R_ct), at high frequency a line at −45°·α.
 */
public final class Circuit {
    /** A node of the circuit: an element, or a series or parallel group. */
    sealed interface Node permits Element, Group {}

    record Element(String type, String name, int firstParameter) implements Node {}

    record Group(boolean parallel, List<Node> parts) implements Node {}

    private final String text;
    private final Node root;
    private final List<String> parameterNames = new ArrayList<>();
    private final List<String> parameterUnits = new ArrayList<>();

    private Circuit(String text) {
        this.text = text;
        Parser p = new Parser(text);
        this.root = p.series();
        if (p.pos != text.length()) throw p.error("'-', ',' or ')' after an element", "'" + text.charAt(p.pos) + "'");
    }

    /** Parses {@code text}; a malformed circuit is bad input naming where it goes wrong. */
    public static Circuit parse(String text) {
        if (text == null || text.isBlank()) throw new InputException("--circuit", "circuit", "a circuit such as R0-p(R1,C1)", "nothing");
        int depth = 0, deepest = 0, elements = 0;
        for (int k = 0; k < text.length(); k++) {
            char ch = text.charAt(k);
            if (ch == '(') deepest = Math.max(deepest, ++depth);
            else if (ch == ')') depth--;
            else if (Character.isUpperCase(ch) && (k == 0 || !Character.isLetter(text.charAt(k - 1)))) elements++;
        }
        if (deepest > MAX_DEPTH) throw new InputException("--circuit", "circuit", "parallel groups nested at most " + MAX_DEPTH + " deep", deepest + " deep");
        if (elements > MAX_ELEMENTS) throw new InputException("--circuit", "circuit", "at most " + MAX_ELEMENTS + " elements", elements + " elements");
        if (text.length() > MAX_TEXT) throw new InputException("--circuit", "circuit", "at most " + MAX_TEXT + " characters", text.length() + " characters");
        return new Circuit(text.replace(" ", ""));
    }

    /** Bounds of a circuit: beyond them a fit would take minutes and tell nothing a spectrum can hold. */
    public static final int MAX_DEPTH = 16, MAX_ELEMENTS = 64, MAX_TEXT = 2000;

    public List<String> parameterNames() { return List.copyOf(parameterNames); }

    public List<String> parameterUnits() { return List.copyOf(parameterUnits); }

    public int parameterCount() { return parameterNames.size(); }

    /** Whether the element of parameter {@code name} sits in the top-level series chain (not inside a parallel group). */
    public boolean isSeriesTopLevel(String name) {
        String element = name.contains("_") ? name.substring(0, name.indexOf('_')) : name;
        List<Node> top = root instanceof Group g && !g.parallel() ? g.parts() : List.of(root);
        return top.stream().anyMatch(n -> n instanceof Element e && e.name().equals(element));
    }

    /** Whether parameter {@code name} is a dispersion exponent, bounded by 1 (a CPE's α, a TLM's interface α). */
    public static boolean isExponent(String name) {
        return name.startsWith("CPE") && name.endsWith("_1") || name.startsWith("TLM") && name.endsWith("_3");
    }

    /** The parsed tree (for guesses derived from it). */
    Node root() { return root; }

    @Override
    public String toString() { return text; }

    /** Z at frequency f (Hz) for parameters p. */
    public Complex impedance(double[] p, double frequencyHz) {
        return eval(root, p, 2 * Math.PI * frequencyHz);
    }

    /**
     * Z at every frequency: real parts into {@code re}, imaginary into {@code im}. Evaluated node by node
     * over all frequencies in primitive arrays (no complex objects in the loop): a fit calls this
     * thousands of times.
     */
    public void impedance(double[] p, double[] frequencyHz, double[] re, double[] im) {
        int n = frequencyHz.length;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = 2 * Math.PI * frequencyHz[i];
        evalArrays(root, p, w, re, im);
    }

    private static void evalArrays(Node node, double[] p, double[] w, double[] re, double[] im) {
        int n = w.length;
        if (node instanceof Element e) {
            elementArrays(e, p, w, re, im);
            return;
        }
        Group g = (Group) node;
        double[] pr = new double[n], pi = new double[n];
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        for (Node c : g.parts()) {
            evalArrays(c, p, w, pr, pi);
            if (g.parallel()) {
                for (int i = 0; i < n; i++) {
                    double d = pr[i] * pr[i] + pi[i] * pi[i];
                    re[i] += pr[i] / d;
                    im[i] -= pi[i] / d;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    re[i] += pr[i];
                    im[i] += pi[i];
                }
            }
        }
        if (g.parallel()) {
            for (int i = 0; i < n; i++) {
                double d = re[i] * re[i] + im[i] * im[i];
                re[i] = re[i] / d;
                im[i] = -im[i] / d;
            }
        }
    }

    private static void elementArrays(Element e, double[] p, double[] w, double[] re, double[] im) {
        int k = e.firstParameter(), n = w.length;
        switch (e.type()) {
            case "R" -> { java.util.Arrays.fill(re, p[k]); java.util.Arrays.fill(im, 0); }
            case "C" -> { for (int i = 0; i < n; i++) { re[i] = 0; im[i] = -1 / (w[i] * p[k]); } }
            case "L" -> { for (int i = 0; i < n; i++) { re[i] = 0; im[i] = w[i] * p[k]; } }
            case "CPE" -> {
                double a = p[k + 1], c = Math.cos(a * Math.PI / 2), s = Math.sin(a * Math.PI / 2);
                for (int i = 0; i < n; i++) {
                    double m = 1 / (p[k] * Math.pow(w[i], a)); // 1/(Q ω^α) · e^(−jαπ/2)
                    re[i] = m * c;
                    im[i] = -m * s;
                }
            }
            case "W" -> { for (int i = 0; i < n; i++) { double m = p[k] / Math.sqrt(w[i]); re[i] = m; im[i] = -m; } }
            default -> {
                for (int i = 0; i < n; i++) {
                    Complex z = element(e, p, w[i]);
                    re[i] = z.getReal();
                    im[i] = z.getImaginary();
                }
            }
        }
    }

    private static Complex eval(Node n, double[] p, double w) {
        if (n instanceof Element e) return element(e, p, w);
        Group g = (Group) n;
        if (!g.parallel()) {
            Complex z = Complex.ZERO;
            for (Node c : g.parts()) z = z.add(eval(c, p, w));
            return z;
        }
        Complex y = Complex.ZERO;
        for (Node c : g.parts()) y = y.add(eval(c, p, w).reciprocal());
        return y.reciprocal();
    }

    private static Complex element(Element e, double[] p, double w) {
        int k = e.firstParameter();
        Complex jw = new Complex(0, w);
        return switch (e.type()) {
            case "R" -> new Complex(p[k], 0);
            case "C" -> jw.multiply(p[k]).reciprocal();
            case "L" -> jw.multiply(p[k]);
            case "CPE" -> jw.pow(p[k + 1]).multiply(p[k]).reciprocal();
            case "W" -> new Complex(1, -1).multiply(p[k] / Math.sqrt(w));
            case "Wo" -> {
                Complex s = jw.multiply(p[k + 1]).sqrt();
                yield s.tanh().reciprocal().divide(s).multiply(p[k]);
            }
            case "Ws" -> {
                Complex s = jw.multiply(p[k + 1]).sqrt();
                yield s.tanh().divide(s).multiply(p[k]);
            }
            case "G" -> jw.multiply(p[k + 1]).add(1).sqrt().reciprocal().multiply(p[k]);
            case "TLM" -> {
                Complex zInt = new Complex(p[k + 1]).divide(jw.pow(p[k + 3]).multiply(p[k + 1] * p[k + 2]).add(1));
                Complex ratio = zInt.reciprocal().multiply(p[k]).sqrt(); // √(R_ion/Z_int)
                Complex root = zInt.multiply(p[k]).sqrt();
                // coth(x) = 1/tanh(x); for |x| large tanh → 1 without overflow
                yield root.divide(ratio.getReal() > 20 ? Complex.ONE : ratio.tanh());
            }
            default -> throw new IllegalStateException(e.type());
        };
    }

    /** Element types, longest first so that "CPE" is not read as "C". */
    static final List<String> TYPES = List.of("TLM", "CPE", "Wo", "Ws", "W", "R", "C", "L", "G");

    private final class Parser {
        final String s;
        int pos;
        final Set<String> names = new HashSet<>();

        Parser(String s) { this.s = s; }

        InputException error(String expected, String found) {
            return new InputException("--circuit", "circuit at character " + (pos + 1), expected, found + " in '" + s + "'");
        }

        Node series() {
            List<Node> parts = new ArrayList<>();
            parts.add(term());
            while (pos < s.length() && s.charAt(pos) == '-') {
                pos++;
                parts.add(term());
            }
            return parts.size() == 1 ? parts.get(0) : new Group(false, List.copyOf(parts));
        }

        Node term() {
            if (s.startsWith("p(", pos)) {
                pos += 2;
                List<Node> parts = new ArrayList<>();
                parts.add(series());
                while (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    parts.add(series());
                }
                if (pos >= s.length() || s.charAt(pos) != ')') throw error("',' or ')' closing p(", pos >= s.length() ? "the end" : "'" + s.charAt(pos) + "'");
                pos++;
                if (parts.size() < 2) throw error("at least two branches in p(…)", "one");
                return new Group(true, List.copyOf(parts));
            }
            for (String t : TYPES) {
                if (s.startsWith(t, pos)) {
                    int start = pos;
                    pos += t.length();
                    int digits = pos;
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
                    if (digits == pos) throw error("a number after the element " + t + " (R0, CPE1)", "none");
                    String name = s.substring(start, pos);
                    if (!names.add(name)) throw error("each element named once", name + " twice");
                    Element e = new Element(t, name, parameterNames.size());
                    switch (t) {
                        case "R" -> add(name, "Ohm");
                        case "C" -> add(name, "F");
                        case "L" -> add(name, "H");
                        case "W" -> add(name, "Ohm s^-1/2");
                        case "CPE" -> { add(name + "_0", "Ohm^-1 s^a"); add(name + "_1", ""); }
                        case "G" -> { add(name + "_0", "Ohm"); add(name + "_1", "s"); }
                        case "TLM" -> { add(name + "_0", "Ohm"); add(name + "_1", "Ohm"); add(name + "_2", "Ohm^-1 s^a"); add(name + "_3", ""); }
                        default -> { add(name + "_0", "Ohm"); add(name + "_1", "s"); }
                    }
                    return e;
                }
            }
            throw error("an element (" + String.join(", ", TYPES) + ") or p(", pos >= s.length() ? "the end" : "'" + s.charAt(pos) + "'");
        }

        void add(String name, String unit) {
            parameterNames.add(name);
            parameterUnits.add(unit);
        }
    }
}
