package dev.tokenscope.ui.model.signin;

/** One "label: value" row of a facts grid. */
public record Fact(String label, String value) {
}
