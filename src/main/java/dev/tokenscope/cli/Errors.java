package dev.tokenscope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.json.Json;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Locale;

/**
 * How every command reports a usage error: one line on standard error naming the problem and the fix, with nothing
 * token- or secret-looking in it ({@link Shown}); under {@code --json} / {@code --json-lines} also a JSON error object on
 * standard output, so {@code | jq} gets something: {@code {"error":{"kind":"usage","message":"…","exitCode":2}}}.
 */
final class Errors {
    private Errors() {
    }

    static final List<String> JSON_OPTIONS = List.of("--json", "--json-lines");

    /** Prints the usage error of {@code spec}'s command and returns {@link Cli#USAGE}. */
    static int usage(CommandLine.Model.CommandSpec spec, String message) {
        boolean json = false;
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        if (pr != null) for (String o : JSON_OPTIONS) json |= pr.hasMatchedOption(o);
        return usage(spec.commandLine().getOut(), spec.commandLine().getErr(), spec.name(), message, json);
    }

    /** Prints a usage error of command {@code command} ("tokenscope" for the root) and returns {@link Cli#USAGE}. */
    static int usage(PrintWriter out, PrintWriter err, String command, String message, boolean json) {
        String shown = Shown.message(message);
        err.println((command.equals("tokenscope") ? "tokenscope" : "tokenscope " + command) + ": " + shown);
        err.flush();
        if (json) {
            out.println(json("usage", shown, Cli.USAGE));
            out.flush();
        }
        return Cli.USAGE;
    }

    /** {"error":{"kind":…,"message":…,"exitCode":…}} on one line. */
    static String json(String kind, String message, int exitCode) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("kind", kind);
        e.put("message", message);
        e.put("exitCode", exitCode);
        return Json.compact(root);
    }

    /** Why a file operation failed, in words ("permission denied", "is a directory", "no space left on the device"). */
    static String why(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof NotDirectoryException) return "a part of the path is a file, not a directory";
        if (e instanceof FileAlreadyExistsException) return "a file of that name is in the way";
        if (e instanceof DirectoryNotEmptyException) return "it is a directory";
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (reason == null) return e.getClass().getSimpleName();
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("is a directory")) return "it is a directory";
        if (r.contains("no space")) return "no space left on the device (disk full)";
        if (r.contains("read-only")) return "the file system is read-only";
        if (r.contains("permission denied")) return "permission denied";
        if (r.contains("file name too long")) return "the name is too long for a file name";
        return Shown.message(reason);
    }
}
