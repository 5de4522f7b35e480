package dev.tokenscope.engine.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines without ever holding more than {@code max} bytes of one line. Bytes, not a Reader: a line of
 * ASCII (every token line) becomes a String by a plain copy, with no charset decoder and no char[] in between;
 * any other line is decoded as UTF-8 with malformed input replaced by U+FFFD, as a Reader would. A line ends at
 * LF; a CR before it is dropped.
 */
final class LineReader {
    /** Returned (by identity) for a line longer than the limit; the rest of that line is skipped. */
    static final String TOO_LONG = new String("\u0000too-long");
    private final InputStream in;
    private final int max;
    private final byte[] buf = new byte[1 << 16];
    private int pos, end;
    private boolean eof;
    private byte[] carry = new byte[256]; // a line that spans buffer refills
    private int carried;

    LineReader(InputStream in, int max) {
        this.in = in;
        this.max = max;
    }

    String next() throws IOException {
        carried = 0;
        boolean tooLong = false, spanning = false, ascii = true;
        while (true) {
            if (pos >= end) {
                if (eof) break;
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    eof = true;
                    break;
                }
            }
            int start = pos;
            byte b = 0;
            while (pos < end && (b = buf[pos]) != '\n') {
                if (b < 0) ascii = false;
                pos++;
            }
            boolean newline = pos < end;
            if (!tooLong) {
                if (carried + (pos - start) > max) {
                    tooLong = true;
                } else if (newline && !spanning) {
                    int stop = pos > start && buf[pos - 1] == '\r' ? pos - 1 : pos;
                    pos++;
                    return string(buf, start, stop - start, ascii);
                } else {
                    append(start, pos - start);
                    spanning = true;
                }
            }
            if (newline) {
                pos++;
                if (tooLong) return TOO_LONG;
                int len = carried > 0 && carry[carried - 1] == '\r' ? carried - 1 : carried;
                return string(carry, 0, len, ascii);
            }
        }
        if (tooLong) return TOO_LONG;
        if (!spanning) return null;
        return string(carry, 0, carried, ascii);
    }

    private void append(int from, int len) {
        if (carried + len > carry.length) carry = java.util.Arrays.copyOf(carry, Math.max(carried + len, carry.length * 2));
        System.arraycopy(buf, from, carry, carried, len);
        carried += len;
    }

    private static String string(byte[] b, int off, int len, boolean ascii) {
        return ascii ? new String(b, off, len, StandardCharsets.ISO_8859_1) : new String(b, off, len, StandardCharsets.UTF_8);
    }
}
