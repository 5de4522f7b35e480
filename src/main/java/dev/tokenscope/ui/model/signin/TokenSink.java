package dev.tokenscope.ui.model.signin;

/** Where a signed-in token goes: the main window's inspector (given as {@code inspector::inspectText}). */
@FunctionalInterface
public interface TokenSink {
    void inspect(String token);
}
