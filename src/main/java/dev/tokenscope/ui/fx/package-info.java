/**
 * Small JavaFX helpers every view shares (loading a view with the app's stylesheet, windows, icons, clipboard copy
 * with feedback, label/value grids): a leaf below the main window ({@code ui}) and its parts ({@code ui.signin}).
 */
package dev.tokenscope.ui.fx;
