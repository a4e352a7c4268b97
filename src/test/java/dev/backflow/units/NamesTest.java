package dev.backflow.units;

import dev.backflow.preset.Preset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesTest {

    private static String refusal(String name) {
        return assertThrows(IllegalArgumentException.class, () -> Preset.checkName(name)).getMessage();
    }

    @Test
    void aLoneSurrogateIsRefusedNotTurnedIntoAQuestionMark() {
        assertTrue(refusal("\uD800lone").contains("broken character"), refusal("\uD800lone"));
    }

    @Test
    void aNameOfOnlyInvisibleCharactersIsRefused() {
        assertTrue(refusal("\u200B\u200B").contains("at least one visible character"));
        assertTrue(refusal("\u202Eevil").contains("override marks"));
        assertTrue(refusal("a\u0000b").contains("control characters"));
    }

    @Test
    void ordinaryNamesInAnyScriptAreKept() {
        for (String n : new String[] {"My lab", "Café crème", "生产者", "قائمة", "🚰 valve", "e\u0301"}) {
            assertEquals(n, Preset.checkName(n));
        }
    }

    @Test
    void longTextIsQuotedByItsStartAndLength() {
        assertEquals("\"short\"", Names.quote("short"));
        String q = Names.quote("x".repeat(1_000_000));
        assertTrue(q.length() < 60 && q.endsWith("(1,000,000 characters)"), q);
    }
}
