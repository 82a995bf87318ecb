package org.solidscope.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one JSON mapper configuration of the project: pretty, stable key order, no failure on unknown fields, and a
 * number that is not finite (NaN: not measured, not defined; ±∞) written as {@code null} — JSON has no such numbers, and a
 * string "NaN" in a number's place is neither a number nor honest about being missing. Every path goes through the
 * generator, so records, maps, arrays and trees all get it.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder().addDecorator((factory, g) -> new FiniteOrNull(g)).build())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}

    /** Writes {@code null} where a double or float is not finite. */
    private static final class FiniteOrNull extends JsonGeneratorDelegate {
        FiniteOrNull(JsonGenerator g) {
            super(g, false);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (Double.isFinite(v)) super.writeNumber(v);
            else writeNull();
        }

        @Override
        public void writeNumber(float v) throws IOException {
            if (Float.isFinite(v)) super.writeNumber(v);
            else writeNull();
        }

        @Override
        public void writeArray(double[] a, int offset, int length) throws IOException {
            writeStartArray(a, length);
            for (int i = offset; i < offset + length; i++) writeNumber(a[i]);
            writeEndArray();
        }
    }

    public static ObjectMapper mapper() { return MAPPER; }

    private static final com.fasterxml.jackson.databind.ObjectWriter COMPACT = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    /** Without indentation: for answers a program reads (the server's API), where whitespace only costs. */
    public static String writeCompact(Object o) {
        try {
            return COMPACT.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + o.getClass(), e);
        }
    }

    /**
     * What went wrong in a JSON text, for a user: the parser's own sentence and where (line, column),
     * without the parser's internal notes on redacted sources.
     */
    public static String describe(java.io.IOException e) {
        if (e instanceof JsonProcessingException jp) {
            String what = jp.getOriginalMessage() == null ? "unreadable" : jp.getOriginalMessage().lines().findFirst().orElse("unreadable");
            // nested locations read "[Source: REDACTED (...); line: 2, column: 10]": keep line and column only
            what = what.replaceAll("\\[Source: [^;\\]]*(\\([^)]*\\))?[^;\\]]*; ", "[");
            com.fasterxml.jackson.core.JsonLocation at = jp.getLocation();
            // a binary file's bytes would otherwise reach the terminal as they are
            what = what.replaceAll("[\\p{Cntrl}\\x{80}-\\x{9f}\\x{fffd}]", "?");
            return at == null || at.getLineNr() < 0 ? what : what + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(e.getClass().getSimpleName());
    }

    private static final ObjectMapper SNAKE = MAPPER.copy().setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

    /** Records and beans with their fields named as the files document them ({@code dischargeCapacityMahG} → {@code discharge_capacity_mah_g}); map keys as they are. */
    public static String writeSnake(Object o) {
        try {
            return SNAKE.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + o.getClass(), e);
        }
    }

    public static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + o.getClass(), e);
        }
    }
}
