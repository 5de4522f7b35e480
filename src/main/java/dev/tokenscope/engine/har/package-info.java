/**
 * HAR captures: streamed scanning for tokens and SAML messages, who asked for each and where it was sent, and the
 * capture's story.
 */
package dev.tokenscope.engine.har;
