/**
 * Engine: SAML 2.0 messages from Entra enterprise-app sign-ins, inspected like JWTs into the same
 * {@link dev.tokenscope.engine.report.Report} ({@code token.kind = "saml"}, steps format, status, signature, algorithm,
 * key-match, issuer, audience, lifetime, recipient, in-response-to). Input in any form (raw XML, base64, a form body, a
 * deflated redirect query); XML parsed with DTDs refused and size and depth bounded ({@link dev.tokenscope.engine.saml.SafeXml});
 * XML-DSig verified with the JDK in secure validation mode, with keys only from certificates the caller trusts
 * ({@link dev.tokenscope.engine.saml.FederationMetadata}); signature wrapping (XSW) refused by shape before any key is tried.
 * Entry point: {@link dev.tokenscope.engine.saml.SamlInspector#inspect(String, SamlProfile, java.time.Instant)}.
 * No network, JavaFX, AWT, UI or CLI classes here.
 */
package dev.tokenscope.engine.saml;
