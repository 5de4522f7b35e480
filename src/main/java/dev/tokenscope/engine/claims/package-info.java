/**
 * The claim catalogue (a data file): what each claim means in Entra v1/v2 access and ID tokens, value
 * interpretations, personal-data flags, human times.
 */
package dev.tokenscope.engine.claims;
