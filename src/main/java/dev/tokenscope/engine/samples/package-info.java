/**
 * The bundled sample tokens, each with an offline API profile (bundled metadata and keys), so the whole pipeline can be
 * seen without a tenant.
 */
package dev.tokenscope.engine.samples;
