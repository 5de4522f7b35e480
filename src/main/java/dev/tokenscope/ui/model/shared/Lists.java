package dev.tokenscope.ui.model.shared;

import java.util.Arrays;
import java.util.List;

/** Comma (or whitespace) separated lists as typed in the profile panel. */
public final class Lists {
    private Lists() {
    }

    public static List<String> split(String text) {
        if (text == null || text.isBlank()) return List.of();
        return Arrays.stream(text.split("[,;\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    public static String join(List<String> values) {
        return String.join(", ", values);
    }
}
