/**
 * Proof-of-possession: Signed HTTP Requests (SHR) whose inner access token is inspected, with the binding between the
 * two checked as a step.
 */
package dev.tokenscope.engine.pop;
