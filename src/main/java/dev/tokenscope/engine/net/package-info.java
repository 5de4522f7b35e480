/**
 * All network I/O: the one OkHttp client with bounded timeouts, sizes and redirects, cancellable ({@code Http}), and
 * the cache of public documents (metadata, key sets, federation metadata) in {@code DocumentStore}.
 */
package dev.tokenscope.engine.net;
