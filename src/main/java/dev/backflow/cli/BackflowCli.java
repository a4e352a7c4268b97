package dev.backflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The command line: {@code backflow run ...}. Never starts the JavaFX toolkit. */
@Command(name = "backflow", mixinStandardHelpOptions = true, versionProvider = BackflowCli.Version.class,
        description = {"A lab for backpressure: real producers and consumers on virtual threads over a real bounded queue.",
                "With no command (or with a .backflow.json preset file), opens the window."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  backflow                                   open the window",
            "  backflow my-lab.backflow.json              open the window with that preset",
            "  backflow run --preset first-tutorial       the first tutorial, headless",
            "  backflow help run                          every option of run, with examples",
            "  source <(backflow generate-completion)     tab completion in this shell",
            ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:done",
            "1:the window could not open (no display, or a failure whose details are in the log file)",
            "2:bad input: an unknown command or option, a missing or broken preset file"},
        subcommands = {RunCommand.class, CompareCommand.class, SweepCommand.class, PresetsCommand.class, CommandLine.HelpCommand.class,
                picocli.AutoComplete.GenerateCompletion.class})
public final class BackflowCli {

    /** Runs the command line and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new BackflowCli());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(RunCommand.errorHandler());
        cmd.getSubcommands().get("run").setExecutionExceptionHandler(RunCommand.errorHandler());
        cmd.getSubcommands().get("compare").setExecutionExceptionHandler(RunCommand.errorHandler());
        cmd.getSubcommands().get("sweep").setExecutionExceptionHandler(RunCommand.errorHandler());
        cmd.getSubcommands().get("presets").setExecutionExceptionHandler(RunCommand.errorHandler());
        cmd.getSubcommands().get("presets").getSubcommands().values()
                .forEach(sub -> sub.setExecutionExceptionHandler(RunCommand.errorHandler()));
        cmd.setParameterExceptionHandler(BackflowCli::refuse);
        return cmd.execute(sides(args));
    }

    /**
     * Bad input: the one-line reason and a pointer to the command's help, never its whole usage
     * (which buried the reason under 35 to 75 lines). Exit 2, nothing started.
     */
    private static int refuse(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            CommandLine.UnmatchedArgumentException.printSuggestions(u, err);
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more.");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * A side of {@code compare} may be options alone, in one argument ({@code "--capacity 5
     * --policy reject"}): picocli would take it for an option because it starts with a dash. An
     * argument after {@code compare} that starts with a dash and holds a space is such a side,
     * so it is passed on with a leading space (compare splits a side into words and drops it).
     * A one-word typo like {@code --durration} stays an unknown option.
     */
    static String[] sides(String[] args) {
        String[] out = args.clone();
        boolean compare = false;
        for (int i = 0; i < out.length; i++) {
            if (compare && out[i].startsWith("-") && out[i].strip().contains(" ")) {
                out[i] = " " + out[i];
            }
            compare |= out[i].equals("compare");
        }
        return out;
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
