package dev.tokenscope.engine.har;

import dev.tokenscope.engine.input.Role;

/** A token (or SAML message) seen in one HAR entry: its role, where in the entry, and the value. */
record HarHit(Role role, String where, String token) {
}
