package dev.backflow.cli;

import dev.backflow.preset.Preset;
import dev.backflow.preset.PresetException;
import dev.backflow.preset.PresetStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code backflow presets list|show|export|import}. */
@Command(name = "presets", mixinStandardHelpOptions = true, description = "Lists, shows, exports and imports presets.")
final class PresetsCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--presets-dir", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Folder of your presets (default: the per-user folder; or $" + PresetStore.ENV + ").")
    Path presetsDir;

    PresetStore store() {
        return presetsDir != null ? new PresetStore(presetsDir) : PresetStore.forUser();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "list", description = "Lists built-in presets and yours.")
    int list() throws PresetException {
        PresetStore store = store();
        PrintWriter out = out();
        out.println("Built-in:");
        List<Preset> builtIns = store.builtIns();
        List<String> shortNames = store.builtInShortNames();
        for (int i = 0; i < builtIns.size(); i++) {
            out.printf("  %-26s %s%n", shortNames.get(i), builtIns.get(i).name());
        }
        List<String> broken = new ArrayList<>();
        List<Preset> mine = store.list(broken);
        out.println("Yours (" + store.dir() + "):");
        if (mine.isEmpty()) {
            out.println("  (none yet)");
        }
        for (Preset p : mine) {
            out.println("  " + p.name());
        }
        out.flush();
        for (String b : broken) {
            spec.commandLine().getErr().println("backflow: skipped a preset file: " + b);
        }
        return 0;
    }

    @Command(name = "show", description = "Prints a preset as JSON.")
    int show(@Parameters(paramLabel = "NAME") String name) throws PresetException {
        PresetStore store = store();
        out().print(store.toJson(find(store, name)));
        out().flush();
        return 0;
    }

    @Command(name = "export", description = {"Writes a preset to a new file, readable by others as your other files are.",
            "An existing file is kept unless --force is given; only a regular file is ever written, and no folder is created."})
    int export(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "FILE") Path file,
               @Option(names = "--force", description = "Replace FILE if it exists (a regular file only).") boolean force)
            throws PresetException {
        PresetStore store = store();
        store.exportTo(find(store, name), file, force);
        out().println("Exported \"" + name + "\" to " + file);
        out().flush();
        return 0;
    }

    @Command(name = "import", description = "Checks a preset file and adds it to your presets.")
    int importFile(@Parameters(paramLabel = "FILE") Path file,
                   @Option(names = "--replace", description = "Replace a preset of the same name.") boolean replace)
            throws PresetException {
        Preset p = store().importFile(file, replace);
        out().println("Imported \"" + p.name() + "\"");
        out().flush();
        return 0;
    }

    static Preset find(PresetStore store, String name) throws PresetException {
        java.util.Optional<Preset> found = store.find(name);
        if (found.isPresent()) {
            return found.get();
        }
        List<String> known = new ArrayList<>(store.builtInShortNames());
        List<String> broken = new ArrayList<>();
        store.list(broken).forEach(p -> known.add(p.name()));
        // The one asked for may be a file that cannot be read: say so rather than only "no such preset".
        String unreadable = broken.isEmpty() ? "" : " (" + (broken.size() == 1 ? "a preset file" : broken.size() + " preset files")
                + " in " + store.dir() + " could not be read; the first: " + broken.get(0) + ")";
        throw new PresetException("there is no preset called \"" + name + "\"" + FrontDoor.suggestion(name.strip(), known)
                + "; `backflow presets list` shows them all" + unreadable);
    }
}
