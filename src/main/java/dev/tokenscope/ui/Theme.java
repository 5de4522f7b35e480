package dev.tokenscope.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

import java.net.URL;

/** The AtlantaFX Primer theme, light or dark, for the whole application. */
public final class Theme {
    private Theme() {
    }

    /**
     * Sets the theme (nothing to do when it is already set). Called before the first control is made, it also spares
     * JavaFX loading its default theme (Modena), which the first {@code Control} class loads when no theme is set.
     */
    public static void apply(boolean dark) {
        String sheet = stylesheet(dark);
        if (!sheet.equals(Application.getUserAgentStylesheet())) Application.setUserAgentStylesheet(sheet);
    }

    /**
     * The theme's stylesheet: the build's trimmed binary copy (theme/primer-*.bss, made by {@link ThemeTrim}), or
     * AtlantaFX's own where the build did not make one.
     */
    static String stylesheet(boolean dark) {
        URL trimmed = Theme.class.getResource(dark ? "theme/primer-dark.bss" : "theme/primer-light.bss");
        if (trimmed != null) return trimmed.toExternalForm();
        return dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
    }
}
