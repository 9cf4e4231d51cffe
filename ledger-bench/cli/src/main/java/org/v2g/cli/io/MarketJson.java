package org.v2g.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.Market;

/**
 * The market JSON of SPEC section 7: one object whose values are numbers, keyed by {@link Market#KEYS};
 * {@code p_rt} is required, every other key takes its default (see {@link Market#fromKeys}).
 * <pre>{@code
 * {"p_rt": 1.12, "e_limit": 400}
 * }</pre>
 * Unknown or repeated keys, values that are not numbers (strings, booleans, null, nested objects or
 * arrays), anything after the object and malformed JSON are {@link InvalidInputException}s naming the
 * key and the value, item {@code market}. {@code NaN} and {@code Infinity} are read as numbers so that
 * the model's own check rejects them by name.
 *
 * <p>Thread-safe: stateless.
 */
public final class MarketJson {
    private static final String ITEM = "market";
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private MarketJson() {
    }

    /** Reads a market file (UTF-8; a byte order mark is allowed). */
    public static Market read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /** Parses the text of a market file. */
    public static Market parse(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            return parse(p);
        } catch (JsonProcessingException e) {
            throw syntax(e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    /** Parses the bytes of a market file. */
    public static Market parse(byte[] utf8) {
        try (JsonParser p = JSON.createParser(utf8)) {
            return parse(p);
        } catch (JsonProcessingException e) {
            throw syntax(e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
    }

    private static Market parse(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new InvalidInputException("market", first == null ? ITEM : where(p), first == null ? "(empty)" : p.getText(),
                    "must be one JSON object of numbers such as {\"p_rt\": 0.66}");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            double value = switch (v) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.isNaN() ? p.getDoubleValue() : Double.parseDouble(p.getText());
                case START_OBJECT, START_ARRAY -> throw new InvalidInputException(key, ITEM,
                        v == JsonToken.START_OBJECT ? "{...}" : "[...]", "must be a number, not a nested value");
                case VALUE_STRING -> throw new InvalidInputException(key, ITEM, "\"" + p.getText() + "\"",
                        "must be a number, not a string");
                default -> throw new InvalidInputException(key, ITEM, p.getText(), "must be a number");
            };
            Double before = values.putIfAbsent(key, value);
            if (before != null) {
                throw new InvalidInputException(key, ITEM, value, "must appear once (first value " + before + ")");
            }
        }
        JsonToken after = p.nextToken();
        if (after != null) {
            throw new InvalidInputException("market", where(p), p.getText(), "must end after the object's closing '}'");
        }
        return Market.fromKeys(values, ITEM);
    }

    private static String where(JsonParser p) {
        JsonLocation at = p.currentTokenLocation();
        return ITEM + " line=" + at.getLineNr() + " column=" + at.getColumnNr();
    }

    private static InvalidInputException syntax(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String item = at == null ? ITEM : ITEM + " line=" + at.getLineNr() + " column=" + at.getColumnNr();
        String reason = e.getOriginalMessage().replaceAll("\\s+", " ").strip();
        InvalidInputException bad = new InvalidInputException("market", item, reason, "is not valid JSON");
        bad.initCause(e);
        return bad;
    }

    /** Every key of the market as one JSON object, numbers in shortest round-trip form. */
    public static String format(Market market) {
        StringBuilder sb = new StringBuilder("{");
        String sep = "";
        for (Map.Entry<String, Double> e : market.toKeys().entrySet()) {
            sb.append(sep).append('"').append(e.getKey()).append("\": ").append(e.getValue().doubleValue());
            sep = ", ";
        }
        return sb.append("}\n").toString();
    }
}
