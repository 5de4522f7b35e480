/**
 * Recognising what the user gave: a raw token, a header line, a token response, a redirect URL, a log line, a SAML
 * message; the candidates it holds and which one to inspect first.
 */
package dev.tokenscope.engine.input;
