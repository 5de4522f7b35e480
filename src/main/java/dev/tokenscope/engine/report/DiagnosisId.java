package dev.tokenscope.engine.report;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ids of the token diagnoses, in order of importance: the constants' order is the priority the Inspector lists
 * diagnoses in (after their severity), so the first one present is a report's top diagnosis. Each names the step that
 * finds it (where the GUI goes when the diagnosis is clicked). A report carries {@link #id()}, the kebab-case form of
 * the constant's name. (SAML, API-evidence and HAR findings have ids of their own, ranked after these.)
 */
public enum DiagnosisId {
    MALFORMED_TOKEN(StepId.FORMAT), NON_JSON_PAYLOAD(StepId.FORMAT), OPAQUE_TOKEN(StepId.FORMAT), ENCRYPTED_TOKEN(StepId.FORMAT),
    ALG_NONE(StepId.ALGORITHM), SYMMETRIC_ALG(StepId.ALGORITHM), UNKNOWN_CRIT(StepId.ALGORITHM), UNENCODED_PAYLOAD(StepId.FORMAT),
    LOOKALIKE_ISSUER(StepId.ISSUER), GRAPH_TOKEN(StepId.AUDIENCE), FIRST_PARTY_TOKEN(StepId.AUDIENCE),
    ID_TOKEN_AS_ACCESS_TOKEN(StepId.TOKEN_TYPE), HEADER_KEY_INJECTION(StepId.ALGORITHM), VERSION_MISMATCH(StepId.VERSION),
    WRONG_AUDIENCE(StepId.AUDIENCE), AUDIENCE_FORM(StepId.AUDIENCE), KEY_NOT_FOUND(StepId.KEY_MATCH),
    APP_SPECIFIC_SIGNING_KEY(StepId.KEY_MATCH), SIGNATURE_INVALID(StepId.SIGNATURE), POP_BINDING_MISMATCH(StepId.POP_BINDING),
    ISSUER_MISMATCH(StepId.ISSUER), WRONG_TENANT(StepId.TENANT), EXPIRED(StepId.LIFETIME), NOT_YET_VALID(StepId.LIFETIME),
    APP_ONLY_TOKEN(StepId.TOKEN_TYPE), MISSING_PERMISSION(StepId.PERMISSIONS), UNTRUSTED_ISSUER(StepId.ISSUER),
    METADATA_UNREACHABLE(StepId.METADATA),
    // warn and info: a valid token may carry them; they never change the verdict
    GROUP_OVERAGE(StepId.GROUP_OVERAGE), EXPIRING_SOON(StepId.LIFETIME), WILDCARD_AUDIENCE(StepId.AUDIENCE),
    MULTIPLE_AUDIENCES(StepId.AUDIENCE), CONSUMER_ACCOUNT(StepId.TENANT), MANAGED_IDENTITY(StepId.CLIENT),
    CAE_CAPABLE_CLIENT(StepId.CLIENT_CAPABILITIES), POP_TOKEN(StepId.POP_BINDING);

    private static final Map<String, DiagnosisId> BY_ID = new HashMap<>();

    static {
        for (DiagnosisId d : values()) BY_ID.put(d.id, d);
    }

    private final String id = name().toLowerCase(Locale.ROOT).replace('_', '-');
    private final StepId step;

    DiagnosisId(StepId step) {
        this.step = step;
    }

    /** The id as reports carry it ("signature-invalid"). */
    public String id() {
        return id;
    }

    /** The step that finds this diagnosis. */
    public StepId step() {
        return step;
    }

    /** The diagnosis with report id {@code id}, when it is one of these. */
    public static Optional<DiagnosisId> of(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The priority of report id {@code id}: its constant's position; ids of other kinds after all of these. */
    public static int priority(String id) {
        DiagnosisId d = BY_ID.get(id);
        return d == null ? values().length : d.ordinal();
    }
}
