package org.v2g.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.Market;

class MarketJsonTest {

    @Test
    void onlyPrtTakesTheSpecDefaults() {
        Market m = MarketJson.parse("{\"p_rt\": 1.12}");
        assertEquals(Market.builder(1.12).build(), m);
        assertEquals(1.12, m.pRt());
        assertEquals(0.5, m.wService());
        assertEquals(0.792, m.wGrid());
        assertEquals(0.1, m.pDelay());
        assertEquals(0.0, m.eLimit());
        assertEquals(2 * 1.12, m.delta());
        assertEquals(-3 * 1.12, m.pdMin());
        assertEquals(0.0, m.pdMax());
        assertEquals(0.001, m.epsilon());
        assertEquals(3.75, m.e0());
        assertEquals(0.001, m.socFloor());
        assertEquals(0.0, m.socMin());
    }

    @Test
    void everyKeyInAnyOrder() {
        Market m = MarketJson.parse("""
                {"soc_min": 0.1, "soc_floor": 0.01, "e0": 2.5, "epsilon": 0.01, "p_d_max": -0.1,
                 "p_d_min": -2, "delta": 1, "e_limit": 400, "p_delay": 0.2, "w_grid": 0.8,
                 "w_service": 0.4, "p_rt": 0.66}
                """);
        assertEquals(new Market(0.66, 0.4, 0.8, 0.2, 400, 1, -2, -0.1, 0.01, 2.5, 0.01, 0.1), m);
    }

    @Test
    void formatReadsBackToTheSameMarket() {
        Market m = Market.builder(0.1 + 0.2).eLimit(1.0 / 3).epsilon(1e-4).build();
        assertEquals(m, MarketJson.parse(MarketJson.format(m)));
    }

    @Test
    void acceptsBomIntegersAndExponents() {
        byte[] bytes = "\uFEFF{ \"p_rt\" : 1, \"e_limit\": 4e2 }\n\n".getBytes(StandardCharsets.UTF_8);
        Market m = MarketJson.parse(bytes);
        assertEquals(1.0, m.pRt());
        assertEquals(400.0, m.eLimit());
    }

    @Test
    void numbersKeepEveryDigit() {
        assertEquals(0.30000000000000004, MarketJson.parse("{\"p_rt\": 0.30000000000000004}").pRt());
    }

    // ---- the model's rules (SPEC section 6) ----

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "p_rt|NaN|NaN",
        "p_rt|Infinity|Infinity",
        "p_rt|-Infinity|-Infinity",
        "e0|0|0.0",
        "e0|-3.75|-3.75",
        "epsilon|0|0.0",
        "epsilon|-0.001|-0.001",
        "p_d_max|0.5|0.5",
        "w_service|-0.5|-0.5",
        "w_grid|-0.1|-0.1",
        "p_delay|-0.1|-0.1",
        "e_limit|-1|-1.0",
        "delta|-2|-2.0",
        "soc_floor|0|0.0",
        "soc_min|-0.1|-0.1",
        "w_grid|NaN|NaN",
        "e_limit|1e999|Infinity",
    })
    void modelRulesNameKeyMarketAndValue(String key, String json, String value) {
        String text = "p_rt".equals(key) ? "{\"p_rt\": " + json + "}" : "{\"p_rt\": 1.12, \"" + key + "\": " + json + "}";
        Bad.rejects(() -> MarketJson.parse(text), key, "market", value);
    }

    @Test
    void priceRangeReversed() {
        Bad.rejects(() -> MarketJson.parse("{\"p_rt\": 1, \"p_d_min\": -0.5, \"p_d_max\": -1}"),
                "p_d_min", "market", "-0.5");
    }

    @Test
    void gridOfMoreThanIntMaxPoints() {
        InvalidInputException e = Bad.rejects(() -> MarketJson.parse("{\"p_rt\": 1, \"epsilon\": 1e-12}"),
                "epsilon", "market", "1.0E-12");
        assertTrue(e.getMessage().contains("2^31-1"), e.getMessage());
    }

    @Test
    void gridOfExactlyIntMaxPointsIsAccepted() {
        // 3 / (3 / (2^31 - 2)) + 1 = 2^31 - 1 points, up to the floor's 1e-9 slack
        double eps = 3.0 / (Integer.MAX_VALUE - 1);
        Market m = MarketJson.parse("{\"p_rt\": 1, \"epsilon\": " + eps + "}");
        assertEquals(eps, m.epsilon());
    }

    // ---- the file's own rules ----

    @Test
    void prtIsRequired() {
        Bad.rejects(() -> MarketJson.parse("{\"e_limit\": 4}"), "p_rt", "market", "missing");
        Bad.rejects(() -> MarketJson.parse("{}"), "p_rt", "market", "missing");
    }

    @Test
    void unknownKey() {
        Bad.rejects(() -> MarketJson.parse("{\"p_rt\": 1, \"w_servcie\": 0.5}"), "w_servcie", "market", "0.5");
    }

    @Test
    void duplicateKey() {
        InvalidInputException e = Bad.rejects(() -> MarketJson.parse("{\"p_rt\": 1, \"e_limit\": 3, \"e_limit\": 4}"),
                "e_limit", "market", "4.0");
        assertTrue(e.getMessage().contains("first value 3.0"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"1.12\"|\"1.12\"",
        "true|true",
        "null|null",
        "{\"v\": 1}|{...}",
        "[1, 2]|[...]",
    })
    void nonNumberValue(String json, String value) {
        Bad.rejects(() -> MarketJson.parse("{\"p_rt\": " + json + "}"), "p_rt", "market", value);
    }

    @Test
    void trailingGarbage() {
        Bad.rejects(() -> MarketJson.parse("{\"p_rt\": 1}\n{\"p_rt\": 2}"), "market", "market line=2 column=1", "{");
        Bad.rejects(() -> MarketJson.parse("{\"p_rt\": 1} 5"), "market", "market line=1 column=13", "5");
    }

    @Test
    void notAnObject() {
        Bad.rejects(() -> MarketJson.parse("[1]"), "market", "market line=1 column=1", "[");
        Bad.rejects(() -> MarketJson.parse("1.12"), "market", "market line=1 column=1", "1.12");
        Bad.rejects(() -> MarketJson.parse(" \n"), "market", "market", "(empty)");
        Bad.rejects(() -> MarketJson.parse(""), "market", "market", "(empty)");
    }

    @Test
    void malformedJsonNamesWhere() {
        InvalidInputException e = assertThrowsMarket("{\"p_rt\": 1,\n \"e_limit\" 4}");
        assertEquals("market line=2 column=12", e.item());
        InvalidInputException eof = assertThrowsMarket("{\"p_rt\": 1");
        assertTrue(eof.getMessage().startsWith("market is not valid JSON: market line=1"), eof.getMessage());
        InvalidInputException garbage = assertThrowsMarket("{\"p_rt\": 1} x");
        assertTrue(garbage.getMessage().contains("market line=1 column="), garbage.getMessage());
    }

    private static InvalidInputException assertThrowsMarket(String text) {
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> MarketJson.parse(text));
        assertEquals("market", e.field());
        assertTrue(e.getMessage().indexOf('\n') < 0, e.getMessage());
        return e;
    }
}
