package dev.backflow.engine;

/** Which kind of thread runs the workers. */
public enum ThreadKind {
    /** Virtual threads: cheap to start, park without holding an OS thread. */
    VIRTUAL,
    /** Platform threads: one OS thread each, for comparison. */
    PLATFORM;

    /** Parses {@code virtual} or {@code platform}, case-insensitively. */
    public static ThreadKind parse(String s) {
        String n = s == null ? "" : s.strip().toUpperCase(java.util.Locale.ROOT);
        for (ThreadKind k : values()) {
            if (k.name().equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("threads must be virtual or platform; got " + dev.backflow.units.Names.quote(s));
    }
}
