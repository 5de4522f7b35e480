package dev.tokenscope.engine.snippets;

/**
 * Generated validation code for one language.
 *
 * @param language the language
 * @param fileName the file to save it as
 * @param code     the source code, ready to copy
 * @param settings the values it was pre-filled with
 */
public record Snippet(Language language, String fileName, String code, SnippetSettings settings) {
}
