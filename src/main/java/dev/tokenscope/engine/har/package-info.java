/**
 * HAR captures: streamed scanning for tokens and SAML messages, who asked for each and where it was sent, and the
 * capture's story. {@code HarScanner} walks the entries ({@code HarEntryReader} reads one, {@code HarCollector} gathers
 * findings and sign-ins, {@code HarUrls} reads parameters); {@code HarAnalysis} judges each finding in its role
 * ({@code HarRoles} decides the role, {@code HarRoleReports} re-judges the Inspector's report in it).
 */
package dev.tokenscope.engine.har;
