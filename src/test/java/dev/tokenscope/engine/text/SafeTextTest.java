package dev.tokenscope.engine.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Untrusted text made visible: what is escaped, what stays, and how a value is described. */
class SafeTextTest {

    @Test
    void terminalControlSequencesAreEscapedVisibly() {
        String hostile = "a\u001b]0;pwned\u0007\u001b[2Jb";
        assertEquals("a\\u001b]0;pwned\\u0007\\u001b[2Jb", SafeText.line(hostile));
        assertEquals(List.of(SafeText.TERMINAL_CONTROL, SafeText.CONTROL), SafeText.describe(hostile));
    }

    @Test
    void everyC0ControlDelAndC1ControlIsEscaped() {
        for (int c = 0; c < 0x20; c++) {
            assertEquals(String.format("\\u%04x", c), SafeText.line(String.valueOf((char) c)), "U+" + Integer.toHexString(c));
        }
        assertEquals("\\u007f", SafeText.line("\u007f"));
        for (int c = 0x80; c <= 0x9f; c++) {
            assertEquals(String.format("\\u%04x", c), SafeText.line(String.valueOf((char) c)), "U+" + Integer.toHexString(c));
        }
        assertEquals(List.of(SafeText.TERMINAL_CONTROL), SafeText.describe("\u009b31m"), "C1 CSI is a terminal control sequence too");
    }

    @Test
    void lineBreaksAndTabsInsideOneValueAreEscaped() {
        assertEquals("one\\u000d\\u000atwo\\u0009three", SafeText.line("one\r\ntwo\tthree"));
        assertEquals(List.of(SafeText.LINE_BREAK, SafeText.CONTROL), SafeText.describe("a\nb\tc"));
        assertEquals("a\\u2028b\\u2029c", SafeText.line("a\u2028b\u2029c"));
        assertEquals(List.of(SafeText.LINE_BREAK), SafeText.describe("a\u2028b"));
    }

    @Test
    void severalLinesKeepLineBreaksAndTabsOnly() {
        assertEquals("{\n\t\"a\": \"x\\u202ey\\u001b\"\n}", SafeText.lines("{\r\n\t\"a\": \"x\u202ey\u001b\"\n}"));
        assertEquals("lone\\u000dCR", SafeText.lines("lone\rCR"), "a CR without LF can overwrite a line: escaped");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x202a, 0x202b, 0x202c, 0x202d, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c})
    void bidirectionalControlsAreEscaped(int cp) {
        String s = "abc" + (char) cp + "def";
        assertEquals("abc" + String.format("\\u%04x", cp) + "def", SafeText.line(s));
        assertEquals(List.of(SafeText.BIDI_CONTROL), SafeText.describe(s));
    }

    @Test
    void rightToLeftOverrideIsEscapedAndNamed() {
        String s = "invoice\u202efdp.exe";
        assertEquals("invoice\\u202efdp.exe", SafeText.line(s));
        assertEquals(List.of(SafeText.RIGHT_TO_LEFT_OVERRIDE), SafeText.describe(s));
        assertEquals("contains a right-to-left override: the text displays differently from what it is", SafeText.RIGHT_TO_LEFT_OVERRIDE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad})
    void invisibleCharactersAreEscaped(int cp) {
        String s = "ad" + (char) cp + "min";
        assertEquals("ad" + String.format("\\u%04x", cp) + "min", SafeText.line(s));
        assertEquals(List.of(SafeText.INVISIBLE), SafeText.describe(s));
    }

    @Test
    void tagCharactersAndLoneSurrogatesAreEscaped() {
        String tags = "x" + new String(Character.toChars(0xe0041)) + "y";
        assertEquals("x\\u{e0041}y", SafeText.line(tags));
        assertEquals(List.of(SafeText.INVISIBLE), SafeText.describe(tags));
        assertEquals("a\\ud800b", SafeText.line("a\ud800b"));
        assertEquals("\\udc00", SafeText.line("\udc00"));
        assertEquals(List.of(SafeText.BROKEN), SafeText.describe("\ud800"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain ascii: api://contoso/orders?x=1&y=<2>", "Zoë Müller-Łukasiewicz", "日本語のテキスト", "مرحبا بالعالم", "שלום",
            "emoji 😀🎉 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "family 👨\u200d👩\u200d👧 and ❤️\u200d🔥", "thumbs 👍🏽", "combining é (e\u0301)", "back\\slash u202e", ""})
    void normalTextIsLeftExactlyAsItIs(String s) {
        assertSame(s, SafeText.line(s), "not even copied");
        assertTrue(SafeText.isPlain(s));
        assertEquals(List.of(), SafeText.describe(s));
        assertNull(SafeText.note(s));
        assertEquals(s, SafeText.lines(s));
    }

    @Test
    void zeroWidthJoinerOutsideAnEmojiSequenceIsEscaped() {
        assertEquals("a\\u200db", SafeText.line("a\u200db"));
        assertEquals("😀\\u200d", SafeText.line("😀\u200d"));
    }

    @Test
    void nullStaysNull() {
        assertNull(SafeText.line(null));
        assertNull(SafeText.lines(null));
        assertTrue(SafeText.isPlain(null));
        assertEquals(List.of(), SafeText.describe((String) null));
    }

    @Test
    void aNoteNamesEveryKindInAFixedOrder() {
        String s = "\u200b\u202e\u001b[2J";
        String note = SafeText.note(s);
        assertEquals("Contains a terminal control sequence (ESC); contains a right-to-left override: "
                + "the text displays differently from what it is; contains invisible characters. Shown escaped as \\uXXXX.", note);
        assertTrue(SafeText.isPlain(note), "the note itself is plain text");
        assertEquals(List.of(SafeText.TERMINAL_CONTROL, SafeText.RIGHT_TO_LEFT_OVERRIDE),
                SafeText.describe(List.of("\u202e", "plain", "\u001b")));
    }

    @Test
    void escapedTextHoldsNoCharacterThatNeedsEscaping() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp < 0x3000; cp++) all.appendCodePoint(cp);
        all.append("\ufeff\ufff9\ud800");
        String escaped = SafeText.line(all.toString());
        assertTrue(SafeText.isPlain(escaped));
        assertFalse(escaped.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0x9f || c >= 0x202a && c <= 0x202e));
    }
}
