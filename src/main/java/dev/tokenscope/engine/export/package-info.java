/**
 * Redacted exports of a report (Markdown, HTML, JSON): the signature removed by default, personal claims masked on
 * request.
 */
package dev.tokenscope.engine.export;
