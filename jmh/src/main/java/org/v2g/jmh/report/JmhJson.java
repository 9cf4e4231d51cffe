package org.v2g.jmh.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JMH result files read with Jackson's streaming parser into plain values: objects become
 * {@link LinkedHashMap}s (key order kept), arrays {@link List}s, numbers {@link Double}s, plus strings,
 * booleans and {@code null}. JMH writes non-finite scores as {@code "NaN"} strings, and some writers as
 * bare {@code NaN}/{@code Infinity}; both are read ({@link #num}).
 */
final class JmhJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();

    private JmhJson() {
    }

    /** Parses one JSON value; trailing whitespace only. */
    static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("JSON: no value");
            }
            Object v = value(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("JSON: trailing characters at " + p.currentLocation());
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("JSON: " + e.getMessage(), e);
        }
    }

    /** A number from a parsed value: Double, or a string such as "NaN"; NaN when absent. */
    static double num(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String str) {
            try {
                return Double.parseDouble(str);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    p.nextToken();
                    m.put(key, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalArgumentException("JSON: unexpected " + t + " at " + p.currentLocation());
        }
    }
}
