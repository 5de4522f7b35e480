/**
 * The headless face (picocli): {@code inspect}, {@code verify}, {@code scan}, {@code login}, {@code open}. Thin: it
 * parses options into the engine's inputs and renders its report.
 */
package dev.tokenscope.cli;
