package dev.backflow;

import dev.backflow.cli.BackflowCli;
import dev.backflow.cli.FrontDoor;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The one entry point. {@link FrontDoor} decides what the arguments mean before anything starts:
 * the command line ({@code backflow run ...}, {@code --help}, {@code --version}) runs without
 * touching JavaFX; no arguments (or a preset file) opens the window, if there is a display to
 * open it on; anything else is refused with a message and exit code 2. A plain class, not an
 * {@code Application}, so it starts from a class path.
 *
 * <p>Exit codes: 0 done; 1 the window could not open (no display, or an unexpected failure,
 * with details in the {@link CrashLog}); 2 bad input. The command line's own codes are in
 * docs/cli.md.
 */
public final class Launcher {

    /** Exit code when the window cannot open. */
    static final int CANNOT_OPEN = 1;

    static final String NO_DISPLAY = """
            backflow: there is no display to open the window on (DISPLAY and WAYLAND_DISPLAY are \
            not set). To run an experiment without a window, use the command line, for example \
            'backflow run --preset first-tutorial' (see 'backflow help run'). To open the window, \
            run Backflow in a desktop session, or over SSH with X forwarding (ssh -X).""";

    private Launcher() {
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        FrontDoor.Route route;
        try {
            route = FrontDoor.route(args);
        } catch (RuntimeException e) {
            err.println("backflow: could not start: " + CrashLog.summary(e) + ". " + CrashLog.record("start-up failed", e));
            System.exit(CANNOT_OPEN);
            return;
        }
        switch (route) {
            case FrontDoor.Refuse r -> {
                err.println(r.message());
                System.exit(r.exitCode());
            }
            case FrontDoor.CommandLine c -> System.exit(BackflowCli.execute(
                    c.args().toArray(String[]::new), new PrintWriter(System.out, true), err));
            case FrontDoor.Window w -> openWindow(args, err);
        }
    }

    private static void openWindow(String[] args, PrintWriter err) {
        if (!hasDisplay(System.getenv("DISPLAY"), System.getenv("WAYLAND_DISPLAY"), System.getProperty("os.name", ""))) {
            err.println(NO_DISPLAY);
            System.exit(CANNOT_OPEN);
        }
        dev.backflow.ui.window.MainWindow.reserveACoreForTheWindow(Runtime.getRuntime().availableProcessors());
        try {
            App.main(args);
        } catch (RuntimeException | Error e) {
            if (mentionsDisplay(e)) {
                err.println(NO_DISPLAY.replace("(DISPLAY and WAYLAND_DISPLAY are not set)", "(" + CrashLog.summary(e) + ")"));
            } else {
                err.println("backflow: the window could not open: " + CrashLog.summary(e) + ". "
                        + CrashLog.record("the window could not open", e));
            }
            System.exit(CANNOT_OPEN);
        }
    }

    /** True if a window can be shown: always on macOS and Windows; on Linux and BSD, with X11 or Wayland. */
    static boolean hasDisplay(String display, String waylandDisplay, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("win")) {
            return true;
        }
        return display != null && !display.isBlank() || waylandDisplay != null && !waylandDisplay.isBlank();
    }

    private static boolean mentionsDisplay(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("DISPLAY")) {
                return true;
            }
        }
        return false;
    }
}
