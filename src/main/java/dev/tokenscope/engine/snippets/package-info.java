/**
 * "Verify it in your server": validation code for Python, Java, Node and C# generated from the inspected token and
 * profile.
 */
package dev.tokenscope.engine.snippets;
