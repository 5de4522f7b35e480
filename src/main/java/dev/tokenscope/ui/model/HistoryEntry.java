package dev.tokenscope.ui.model;

import dev.tokenscope.engine.report.Verdict;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One input inspected during this run (kept in memory only, never written anywhere). */
public record HistoryEntry(String input, String summary, Verdict verdict, Instant at) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** A one-line label for the history menu: time, verdict summary and the start of the input. */
    public String label(ZoneId zone) {
        String flat = input.strip().replaceAll("\\s+", " ");
        String head = flat.length() > 24 ? flat.substring(0, 24) + "…" : flat;
        String sum = summary.length() > 70 ? summary.substring(0, 70) + "…" : summary;
        return TIME.format(at.atZone(zone)) + "  " + sum + "  (" + head + ", " + input.length() + " chars)";
    }
}
