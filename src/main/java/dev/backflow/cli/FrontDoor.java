package dev.backflow.cli;

import dev.backflow.preset.PresetException;
import dev.backflow.preset.PresetStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what {@code backflow ARGS} means before anything starts: a command of the command
 * line, the window (optionally with a preset file to open), or a refusal with a message and an
 * exit code. Nothing here starts JavaFX, so a typo never ends in a window failing to open.
 *
 * <pre>
 *   backflow                          the window
 *   backflow FILE.backflow.json       the window, with that preset loaded (checked first)
 *   backflow --presets-dir DIR [FILE] the window, with presets in DIR
 *   backflow run|presets|help|...     the command line
 *   backflow rnu                      unknown command 'rnu' (did you mean 'run'?), exit 2
 * </pre>
 */
public final class FrontDoor {

    /** Exit code for bad input: an unknown command, a missing or broken file, a bad option. */
    public static final int BAD_INPUT = 2;

    /** Where the arguments lead. */
    public sealed interface Route {
    }

    /** Run the command line with these arguments. */
    public record CommandLine(List<String> args) implements Route {
    }

    /**
     * Open the window.
     *
     * @param presetsDir the presets folder given with --presets-dir, or null
     * @param open       a preset file to open (it exists and parses), or null
     */
    public record Window(Path presetsDir, Path open) implements Route {
    }

    /** Start nothing: say {@code message} on standard error and exit with {@code exitCode}. */
    public record Refuse(int exitCode, String message) implements Route {
    }

    /** The commands and what they do, for "did you mean" and the list shown with a refusal. */
    static final Map<String, String> COMMANDS = commands();

    private static Map<String, String> commands() {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        m.put("run", "run an experiment without a window and print a summary");
        m.put("compare", "run two experiments side by side on the same workload and compare them");
        m.put("sweep", "vary one or two settings over ranges and find the cheapest cell that meets targets");
        m.put("presets", "list, show, export and import presets");
        m.put("help", "show help for a command (backflow help run)");
        m.put("generate-completion", "print the bash/zsh completion script");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static final List<String> CLI_OPTIONS = List.of("--help", "-h", "--version", "-V");

    private FrontDoor() {
    }

    /** Where {@code args} lead. Reads (and parses) a preset file argument, nothing else. */
    public static Route route(String[] args) {
        return route(args, true);
    }

    /**
     * The window's options in {@code args}, already checked by {@link #route}: no file is read
     * again (the window reads a preset file off the FX thread, and says so if it is gone since).
     */
    public static Window windowOptions(String[] args) {
        return route(args, false) instanceof Window w ? w : new Window(null, null);
    }

    private static Route route(String[] args, boolean checkFiles) {
        Objects.requireNonNull(args);
        if (args.length == 0) {
            return new Window(null, null);
        }
        String first = args[0];
        if (COMMANDS.containsKey(first) || CLI_OPTIONS.contains(first)) {
            return new CommandLine(List.of(args));
        }
        Path presetsDir = null;
        Path open = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--presets-dir")) {
                if (i + 1 >= args.length) {
                    return new Refuse(BAD_INPUT, "backflow: --presets-dir needs a folder.\n" + usage());
                }
                presetsDir = Path.of(args[++i]);
            } else if (a.startsWith("--presets-dir=")) {
                presetsDir = Path.of(a.substring("--presets-dir=".length()));
            } else if (a.startsWith("-")) {
                return new Refuse(BAD_INPUT, "backflow: unknown option '" + a + "'" + suggestion(a, CLI_OPTIONS) + ".\n" + usage());
            } else if (open != null) {
                return new Refuse(BAD_INPUT, "backflow: one preset file at a time; got '" + open + "' and '" + a + "'.\n" + usage());
            } else {
                Optional<Route> refused = checkFiles ? checkFile(a, i == 0) : Optional.empty();
                if (refused.isPresent()) {
                    return refused.get();
                }
                open = Path.of(a);
            }
        }
        return new Window(presetsDir, open);
    }

    /** A word that is not a command must be a preset file that exists and parses. */
    private static Optional<Route> checkFile(String arg, boolean firstWord) {
        Path file = Path.of(arg);
        if (!Files.exists(file)) {
            boolean looksLikeFile = arg.contains("/") || arg.contains("\\") || arg.contains(".");
            if (firstWord && !looksLikeFile) {
                return Optional.of(new Refuse(BAD_INPUT, "backflow: unknown command '" + arg + "'"
                        + suggestion(arg, COMMANDS.keySet()) + ".\n" + usage()));
            }
            return Optional.of(new Refuse(BAD_INPUT, "backflow: no such preset file: " + arg));
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of(new Refuse(BAD_INPUT, "backflow: " + arg + " is not a file; give a .backflow.json preset file"));
        }
        try {
            new PresetStore(Path.of(System.getProperty("java.io.tmpdir"))).read(file);
            return Optional.empty();
        } catch (PresetException e) {
            return Optional.of(new Refuse(BAD_INPUT, "backflow: " + arg + " is not a preset Backflow can open: " + e.getMessage()));
        }
    }

    /** " (did you mean 'run'?)" when a known word is close to {@code typed}, else "". */
    static String suggestion(String typed, java.util.Collection<String> known) {
        return dev.backflow.units.Names.suggestion(typed, known);
    }

    /** The short usage shown with every refusal. */
    static String usage() {
        StringBuilder b = new StringBuilder("Usage: backflow [FILE.backflow.json] [--presets-dir DIR]   open the window\n");
        b.append("       backflow COMMAND [OPTIONS]                           use the command line\n");
        b.append("Commands:\n");
        COMMANDS.forEach((name, what) -> b.append(String.format(Locale.ROOT, "  %-20s %s%n", name, what)));
        b.append("Run 'backflow help COMMAND' for a command's options and examples.");
        return b.toString();
    }

}
