package dev.tokenscope.engine.batch;

import java.nio.charset.StandardCharsets;

/** The bytes of a line in base64url and dots only, with where its first two dots are: the one pass over a token (see {@link #of}). */
record Scanned(byte[] bytes, int d1, int d2, int dots) {
    private static final boolean[] COMPACT = new boolean[256];

    static {
        for (int c = 'A'; c <= 'Z'; c++) COMPACT[c] = true;
        for (int c = 'a'; c <= 'z'; c++) COMPACT[c] = true;
        for (int c = '0'; c <= '9'; c++) COMPACT[c] = true;
        COMPACT['-'] = COMPACT['_'] = COMPACT['.'] = true;
    }

    /**
     * A compact token and nothing else (the common case of a token-per-line file: no extraction needed), or null.
     * A character beyond Latin-1 becomes '?' in the bytes, and neither that nor any other non-ASCII byte is allowed.
     */
    static Scanned of(String s) {
        if (!s.startsWith("eyJ")) return null;
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int d1 = -1, d2 = -1, dots = 0;
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (!COMPACT[c]) return null;
            if (c == '.') {
                if (dots == 0) d1 = i;
                else if (dots == 1) d2 = i;
                dots++;
            }
        }
        return new Scanned(b, d1, d2, dots);
    }
}
