/**
 * The engine's one JSON configuration ({@link dev.tokenscope.engine.json.Json}): strict, bounded and order-preserving
 * parsing and printing, shared by decoding, documents, reports and exports.
 */
package dev.tokenscope.engine.json;
