package dev.tokenscope.engine.export;

/**
 * How to redact an export.
 *
 * @param keepSignature include the token's signature (then the exported token can be replayed until it expires);
 *                      by default the token appears as header.payload only
 * @param maskPii       replace personal claims ({@link Redactor#PII_CLAIMS}) by a stable hash wherever they appear
 */
public record ExportOptions(boolean keepSignature, boolean maskPii) {
    /** The default: signature removed, personal claims shown. */
    public static ExportOptions defaults() {
        return new ExportOptions(false, false);
    }

    public ExportOptions withMaskPii(boolean mask) {
        return new ExportOptions(keepSignature, mask);
    }

    public ExportOptions withKeepSignature(boolean keep) {
        return new ExportOptions(keep, maskPii);
    }
}
