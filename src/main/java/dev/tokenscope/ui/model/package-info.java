/**
 * View models of the window: state as JavaFX properties, background work as cancellable tasks off the FX thread, and
 * the saved profiles. They call the engine and never touch scenes or stages.
 */
package dev.tokenscope.ui.model;
