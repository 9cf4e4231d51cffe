package org.v2g.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text into maps, lists, strings, {@code Long}s (integers), {@code Double}s (other numbers,
 * parsed from their exact text) and booleans, rejecting repeated keys and trailing content.
 */
public final class TestJson {
    private static final JsonFactory JSON = new JsonFactory();

    private TestJson() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        return (Map<String, Object>) parse(text);
    }

    public static Object parse(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            Object v = value(p, p.nextToken());
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("content after the JSON value: " + p.getText());
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON {@code null} (a map cannot tell a null value from a missing key). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    if (m.put(key, value(p, p.nextToken())) != null) {
                        throw new IllegalArgumentException("repeated key " + key);
                    }
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    list.add(value(p, e));
                }
                return list;
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return Double.parseDouble(p.getText());
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return NULL;
            }
            default -> throw new IllegalArgumentException("unexpected " + t);
        }
    }
}
