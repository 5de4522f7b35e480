/**
 * The sign-in window's JavaFX face: one FXML part per concern (form, saved profiles, device code, error, result, flow
 * log), each with a thin controller bound to the view models in {@code ui.model.signin}; the texts come from their presenters.
 */
package dev.tokenscope.ui.signin;
