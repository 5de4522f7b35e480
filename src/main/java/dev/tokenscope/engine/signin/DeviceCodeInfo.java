package dev.tokenscope.engine.signin;

import java.time.Duration;
import java.time.Instant;

/**
 * What the user needs for the device code flow (RFC 8628 §3.2): the code to type at the verification URL.
 *
 * @param verificationUriComplete the URL with the code in it, when the provider gives one (null otherwise)
 * @param expiresIn               how long the code is valid
 * @param interval                the polling interval the provider asked for
 * @param expiresAt               when the code expires (for a countdown)
 * @param message                 the provider's own instruction text, when it gives one
 */
public record DeviceCodeInfo(String userCode, String verificationUri, String verificationUriComplete, Duration expiresIn,
                             Duration interval, Instant expiresAt, String message) {
}
