package dev.tokenscope.engine.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects what the readers find: forms in the order met, at most {@link #MAX_FINDINGS} findings, duplicates dropped. */
final class EvidenceBuilder {
    static final int MAX_FINDINGS = 200;
    private final Set<String> forms = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();
    private final List<ServerEvidence.Item> items = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Map<String, String> context = new LinkedHashMap<>();
    private Integer status;
    private String statusLine;
    private boolean capped;

    void form(String f) {
        forms.add(f);
    }

    void status(Integer s) {
        if (status == null && s != null && s >= 100 && s <= 599) status = s;
    }

    void statusLine(String line) {
        if (statusLine == null) statusLine = Texts.cut(line, 200);
    }

    void context(String name, String value) {
        context.putIfAbsent(name, Texts.cut(value, 500));
    }

    boolean empty() {
        return items.isEmpty();
    }

    void note(String n) {
        if (!notes.contains(n)) notes.add(n);
    }

    void add(ServerEvidence.Item item) {
        if (!seen.add(item.code() + "\u0000" + item.phrase() + "\u0000" + item.said())) return;
        if (items.size() >= MAX_FINDINGS) {
            capped = true;
            return;
        }
        items.add(item);
    }

    ServerEvidence build() {
        if (capped) note("Only the first " + MAX_FINDINGS + " different findings are kept.");
        if (items.isEmpty() && statusLine != null && status != null && status >= 400) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("status", status);
            items.add(new ServerEvidence.Item("http-" + status, HttpResponseSplitter.FORM, null, statusLine, v));
        }
        if (items.isEmpty()) {
            note(forms.isEmpty()
                    ? "Nothing recognised: no HTTP response, WWW-Authenticate challenge, JSON error or IDX/IDW/AADSTS log line was found."
                    : "Recognised " + String.join(" and ", forms) + ", but no error in it.");
        }
        return new ServerEvidence(String.join("+", forms), status, context, notes, items);
    }
}
