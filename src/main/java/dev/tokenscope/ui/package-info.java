/**
 * The JavaFX face: one FXML view and a thin controller per view, styles in CSS. Controllers bind to the view models
 * in {@code ui.model} and hold no logic a test can't reach without a screen.
 */
package dev.tokenscope.ui;
