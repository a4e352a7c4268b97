package dev.backflow;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;

/**
 * Where the details of an unexpected failure go, so a person sees one readable line and a
 * pointer to this file rather than a stack trace: {@code $XDG_STATE_HOME/backflow/backflow.log}
 * (by default {@code ~/.local/state/backflow/backflow.log}) on Linux,
 * {@code ~/Library/Logs/Backflow/backflow.log} on macOS, {@code %LOCALAPPDATA%\Backflow\backflow.log}
 * on Windows. {@code BACKFLOW_LOG_DIR} (or the system property {@code backflow.log.dir}) chooses
 * another folder. The file is kept under 1 MiB (the previous one is kept as {@code backflow.log.1}).
 */
public final class CrashLog {

    static final String ENV = "BACKFLOW_LOG_DIR";
    static final String PROPERTY = "backflow.log.dir";
    private static final long MAX_BYTES = 1 << 20;

    private CrashLog() {
    }

    /** The log file for this user and OS. */
    static Path file(Map<String, String> env, String osName, String home) {
        String override = System.getProperty(PROPERTY, env.get(ENV));
        if (override != null && !override.isBlank()) {
            return Path.of(override, "backflow.log");
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Logs", "Backflow", "backflow.log");
        }
        if (os.contains("win")) {
            String local = env.getOrDefault("LOCALAPPDATA", Path.of(home, "AppData", "Local").toString());
            return Path.of(local, "Backflow", "backflow.log");
        }
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state) : Path.of(home, ".local", "state");
        return base.resolve("backflow").resolve("backflow.log");
    }

    /** The log file of this process. */
    public static Path file() {
        return file(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", "."));
    }

    /**
     * Appends {@code what} and the failure's full details to the log.
     *
     * @return the sentence to show a person: where the details are, or why they could not be kept
     */
    public static String record(String what, Throwable failure) {
        Path file = file();
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String entry = OffsetDateTime.now() + " " + what + "\n" + trace + "\n";
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                Files.move(file, file.resolveSibling("backflow.log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return "Details are in " + file + ".";
        } catch (IOException | RuntimeException e) {
            return "The details could not be saved to " + file + " (" + e.getMessage() + ").";
        }
    }

    /** One line for a person: the failure's own message, or its kind when it has none. */
    public static String summary(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip().lines().findFirst().orElse("");
    }
}
