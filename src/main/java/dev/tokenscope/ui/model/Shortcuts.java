package dev.tokenscope.ui.model;

import java.util.List;

/** Help ▸ Keyboard shortcuts: each key and what it does, in the order the dialog's two-column table lists them. */
public final class Shortcuts {
    /** A key (or chord) and what it does. */
    public record Shortcut(String keys, String action) {
    }

    public static final List<Shortcut> ALL = List.of(
            new Shortcut("Ctrl+V", "Paste the clipboard and inspect it (anywhere but a profile field)"),
            new Shortcut("Enter", "Inspect the input again (Shift+Enter: new line)"),
            new Shortcut("Escape", "Cancel a running inspection"),
            new Shortcut("Ctrl+O", "Open a file (a .har capture opens the list of its tokens)"),
            new Shortcut("Ctrl+L", "Sign in to a tenant and inspect the token obtained"),
            new Shortcut("Ctrl+E", "Export the report as Markdown (File ▸ Export report: HTML, JSON, options)"),
            new Shortcut("Ctrl+Shift+C", "Copy the report as Markdown (signature removed)"),
            new Shortcut("Ctrl+1 … 7", "Claims, Header, Signing key, Raw, Diagnoses, Verify it in your server, the API's answer"),
            new Shortcut("Ctrl+P", "Show or hide the API profile panel"),
            new Shortcut("Ctrl+Shift+D", "Light or dark theme"),
            new Shortcut("Tab / Shift+Tab", "Next / previous control, in reading order"),
            new Shortcut("Enter on the banner", "Open the validation step that explains the verdict (a diagnosis too)"),
            new Shortcut("Alt+letter", "The underlined menu, button or field"));

    private Shortcuts() {
    }
}
