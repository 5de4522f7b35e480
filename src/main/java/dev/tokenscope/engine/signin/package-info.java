/**
 * Interactive sign-in flows (authorization code with PKCE on a 127.0.0.1 listener, device code, client credentials,
 * refresh) and their redacted flow log; AADSTS errors explained.
 */
package dev.tokenscope.engine.signin;
