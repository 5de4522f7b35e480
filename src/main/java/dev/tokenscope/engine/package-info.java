/**
 * The engine: one validation pipeline ({@code Inspector}) from whatever the user gave to a {@link
 * dev.tokenscope.engine.report.Report}. Imports no JavaFX, AWT, UI or CLI class (enforced by {@code LayersTest}).
 */
package dev.tokenscope.engine;
