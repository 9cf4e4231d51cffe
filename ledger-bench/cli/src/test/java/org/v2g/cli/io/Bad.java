package org.v2g.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import org.v2g.kernel.InvalidInputException;

/** Asserts that bad input is rejected with an error naming the field, the item and the value. */
final class Bad {
    private Bad() {
    }

    static InvalidInputException rejects(Executable parse, String field, String item, String value) {
        InvalidInputException e = assertThrows(InvalidInputException.class, parse);
        String m = e.getMessage();
        assertEquals(field, e.field(), m);
        assertEquals(item, e.item(), m);
        assertEquals(value, e.value(), m);
        assertTrue(m.startsWith(field + " "), m);
        assertTrue(m.contains(": " + item + " "), m);
        assertTrue(m.endsWith(" value=" + value), m);
        assertTrue(m.indexOf('\n') < 0, m);
        return e;
    }
}
