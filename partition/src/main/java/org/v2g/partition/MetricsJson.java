package org.v2g.partition;

/** The two JSON primitives the metrics' {@code toJson} writes: numbers as {@link Double#toString} writes them, and strings. */
final class MetricsJson {
    private MetricsJson() {
    }

    static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
