package dev.backflow.telemetry;

/** How a run ended. The names are part of the JSON summary format (stable). */
public enum RunOutcome {
    /** Producers finished a finite run and consumers drained the buffer. */
    COMPLETED("completed"),
    /** Stopped by the person or the command. */
    STOPPED("stopped"),
    /** Unbounded buffer exceeded the memory budget. */
    KILLED_OUT_OF_MEMORY("killed-out-of-memory"),
    /** The consumers were dropped; producers' sends failed with "receiver dropped". */
    RECEIVER_DROPPED("receiver-dropped"),
    /**
     * The run could not go on: a worker thread could not be started (the system's thread limit)
     * or a worker failed unexpectedly. Everything started was stopped; the reason says what.
     */
    FAILED("failed");

    private final String jsonName;

    RunOutcome(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in JSON and on screen. */
    public String jsonName() {
        return jsonName;
    }
}
