package dev.tokenscope.engine.export;

import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.report.Report;

import java.util.ArrayList;
import java.util.List;

/**
 * A redacted report in the CLI's JSON schema ({@code inspect --json}, {@code Json.pretty(report)}): it parses back
 * into a {@link Report}. The redaction notes are appended to {@code input.notes}, prefixed "export: ".
 */
public final class JsonExporter {
    public static final String NOTE_PREFIX = "export: ";

    public String render(Redactor.Redacted redacted) {
        return Json.pretty(withNotes(redacted)) + "\n";
    }

    /** The exported report: the redacted report with the redaction notes in input.notes. */
    public static Report withNotes(Redactor.Redacted redacted) {
        Report r = redacted.report();
        if (r.input() == null) return r;
        List<String> notes = new ArrayList<>(r.input().notes());
        for (String n : redacted.notes()) notes.add(NOTE_PREFIX + n);
        Report.InputView in = new Report.InputView(r.input().form(), r.input().description(), notes, r.input().selected(),
                r.input().candidates());
        return new Report(r.tool(), r.version(), r.evaluatedAt(), r.verdict(), r.summary(), in, r.token(), r.key(), r.steps(),
                r.diagnoses());
    }
}
