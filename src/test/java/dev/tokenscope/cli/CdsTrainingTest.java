package dev.tokenscope.cli;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CdsTrainingTest {
    @Test
    void theTrainingRunInspectsAndVerifiesTheBundledSamplesOffline() {
        InputStream stdin = System.in;
        StringWriter out = new StringWriter();
        int[] codes = CdsTraining.run(new PrintWriter(out, true));
        assertArrayEquals(new int[]{Cli.VALID, Cli.INVALID}, codes, out.toString());
        String text = out.toString();
        assertTrue(text.contains("1: valid") && text.contains("2: invalid [expired]"), text);
        assertTrue(text.contains("summary: lines=2 valid=1 invalid=1"), text);
        assertSame(stdin, System.in, "standard input is given back");
    }
}
