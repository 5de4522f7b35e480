/**
 * Text that is safe to show: control, bidi and invisible characters made visible ({@code SafeText}) in every face.
 */
package dev.tokenscope.engine.text;
