/**
 * What the API said: reads a pasted 401/403 response, WWW-Authenticate header, JSON error body or server log
 * lines ({@link dev.tokenscope.engine.server.ServerResponseParser}) and joins each finding with the token's
 * {@link dev.tokenscope.engine.report.Report} ({@link dev.tokenscope.engine.server.ServerFindings}): which step the
 * server's words correspond to, the values the server hid (PII), and whether Tokenscope's verdict agrees.
 * Engine code: no JavaFX, AWT, UI or CLI imports; bounded input; nothing escapes as an exception.
 */
package dev.tokenscope.engine.server;
