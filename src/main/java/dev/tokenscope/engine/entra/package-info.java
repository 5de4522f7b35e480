/**
 * Entra-specific knowledge: Microsoft's authorities and tenants, look-alike issuers, first-party resources.
 */
package dev.tokenscope.engine.entra;
