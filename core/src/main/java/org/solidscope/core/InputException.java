package org.solidscope.core;

/**
 * Bad input: a file or argument that does not hold what it must. The message names the source
 * (file or option), the field, what was expected and what was found, so that a user can fix it
 * without reading code. The CLI maps this exception to exit code 2.
 *
 * <p>Numerical failures (no convergence, singular systems) are not input errors and use other types.
 */
public final class InputException extends RuntimeException {
    private final String source;
    private final String field;
    private final String expected;
    private final String found;

    public InputException(String source, String field, String expected, String found) {
        this(source, field, expected, found, null);
    }

    public InputException(String source, String field, String expected, String found, Throwable cause) {
        super(source + ": " + field + ": expected " + expected + ", found " + found, cause);
        this.source = source;
        this.field = field;
        this.expected = expected;
        this.found = found;
    }

    public String source() { return source; }
    public String field() { return field; }
    public String expected() { return expected; }
    public String found() { return found; }

    /**
     * Text of the input quoted in a message: stripped, at most 60 characters (then "…" and the whole length), control and
     * non-printing characters escaped as {@code \}{@code uXXXX} so that a NUL or a line feed in a file is shown, not echoed.
     */
    public static String excerpt(String text) {
        String t = text.strip();
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < t.length() && k < 60; k++) {
            char c = t.charAt(k);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || c >= 0x80 && c < 0xa0 || c == 0xfffd) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (t.length() > 60) b.append("… (").append(t.length()).append(" characters)");
        return b.toString();
    }

    /** Requires a finite, strictly positive value; otherwise throws naming source and field. */
    public static double requirePositive(String source, String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InputException(source, field, "a finite number > 0", String.valueOf(value));
        }
        return value;
    }

    /** Requires a finite value. */
    public static double requireFinite(String source, String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InputException(source, field, "a finite number", String.valueOf(value));
        }
        return value;
    }
}
