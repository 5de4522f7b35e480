/**
 * Desktop integration shared by the window and the CLI's {@code open}: the single-instance channel that hands files
 * to a running window (loopback, owner-only secret), the open-files request and the system browser launcher. No
 * JavaFX scenes here.
 */
package dev.tokenscope.desktop;
