/**
 * Facts about the application itself, such as its version (from the jar manifest), for reports, exports and
 * {@code --version}.
 */
package dev.tokenscope.engine.about;
