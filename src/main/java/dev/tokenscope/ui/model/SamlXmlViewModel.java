package dev.tokenscope.ui.model;

import dev.tokenscope.engine.export.Exporters;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.saml.SamlException;
import dev.tokenscope.engine.saml.SamlXml;
import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.engine.token.TokenKind;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * The Header tab's XML view of a SAML message: when the report is about a SAML message, the inspected message indented
 * ({@link SamlXml#pretty}, signature values kept: this is the user's own message, on their screen) and split into
 * highlighted lines, made off the FX thread. Nothing for a JWT.
 */
public final class SamlXmlViewModel {
    /** The XML to show: the text as shown (untrusted characters made visible) and its highlighted lines. */
    public record Rendered(String xml, List<XmlHighlighter.Line> lines) {
        public long signatureLines() {
            return lines.stream().filter(XmlHighlighter.Line::signature).count();
        }
    }

    private final InspectorViewModel inspector;
    private final Executor worker;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper saml = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Rendered> rendered = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private long generation;

    public SamlXmlViewModel(InspectorViewModel inspector, Executor worker, Executor fx) {
        this.inspector = inspector;
        this.worker = worker;
        this.fx = fx;
        inspector.reportProperty().addListener((obs, o, r) -> refresh(r));
        refresh(inspector.report());
    }

    /** Formats on a daemon thread and publishes on the FX thread. */
    public static SamlXmlViewModel standard(InspectorViewModel inspector) {
        return new SamlXmlViewModel(inspector, r -> {
            Thread t = new Thread(r, "tokenscope-saml-xml");
            t.setDaemon(true);
            t.start();
        }, Platform::runLater);
    }

    /** True while the report is about a SAML message. */
    public ReadOnlyBooleanProperty samlProperty() { return saml.getReadOnlyProperty(); }

    public boolean isSaml() { return saml.get(); }

    /** The highlighted XML, or null (not SAML, still formatting, or unreadable: see {@link #messageProperty()}). */
    public ReadOnlyObjectProperty<Rendered> renderedProperty() { return rendered.getReadOnlyProperty(); }

    public Rendered rendered() { return rendered.get(); }

    /** What is shown instead of the XML ("" when the XML shows). */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** The message's XML, indented and highlighted; throws when it can't be read as XML. */
    public static Rendered render(String message) throws SamlException {
        String shown = SafeText.lines(SamlXml.pretty(message, true));
        return new Rendered(shown, XmlHighlighter.lines(shown));
    }

    private void refresh(Report r) {
        long gen = ++generation;
        boolean isSaml = r != null && r.token() != null && r.token().kind() == TokenKind.SAML;
        saml.set(isSaml);
        rendered.set(null);
        if (!isSaml) {
            message.set("");
            return;
        }
        String input = inspector.inspectedInput();
        message.set("Formatting the XML…");
        worker.execute(() -> {
            Rendered out = null;
            String why = "";
            try {
                String token = input == null ? null : Exporters.tokenOf(inspector.inspector().extract(input), r);
                if (token == null) why = "The message's XML is not available.";
                else out = render(token);
            } catch (SamlException | RuntimeException e) {
                why = "The message could not be shown as XML: " + SafeText.friendly(e);
            }
            Rendered done = out;
            String said = why;
            fx.execute(() -> {
                if (gen != generation) return;
                rendered.set(done);
                message.set(said);
            });
        });
    }
}
