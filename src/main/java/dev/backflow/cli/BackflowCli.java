package dev.backflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The command line: {@code backflow run ...}. Never starts the JavaFX toolkit. */
@Command(name = "backflow", mixinStandardHelpOptions = true, versionProvider = BackflowCli.Version.class,
        description = "A lab for backpressure. With no command, opens the window.",
        subcommands = {RunCommand.class, PresetsCommand.class, CommandLine.HelpCommand.class})
public final class BackflowCli {

    /** True if these arguments are for the command line rather than the window. */
    public static boolean wants(String[] args) {
        if (args.length == 0) {
            return false;
        }
        String first = args[0];
        return first.equals("run") || first.equals("presets") || first.equals("help") || first.equals("--help") || first.equals("-h")
                || first.equals("--version") || first.equals("-V");
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new BackflowCli());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(RunCommand.errorHandler());
        cmd.getSubcommands().get("run").setExecutionExceptionHandler(RunCommand.errorHandler());
        cmd.getSubcommands().get("presets").setExecutionExceptionHandler(RunCommand.errorHandler());
        cmd.getSubcommands().get("presets").getSubcommands().values()
                .forEach(sub -> sub.setExecutionExceptionHandler(RunCommand.errorHandler()));
        return cmd.execute(args);
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BackflowCli.class.getPackage().getImplementationVersion();
            return new String[] {"Backflow " + (v == null ? "(development build)" : v)};
        }
    }
}
