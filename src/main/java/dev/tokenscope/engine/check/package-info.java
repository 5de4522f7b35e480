/**
 * The validation checks, one small class per rule, each adding steps and diagnoses to a {@code CheckContext}; the API
 * profile they judge against ({@code ValidationProfile}).
 */
package dev.tokenscope.engine.check;
