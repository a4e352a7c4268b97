package dev.backflow;

import dev.backflow.cli.BackflowCli;

import java.io.PrintWriter;

/**
 * The one entry point. {@code backflow run ...} (and {@code --help}, {@code --version}) runs the
 * command line without touching JavaFX; no arguments opens the window. A plain class, not an
 * {@code Application}, so it starts from a class path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (BackflowCli.wants(args)) {
            int code = BackflowCli.execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
            System.exit(code);
        }
        App.main(args);
    }
}
