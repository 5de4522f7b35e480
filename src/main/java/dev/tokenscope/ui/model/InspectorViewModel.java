package dev.tokenscope.ui.model;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.input.Extraction;
import dev.tokenscope.engine.report.ApiView;
import dev.tokenscope.engine.report.Face;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.server.ServerFindings;
import dev.tokenscope.engine.text.SafeText;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The inspector window's state: the input, the API profile, the report, and whether an inspection is running.
 * Every inspection runs off the FX thread in a {@link Task}; a newer inspection (or {@link #cancel()}) makes an
 * older one's result irrelevant. Call its methods on the FX thread (tests use {@code Platform.runLater}).
 */
public final class InspectorViewModel {
    /** How the message line should look. */
    public enum MessageKind { NONE, INFO, ERROR }

    public static final int HISTORY_SIZE = 25;

    private final Inspector inspector;
    private final Executor executor;
    private final StringProperty input = new SimpleStringProperty("");
    private final ObjectProperty<ValidationProfile> profile = new SimpleObjectProperty<>(ValidationProfile.defaults());
    private final ObjectProperty<ApiView> api = new SimpleObjectProperty<>();
    private final StringProperty serverResponse = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Report> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> messageKind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);
    private final ReadOnlyObjectWrapper<Task<?>> task = new ReadOnlyObjectWrapper<>();
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final StringProperty profileName = new SimpleStringProperty(ProfileViewModel.UNSAVED);
    private final ReadOnlyObjectWrapper<JudgedAgainst> judged = new ReadOnlyObjectWrapper<>();
    private Consumer<String> beforeNewInput = t -> { };
    private String lastOrigin;
    private int candidate = -1;
    private long generation;
    private String lastInspected;
    private Consumer<Path> harHandler;

    public InspectorViewModel(Inspector inspector, Executor executor) {
        this.inspector = inspector;
        this.executor = executor;
        // A new profile, API configuration or API answer re-judges the current token: the one being inspected right now
        // if an inspection runs (not the previous input), else the last one inspected.
        profile.addListener((obs, o, n) -> {
            if (n != null) rejudge();
        });
        api.addListener((obs, o, n) -> rejudge());
        serverResponse.addListener((obs, o, n) -> rejudge());
        // The banner names the profile a verdict was judged against: another name is judged again (never relabelled).
        profileName.addListener((obs, o, n) -> rejudge());
    }

    /** A view model with its own pool of daemon worker threads. */
    public static InspectorViewModel withDefaultExecutor(Inspector inspector) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tokenscope-inspect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new InspectorViewModel(inspector, pool);
    }

    public StringProperty inputProperty() { return input; }
    /** The imported API configuration shown with the report (its profile is the profile panel's), or null. */
    public ObjectProperty<ApiView> apiProperty() { return api; }
    /** What the API answered (a response, a WWW-Authenticate line, a JSON error, log lines); joined with each report. */
    public StringProperty serverResponseProperty() { return serverResponse; }
    /** The API profile; a change re-inspects the current input at once. */
    public ObjectProperty<ValidationProfile> profileProperty() { return profile; }
    public ReadOnlyObjectProperty<Report> reportProperty() { return report.getReadOnlyProperty(); }
    /** The name of the API profile (the panel's); the banner names it. */
    public StringProperty profileNameProperty() { return profileName; }
    /** What the current report was judged against (profile, time, keys, origin); set together with the report. */
    public ReadOnlyObjectProperty<JudgedAgainst> judgedProperty() { return judged.getReadOnlyProperty(); }
    public JudgedAgainst judged() { return judged.get(); }

    /**
     * Called with the text (null for a file) before the user's new input is inspected: pasted, typed, opened, dropped,
     * from the history or a capture; not for re-inspections of the same input. The window uses it to leave a sample's profile.
     */
    public void setBeforeNewInput(Consumer<String> hook) {
        this.beforeNewInput = hook == null ? t -> { } : hook;
    }
    public Report report() { return report.get(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public boolean isBusy() { return busy.get(); }
    /** One line under the input: what is happening or what went wrong (never a stack trace). */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() { return messageKind.getReadOnlyProperty(); }
    /** The running task (null when idle), for progress indicators. */
    public ReadOnlyObjectProperty<Task<?>> taskProperty() { return task.getReadOnlyProperty(); }
    /** This run's inspected inputs, newest first (memory only). */
    public ObservableList<HistoryEntry> history() { return history; }
    public Inspector inspector() { return inspector; }
    /** The text the current report was made from (the input as it was inspected, or a file's text), or null. */
    public String inspectedInput() { return lastInspected; }

    /**
     * Where {@link #openFile(Path)} sends a browser capture (a .har file, or text starting with {"log":) instead of
     * reading it as a token: the window opens its HAR list. Without a handler a capture is read like any file.
     */
    public void setHarHandler(Consumer<Path> handler) {
        this.harHandler = handler;
    }

    /** Inspects the input's primary token (the access token first). */
    public void inspect() {
        String text = input.get() == null ? "" : input.get();
        if (text.isBlank()) {
            cancelQuietly();
            report.set(null);
            judged.set(null);
            lastInspected = null;
            say(MessageKind.ERROR, "Nothing to inspect: paste a token (Ctrl+V), drop a file, or open one (File ▸ Open).");
            return;
        }
        if (!text.equals(lastInspected)) beforeNewInput.accept(text);
        candidate = -1;
        run(text, null, -1, null);
    }

    /** Replaces the input and inspects it (paste, drop, history, samples). */
    public void inspectText(String text) {
        input.set(text == null ? "" : text);
        inspect();
    }

    /**
     * Replaces the input with a token found elsewhere (a HAR capture's list) and inspects it; the message line says
     * where it came from ({@code origin}, e.g. "Token 3 of capture.har: Authorization header of GET https://…").
     */
    public void inspectText(String text, String origin) {
        beforeNewInput.accept(text == null ? "" : text);
        input.set(text == null ? "" : text);
        if (input.get().isBlank()) {
            inspect();
            return;
        }
        candidate = -1;
        run(input.get(), null, -1, origin);
    }

    /** Inspects another token found in the same input (index into the report's input candidates). */
    public void inspectCandidate(int index) {
        if (lastInspected == null) return;
        candidate = index;
        run(lastInspected, null, index, lastOrigin);
    }

    /** Re-runs the last inspection (same input and candidate) with the current profile. */
    public void reinspect() {
        if (lastInspected != null) run(lastInspected, null, candidate, lastOrigin);
        else inspect();
    }

    /** Reads a file (off the FX thread, size-capped) into the input and inspects it; a HAR capture goes to the HAR handler. */
    public void openFile(Path file) {
        beforeNewInput.accept(null);
        candidate = -1;
        run(null, file, -1, null);
    }

    /** Empties the input and the report (and cancels a running inspection). */
    public void clear() {
        cancelQuietly();
        input.set("");
        report.set(null);
        judged.set(null);
        lastInspected = null;
        candidate = -1;
        say(MessageKind.NONE, "");
    }

    /** Shows a problem the window found itself (an empty clipboard, an unreadable drop) in the message line. */
    public void showError(String text) {
        say(MessageKind.ERROR, text);
    }

    /** Shows a short confirmation in the message line ("Copied …", "Saved …"). */
    public void showInfo(String text) {
        say(MessageKind.INFO, text);
    }

    /** Cancels the running inspection; returns whether one was running. The window stays as it was. */
    public boolean cancel() {
        if (!busy.get()) return false;
        cancelQuietly();
        say(MessageKind.INFO, "Cancelled.");
        return true;
    }

    private void cancelQuietly() {
        Task<?> t = task.get();
        generation++;
        if (t != null) t.cancel(true);
        task.set(null);
        busy.set(false);
    }

    /** A finished task: a report, or (har) a file that turned out to be a HAR capture. */
    private record Outcome(String input, Report report, long millis, boolean har) {
        Outcome(String input, Report report, long millis) {
            this(input, report, millis, false);
        }
    }

    /** What the running (or last started) inspection was asked for. */
    private record Request(String text, Path file, int index, String origin) {
    }

    private Request current;

    private void rejudge() {
        if (busy.get() && current != null) run(current.text(), current.file(), current.index(), current.origin());
        else if (report.get() != null && lastInspected != null) run(lastInspected, null, candidate, lastOrigin);
    }

    private void run(String text, Path file, int index, String origin) {
        cancelQuietly();
        Request req = new Request(text, file, index, origin);
        current = req;
        long gen = ++generation;
        ValidationProfile p = profile.get();
        JudgedAgainst against = JudgedAgainst.of(profileName.get(), p, origin);
        ApiView apiView = api.get();
        String said = serverResponse.get();
        Consumer<Path> har = harHandler;
        // An inspection begun before the window existed serves the first run that asks for the same thing.
        HeadStart head = headStart != null && headStart.serves(req, p, apiView, said) ? headStart : null;
        headStart = null;
        Task<Outcome> t = new Task<>() {
            @Override
            protected Outcome call() throws Exception {
                Outcome begun = head == null ? null : head.outcome();
                return begun != null ? begun : compute(req, p, apiView, said, har);
            }
        };
        t.setOnSucceeded(e -> {
            if (gen != generation) return;
            Outcome o = t.getValue();
            task.set(null);
            busy.set(false);
            if (o.har()) {
                say(MessageKind.INFO, "Opened " + file.getFileName() + " as a HAR capture: pick a token in its list to inspect it.");
                har.accept(file);
                return;
            }
            if (file != null) input.set(o.input());
            lastInspected = o.input();
            lastOrigin = origin;
            judged.set(against);
            report.set(o.report());
            remember(o);
            if (o.report().token() == null) say(MessageKind.ERROR, o.report().summary());
            else say(MessageKind.INFO, (origin == null ? "" : origin + " · ") + describe(o));
        });
        t.setOnFailed(e -> {
            if (gen != generation) return;
            task.set(null);
            busy.set(false);
            Throwable ex = t.getException();
            say(MessageKind.ERROR, (file != null ? "Could not open the file: " : "Inspection failed: ") + SafeText.friendly(ex));
        });
        task.set(t);
        busy.set(true);
        say(MessageKind.INFO, file != null ? "Reading " + file.getFileName() + "…" : "Inspecting…");
        try {
            executor.execute(t);
        } catch (RuntimeException ex) {
            task.set(null);
            busy.set(false);
            say(MessageKind.ERROR, "Inspection could not start: " + SafeText.friendly(ex));
        }
    }

    /** One inspection: the file read (a HAR capture handed over when {@code har} takes them), the engine, the API's side. */
    private Outcome compute(Request req, ValidationProfile p, ApiView apiView, String said, Consumer<Path> har) throws Exception {
        long start = System.nanoTime();
        Path file = req.file();
        if (file != null && har != null && HarFiles.isHar(file)) return new Outcome(null, null, 0, true);
        String in = file != null ? InputFiles.read(file) : req.text();
        Report r;
        if (req.index() >= 0) {
            Extraction ex = inspector.extract(in);
            r = req.index() < ex.candidates().size() ? inspector.inspect(ex, req.index(), p) : inspector.inspect(in, p);
        } else {
            r = inspector.inspect(in, p);
        }
        if (apiView != null) r = r.withApi(apiView);
        r = Face.GUI.render(ServerFindings.attach(r, said));
        return new Outcome(in, r, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Begins inspecting {@code file} before the window exists ({@code tokenscope open FILE}: the app calls this on the
     * thread that builds the model while JavaFX starts), so its verdict is ready sooner. The first {@link #openFile} of
     * the same file under the same profile, API configuration and API answer takes this result; any other run
     * discards it and inspects afresh. A HAR capture is left to {@link #openFile} (the window's HAR list). Call it
     * before the window uses this model.
     */
    public void beginOpening(Path file) {
        Request req = new Request(null, file, -1, null);
        ValidationProfile p = profile.get();
        ApiView apiView = api.get();
        String said = serverResponse.get();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    outcome.complete(HarFiles.isHar(file) ? null : compute(req, p, apiView, said, null));
                } catch (Exception | Error e) {
                    outcome.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            return; // no worker: openFile inspects as usual
        }
        headStart = new HeadStart(req, p, apiView, said, outcome);
    }

    /** An inspection begun by {@link #beginOpening}: what it was asked for, and its outcome (null: a HAR capture). */
    private record HeadStart(Request request, ValidationProfile profile, ApiView api, String said, CompletableFuture<Outcome> begun) {
        boolean serves(Request r, ValidationProfile p, ApiView a, String s) {
            return request.equals(r) && Objects.equals(profile, p) && Objects.equals(api, a) && Objects.equals(said, s);
        }

        /** Waits for it (interruptibly: a cancelled run stops waiting); its failure is the run's failure. */
        Outcome outcome() throws Exception {
            try {
                return begun.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) throw cause;
                if (e.getCause() instanceof Error error) throw error;
                throw e;
            }
        }
    }

    private volatile HeadStart headStart;

    private static String describe(Outcome o) {
        Report.InputView in = o.report().input();
        String what = in == null ? "" : in.description();
        String extra = in != null && in.candidates().size() > 1 ? "; " + in.candidates().size() + " tokens found" : "";
        return what + extra + " · checked in " + o.millis() + " ms";
    }

    private void remember(Outcome o) {
        if (o.input().isBlank()) return;
        history.removeIf(h -> h.input().equals(o.input()));
        history.add(0, new HistoryEntry(o.input(), o.report().summary(), o.report().verdict(), Instant.now()));
        if (history.size() > HISTORY_SIZE) history.remove(HISTORY_SIZE, history.size());
    }

    private void say(MessageKind kind, String text) {
        messageKind.set(kind);
        message.set(text);
    }
}
