/**
 * The report as data: verdict, steps ({@code status, title, detail, evidence, hint}), diagnoses with severity and
 * fix, the token, the key, the API's configuration and answer. Rendered by the GUI, the CLI and the exporters alike.
 */
package dev.tokenscope.engine.report;
