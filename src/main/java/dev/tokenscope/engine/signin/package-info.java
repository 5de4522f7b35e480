/**
 * Interactive sign-in flows (authorization code with PKCE on a 127.0.0.1 listener, device code, client credentials,
 * refresh) and their redacted flow log; AADSTS errors explained. {@code SignInClient} is the entry point; each flow is a
 * small class ({@code AuthorizationCodeFlow}, {@code DeviceCodeFlow}) over the shared {@code FlowHttp} (posts, client
 * authentication, {@code Discovery}, {@code TokenResponse}).
 */
package dev.tokenscope.engine.signin;
