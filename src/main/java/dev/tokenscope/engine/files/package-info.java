/**
 * The user's files on each OS: where settings, cache and the instance channel live ({@code UserDirs}) and how a file
 * is made readable by its owner only ({@code OwnerOnly}: POSIX modes or an ACL).
 */
package dev.tokenscope.engine.files;
