/**
 * The sign-in window's view models, one job each: the form ({@link dev.tokenscope.ui.model.signin.SignInFormModel}: fields to one
 * request through the engine's shared parser), the run ({@link dev.tokenscope.ui.model.signin.SignInRunModel}: phase, cancel,
 * device-code countdown, flow log, outcome), the saved profiles, and presenters that build the window's texts without a screen.
 */
package dev.tokenscope.ui.model.signin;
