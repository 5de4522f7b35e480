package dev.tokenscope.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** The AtlantaFX Primer theme, light or dark, for the whole application. */
public final class Theme {
    private Theme() {
    }

    /**
     * Sets the theme (nothing to do when it is already set). Called before the first control is made, it also spares
     * JavaFX loading its default theme (Modena), which the first {@code Control} class loads when no theme is set.
     */
    public static void apply(boolean dark) {
        String sheet = dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
        if (!sheet.equals(Application.getUserAgentStylesheet())) Application.setUserAgentStylesheet(sheet);
    }
}
