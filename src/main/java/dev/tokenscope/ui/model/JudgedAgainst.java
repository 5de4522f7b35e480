package dev.tokenscope.ui.model;

import dev.tokenscope.engine.check.EvaluationConditions;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.text.SafeText;

import java.util.ArrayList;
import java.util.List;

/**
 * What a verdict on screen was judged against: the API profile's name, the conditions that differ from "now, online,
 * discovered" ({@link EvaluationConditions}) and where the token came from (a HAR entry), for the banner and the exports.
 *
 * @param profile    the profile's name as the selector shows it
 * @param conditions "Judged at 2026-01-01 12:00 UTC", "Offline: keys from keys.json" …; empty for the usual evaluation
 * @param origin     "Token 3 of capture.har: Authorization header of GET https://… → HTTP 401", or null
 */
public record JudgedAgainst(String profile, List<String> conditions, String origin) {
    public JudgedAgainst {
        profile = profile == null || profile.isBlank() ? ProfileViewModel.UNSAVED : profile;
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    public static JudgedAgainst of(String profileName, ValidationProfile p, String origin) {
        return new JudgedAgainst(profileName, EvaluationConditions.of(p), origin);
    }

    /** True when the evaluation differs from now, online and discovered: the banner shows it as a warning. */
    public boolean unusual() {
        return !conditions.isEmpty();
    }

    /** True when the profile has a name of its own (not the unsaved default). */
    public boolean named() {
        return !profile.equals(ProfileViewModel.UNSAVED);
    }

    /** The banner's line: "Profile: Orders API (prod) · Judged at … · Offline: keys from keys.json". */
    public String line() {
        List<String> parts = new ArrayList<>();
        parts.add("Profile: " + SafeText.line(profile));
        conditions.forEach(c -> parts.add(SafeText.line(c)));
        return String.join(" · ", parts);
    }

    /** The notes an export's Input section carries: the origin, then the profile line. */
    public List<String> exportNotes() {
        List<String> out = new ArrayList<>();
        if (origin != null && !origin.isBlank()) out.add("From " + origin);
        out.add("Judged against the API profile " + SafeText.line(profile)
                + (conditions.isEmpty() ? " (now, online, keys discovered from the issuer)" : ": " + String.join(" · ", conditions)));
        return out;
    }
}
