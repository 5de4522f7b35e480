/**
 * Entry points: {@code Launcher} picks the face (the window when there is a display, else the CLI) and {@code
 * StartupTrace} measures start-up. Everything else lives in {@code engine} (no UI), {@code ui}, {@code cli} and
 * {@code desktop}.
 */
package dev.tokenscope;
