package dev.tokenscope.engine.report;

import java.util.Locale;

/**
 * The ids of the token pipeline's steps, in the order the standard pipeline runs them (notices last). A step's id in a
 * report, in JSON and in the GUI is {@link #id()}, the kebab-case form of the constant's name.
 */
public enum StepId {
    FORMAT, ALGORITHM, METADATA, KEYS, KEY_MATCH, SIGNATURE, POP_BINDING, ISSUER, AUDIENCE, LIFETIME, TOKEN_TYPE, VERSION, TENANT,
    CLIENT, PERMISSIONS, GROUP_OVERAGE, AUDIENCE_SHAPE, MANAGED_IDENTITY, CLIENT_CAPABILITIES;

    private final String id = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The id as reports carry it ("key-match"). */
    public String id() {
        return id;
    }

    /** True when {@code step} is this step. */
    public boolean is(Step step) {
        return step != null && id.equals(step.id());
    }
}
