package dev.tokenscope.ui.model;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.har.HarAnalysis;
import dev.tokenscope.engine.har.HarFinding;
import dev.tokenscope.engine.har.HarFormatException;
import dev.tokenscope.engine.har.HarRow;
import dev.tokenscope.engine.har.HarScan;
import dev.tokenscope.engine.har.HarScanner;
import dev.tokenscope.engine.har.HarStory;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.text.SafeText;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

/**
 * The HAR list: every token a browser capture holds, each with where it was found and its verdict. The capture is
 * streamed by the engine's {@link HarScanner} and each token is checked with the current API profile, all in one
 * {@link Task} off the FX thread; rows appear as they are checked, progress and Cancel work throughout, and a newer
 * capture (or a profile change, which re-checks the tokens already found) makes an older run irrelevant. Picking a
 * row hands its token to the main window's inspector. Call its methods on the FX thread.
 */
public final class HarViewModel {
    private final Inspector inspector;
    private final Executor executor;
    private final ObservableValue<ValidationProfile> profile;
    private final ZoneId zone;
    private final ObservableList<HarListRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Open a HAR capture (File ▸ Open, or drop it on a window).");
    private final ReadOnlyObjectWrapper<InspectorViewModel.MessageKind> statusKind =
            new ReadOnlyObjectWrapper<>(InspectorViewModel.MessageKind.NONE);
    private final ReadOnlyStringWrapper warnings = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper story = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Task<?>> task = new ReadOnlyObjectWrapper<>();
    private BiConsumer<String, String> inspectHandler;
    private ObservableValue<String> profileName = new javafx.beans.property.SimpleStringProperty(null);
    private final ReadOnlyObjectWrapper<HarListRow> explaining = new ReadOnlyObjectWrapper<>();
    private HarScan scan;
    private long generation;

    public HarViewModel(Inspector inspector, Executor executor, ObservableValue<ValidationProfile> profile, ZoneId zone) {
        this.inspector = inspector;
        this.executor = executor;
        this.profile = profile;
        this.zone = zone;
        profile.addListener((obs, o, n) -> {
            if (n != null && file.get() != null && (scan != null || busy.get())) start(file.get(), scan);
        });
    }

    /** A view model with its own daemon worker threads and the system's time zone. */
    public static HarViewModel withDefaultExecutor(Inspector inspector, ObservableValue<ValidationProfile> profile) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tokenscope-har-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new HarViewModel(inspector, pool, profile, ZoneId.systemDefault());
    }

    /** Where a picked row's token goes: (token, origin) — the main window's {@link InspectorViewModel#inspectText(String, String)}. */
    public void setInspectHandler(BiConsumer<String, String> handler) {
        this.inspectHandler = handler;
    }

    /** The name of the API profile the tokens are judged against (the list's "Judged by" column); a new name checks them again. */
    public void setProfileName(ObservableValue<String> name) {
        this.profileName = name;
        name.addListener((obs, o, n) -> {
            if (file.get() != null && (scan != null || busy.get())) start(file.get(), scan);
        });
    }

    /**
     * The row that explains the capture's failure ({@link HarListRow#explaining}), set once every token is checked; the window selects it.
     */
    public ReadOnlyObjectProperty<HarListRow> explainingProperty() { return explaining.getReadOnlyProperty(); }

    /** The tokens found so far, in order of first appearance. */
    public ObservableList<HarListRow> rows() { return rows; }
    /** The capture shown (null before one is opened). */
    public ReadOnlyObjectProperty<Path> fileProperty() { return file.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public boolean isBusy() { return busy.get(); }
    /** 0..1 while reading the capture and again while checking its tokens; -1 when unknown. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    /** One line: what is happening, the summary of the list, or what went wrong. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<InspectorViewModel.MessageKind> statusKindProperty() { return statusKind.getReadOnlyProperty(); }
    /** The scanner's warnings (a cut-off capture, too many tokens), one a line; "" when none. */
    public ReadOnlyStringProperty warningsProperty() { return warnings.getReadOnlyProperty(); }
    /** The capture's story: one paragraph of the sign-in, the tokens and the calls ({@link HarStory}); "" until every token is checked. */
    public ReadOnlyStringProperty storyProperty() { return story.getReadOnlyProperty(); }
    /** The running task (null when idle). */
    public ReadOnlyObjectProperty<Task<?>> taskProperty() { return task.getReadOnlyProperty(); }

    /** Reads a capture (streamed, off the FX thread) and checks every token in it with the current profile. */
    public void open(Path har) {
        scan = null;
        file.set(har);
        start(har, null);
    }

    /** Checks the tokens of the open capture again with the current profile (the capture is not read again). */
    public void recheck() {
        if (file.get() == null) return;
        start(file.get(), scan);
    }

    /** Stops reading or checking; the rows checked so far stay. Returns whether something was running. */
    public boolean cancel() {
        if (!busy.get()) return false;
        cancelQuietly();
        say(InspectorViewModel.MessageKind.INFO, "Cancelled: " + rows.size() + (rows.size() == 1 ? " token" : " tokens")
                + " checked so far.");
        return true;
    }

    /** Inspects the row's token in the main window (its whole report, with the same profile). */
    public void inspect(HarListRow row) {
        if (row == null || inspectHandler == null) return;
        HarFinding f = row.row().finding();
        Path p = file.get();
        String origin = "Token " + row.number() + (p == null || p.getFileName() == null ? "" : " of " + p.getFileName()) + ": " + f.where()
                + " of " + (f.method() == null ? "" : f.method() + " ") + (f.url() == null ? "(no URL)" : f.url())
                + (f.status() > 0 ? " → HTTP " + f.status() : "");
        inspectHandler.accept(row.token(), origin);
    }

    private void cancelQuietly() {
        Task<?> t = task.get();
        generation++;
        if (t != null) t.cancel(true);
        task.set(null);
        busy.set(false);
        progress.set(0);
    }

    private void start(Path har, HarScan known) {
        cancelQuietly();
        long gen = ++generation;
        ValidationProfile p = profile.getValue() == null ? ValidationProfile.defaults() : profile.getValue();
        String name = har.getFileName() == null ? har.toString() : har.getFileName().toString();
        String judgedBy = profileName.getValue();
        rows.clear();
        explaining.set(null);
        story.set("");
        warnings.set(known == null ? "" : String.join("\n", known.warnings().stream().map(SafeText::line).toList()));
        java.util.concurrent.atomic.AtomicReference<String> told = new java.util.concurrent.atomic.AtomicReference<>("");
        Task<HarScan> t = new Task<>() {
            @Override
            protected HarScan call() throws Exception {
                HarScan s = known;
                if (s == null) {
                    updateMessage("Reading " + name + "…");
                    long size = size(har);
                    updateProgress(-1, 1);
                    try (InputStream in = new Counting(Files.newInputStream(har), this::isCancelled, read -> {
                        if (size > 0) updateProgress(read, size);
                        updateMessage("Reading " + name + "… " + mb(read) + (size > 0 ? " of " + mb(size) : ""));
                    })) {
                        s = new HarScanner().scan(in);
                    } catch (NoSuchFileException e) {
                        throw new HarFormatException("no such file: " + har);
                    }
                    HarScan found = s;
                    Platform.runLater(() -> {
                        if (gen != generation) return;
                        scan = found;
                        warnings.set(String.join("\n", found.warnings().stream().map(SafeText::line).toList()));
                    });
                }
                int n = s.findings().size();
                List<HarRow> judged = new java.util.ArrayList<>(n);
                for (int i = 0; i < n && !isCancelled(); i++) {
                    updateProgress(i, n);
                    updateMessage("Checking token " + (i + 1) + " of " + n + "…");
                    HarFinding f = s.findings().get(i);
                    HarRow row = HarAnalysis.judge(i + 1, f, inspector, p);
                    judged.add(row);
                    HarListRow shown = HarListRow.of(row, zone, judgedBy);
                    Platform.runLater(() -> {
                        if (gen == generation) rows.add(shown);
                    });
                }
                if (!isCancelled()) told.set(HarStory.tell(s, judged));
                updateProgress(n, n);
                return s;
            }
        };
        t.messageProperty().addListener((obs, o, m) -> {
            if (gen == generation && m != null && !m.isEmpty()) say(InspectorViewModel.MessageKind.INFO, m);
        });
        t.progressProperty().addListener((obs, o, v) -> {
            if (gen == generation) progress.set(v.doubleValue());
        });
        t.setOnSucceeded(e -> {
            if (gen != generation) return;
            HarScan s = t.getValue();
            scan = s;
            story.set(SafeText.line(told.get()));
            explaining.set(HarListRow.explaining(rows));
            task.set(null);
            busy.set(false);
            progress.set(0);
            if (s.findings().isEmpty()) {
                say(InspectorViewModel.MessageKind.ERROR, "No token found in the " + s.entries()
                        + (s.entries() == 1 ? " entry" : " entries")
                        + " of " + name + " (Authorization headers, token responses, redirect URLs and form posts were searched).");
            } else {
                say(InspectorViewModel.MessageKind.INFO, summary(name, s, rows));
            }
        });
        t.setOnFailed(e -> {
            if (gen != generation) return;
            task.set(null);
            busy.set(false);
            progress.set(0);
            Throwable ex = t.getException();
            say(InspectorViewModel.MessageKind.ERROR, (ex instanceof HarFormatException ? name + ": " : "Could not read " + name + ": ")
                    + SafeText.friendly(ex));
        });
        task.set(t);
        busy.set(true);
        progress.set(-1);
        say(InspectorViewModel.MessageKind.INFO, known == null ? "Reading " + name + "…" : "Checking the tokens of " + name + " again…");
        try {
            executor.execute(t);
        } catch (RuntimeException ex) {
            task.set(null);
            busy.set(false);
            say(InspectorViewModel.MessageKind.ERROR, "Could not start: " + SafeText.friendly(ex));
        }
    }

    /** "capture.har: 42 entries, 5 distinct tokens (9 occurrences) · 2 valid · 3 not valid". */
    static String summary(String name, HarScan s, List<HarListRow> rows) {
        int occurrences = s.findings().stream().mapToInt(HarFinding::occurrences).sum();
        long valid = rows.stream().filter(r -> r.row().verdict() == Verdict.VALID).count();
        long invalid = rows.stream().filter(r -> r.row().verdict() == Verdict.INVALID).count();
        long undetermined = rows.stream().filter(r -> r.row().verdict() == Verdict.UNDETERMINED).count();
        StringBuilder sb = new StringBuilder(name).append(": ").append(s.entries()).append(s.entries() == 1 ? " entry, " : " entries, ")
                .append(s.findings().size()).append(s.findings().size() == 1 ? " distinct token" : " distinct tokens")
                .append(" (").append(occurrences).append(occurrences == 1 ? " occurrence)" : " occurrences)");
        sb.append(" · ").append(valid).append(" valid · ").append(invalid).append(" not valid");
        if (undetermined > 0) sb.append(" · ").append(undetermined).append(" undetermined");
        if (s.skipped() > 0) sb.append(" · ").append(s.skipped()).append(s.skipped() == 1 ? " body" : " bodies")
                .append(" not read (not JSON or too large)");
        return sb.toString();
    }

    private void say(InspectorViewModel.MessageKind kind, String text) {
        statusKind.set(kind);
        status.set(text);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String mb(long bytes) {
        return bytes < 1 << 20 ? Math.max(1, bytes >> 10) + " KB" : String.format("%.1f MB", bytes / (double) (1 << 20));
    }

    /** Counts the bytes read (for progress, at most every 256 KiB) and stops reading when the task is cancelled. */
    private static final class Counting extends FilterInputStream {
        private static final long STEP = 256 * 1024;
        private final java.util.function.BooleanSupplier cancelled;
        private final LongConsumer onProgress;
        private long read;
        private long reported;

        Counting(InputStream in, java.util.function.BooleanSupplier cancelled, LongConsumer onProgress) {
            super(in);
            this.cancelled = cancelled;
            this.onProgress = onProgress;
        }

        @Override
        public int read() throws IOException {
            check();
            int b = super.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            int n = super.read(b, off, len);
            if (n > 0) count(n);
            return n;
        }

        private void check() throws InterruptedIOException {
            if (cancelled.getAsBoolean()) throw new InterruptedIOException("cancelled");
        }

        private void count(int n) {
            read += n;
            if (read - reported >= STEP) {
                reported = read;
                onProgress.accept(read);
            }
        }
    }
}
