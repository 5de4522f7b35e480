/**
 * What the window's models share below them: lists as typed in a field, and the owner-only files of saved profiles.
 * A leaf: it knows neither {@code ui.model} nor {@code ui.model.signin}.
 */
package dev.tokenscope.ui.model.shared;
