package dev.backflow.preset;

import java.util.List;

/**
 * A preset could not be read, written or found. The message is for a person; {@link #problems()}
 * lists every field that was wrong, one message each.
 */
public final class PresetException extends Exception {

    private final List<String> problems;

    public PresetException(String message) {
        this(message, List.of());
    }

    public PresetException(String message, List<String> problems) {
        super(problems.isEmpty() ? message : message + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public PresetException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    /** One message per wrong field (empty if the problem was not about fields). */
    public List<String> problems() {
        return problems;
    }
}
