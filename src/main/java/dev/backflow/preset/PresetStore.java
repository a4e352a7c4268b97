package dev.backflow.preset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Built-in presets (read-only resources) and a person's own presets (files in a folder).
 *
 * <p>The folder follows each OS's convention: {@code $XDG_CONFIG_HOME/backflow/presets} (or
 * {@code ~/.config/backflow/presets}) on Linux, {@code ~/Library/Application Support/Backflow/presets}
 * on macOS, {@code %APPDATA%\Backflow\presets} on Windows. {@code --presets-dir}, the
 * {@code BACKFLOW_PRESETS_DIR} environment variable or the {@code backflow.presets.dir} system
 * property override it, in that order.
 *
 * <p>Writes are atomic (a temporary file in the same folder, then a rename), so a failed save
 * (full disk, no permission) leaves any existing preset as it was. A save never replaces an
 * existing preset unless asked to. File names are made safe from preset names.
 */
public final class PresetStore {

    /** File name ending of a preset. */
    public static final String SUFFIX = ".backflow.json";
    /** Environment variable naming the presets folder. */
    public static final String ENV = "BACKFLOW_PRESETS_DIR";
    /** System property naming the presets folder. */
    public static final String PROPERTY = "backflow.presets.dir";
    static final String BUILTIN_INDEX = "/dev/backflow/preset/builtin/index.txt";
    static final String LAST_USED = ".last-used";
    static final String THEME = ".theme";

    /** Writes bytes to a (temporary) file; replaceable in tests to simulate a full disk. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path file, byte[] bytes) throws IOException;
    }

    private final Path dir;
    private final PresetCodec codec = new PresetCodec();
    private FileWriter writer = Files::write;

    /** A store on {@code dir} (created when first written). */
    public PresetStore(Path dir) {
        this.dir = Objects.requireNonNull(dir);
    }

    /** The folder presets live in for this user, honouring the overrides. */
    public static Path defaultDir(Map<String, String> env, String osName, String home) {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : Path.of(home, "AppData", "Roaming");
            return base.resolve("Backflow").resolve("presets");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Backflow", "presets");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config");
        return base.resolve("backflow").resolve("presets");
    }

    /** The store for this user and machine. */
    public static PresetStore forUser() {
        return new PresetStore(defaultDir(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", ".")));
    }

    public Path dir() {
        return dir;
    }

    /** For tests: how temporary files are written (e.g. to fail like a full disk). */
    void useWriter(FileWriter w) {
        writer = Objects.requireNonNull(w);
    }

    // ---------------------------------------------------------------- built-ins

    /** The built-in presets, in their intended order. */
    public List<Preset> builtIns() {
        return BuiltIns.PRESETS;
    }

    /** Built-ins are read-only resources: read and checked once, on first use. */
    private static final class BuiltIns {
        static final List<String> FILES = readIndex();
        static final List<Preset> PRESETS = readAll();

        private static List<Preset> readAll() {
            PresetCodec codec = new PresetCodec();
            List<Preset> out = new ArrayList<>();
            for (String file : FILES) {
                try (InputStream in = PresetStore.class.getResourceAsStream("/dev/backflow/preset/builtin/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("built-in preset " + file + " is missing from the application");
                    }
                    out.add(codec.read(in.readAllBytes(), file));
                } catch (IOException | PresetException e) {
                    throw new IllegalStateException("built-in preset " + file + " is broken: " + e.getMessage(), e);
                }
            }
            return List.copyOf(out);
        }

        private static List<String> readIndex() {
            try (InputStream in = PresetStore.class.getResourceAsStream(BUILTIN_INDEX)) {
                if (in == null) {
                    throw new IllegalStateException("the built-in preset index is missing");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            } catch (IOException e) {
                throw new IllegalStateException("the built-in preset index cannot be read", e);
            }
        }
    }

    /** True if {@code name} is a built-in preset (case-insensitive). */
    public boolean isBuiltIn(String name) {
        return builtIns().stream().anyMatch(p -> p.name().equalsIgnoreCase(name.strip()));
    }

    // ---------------------------------------------------------------- a person's presets

    /**
     * A person's presets, sorted by name. Files that cannot be read are not listed; they are
     * reported in {@code broken} (one message each) and left untouched.
     */
    public List<Preset> list(List<String> broken) throws PresetException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Preset> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                try {
                    out.add(read(f));
                } catch (PresetException e) {
                    broken.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new PresetException("the presets folder " + dir + " cannot be read (" + reason(e) + ")", e);
        }
        out.sort(Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT)));
        return out;
    }

    /** Reads a preset file from anywhere. */
    public Preset read(Path file) throws PresetException {
        try {
            long size = Files.size(file);
            if (size > PresetCodec.MAX_BYTES) {
                throw new PresetException(file.getFileName() + " is " + String.format(Locale.ROOT, "%,d", size)
                        + " bytes; a preset file is at most 1 MB, so this is not one");
            }
            return codec.read(Files.readAllBytes(file), String.valueOf(file.getFileName()));
        } catch (NoSuchFileException e) {
            throw new PresetException("there is no file " + file, e);
        } catch (IOException e) {
            throw new PresetException(file + " cannot be read (" + reason(e) + ")", e);
        }
    }

    /**
     * Finds a preset by name, a person's own first, then the built-ins. Names match ignoring
     * case; a short form also matches (the file name without its ending, as in
     * {@code first-tutorial}).
     */
    public Optional<Preset> find(String name) throws PresetException {
        String n = name.strip();
        List<Preset> all = new ArrayList<>(list(new ArrayList<>()));
        all.addAll(builtIns());
        for (Preset p : all) {
            if (p.name().equalsIgnoreCase(n)) {
                return Optional.of(p);
            }
        }
        List<String> stems = builtInShortNames();
        for (int i = 0; i < stems.size(); i++) {
            if (stems.get(i).equalsIgnoreCase(n)) {
                return Optional.of(builtIns().get(i));
            }
        }
        String slug = safeFileName(n);
        return all.stream().filter(p -> safeFileName(p.name()).equals(slug)).findFirst();
    }

    /** The short names of the built-ins ({@code first-tutorial}, ...), in order. */
    public List<String> builtInShortNames() {
        return BuiltIns.FILES.stream().map(f -> f.substring(0, f.length() - SUFFIX.length())).toList();
    }

    /** The file a person's preset of this name is kept in. */
    public Path fileFor(String name) {
        return dir.resolve(safeFileName(name) + SUFFIX);
    }

    /**
     * Saves a person's preset.
     *
     * @param replace whether an existing preset of the same name may be replaced
     * @throws PresetException if it exists and {@code replace} is false, if the name belongs to a
     *         built-in, or if the folder cannot be written; an existing preset is then unchanged
     */
    public Path save(Preset p, boolean replace) throws PresetException {
        if (isBuiltIn(p.name())) {
            throw new PresetException("\"" + p.name() + "\" is a built-in preset; save yours under another name");
        }
        Path target = fileFor(p.name());
        if (!replace && Files.exists(target)) {
            throw new PresetException("a preset called \"" + p.name() + "\" already exists");
        }
        if (!replace) {
            for (Preset existing : list(new ArrayList<>())) {
                if (existing.name().equalsIgnoreCase(p.name())) {
                    throw new PresetException("a preset called \"" + existing.name() + "\" already exists");
                }
            }
        }
        writeAtomically(target, codec.write(p));
        return target;
    }

    /** Deletes a person's preset. */
    public void delete(String name) throws PresetException {
        Path f = existingFile(name);
        try {
            Files.delete(f);
        } catch (IOException e) {
            throw new PresetException("\"" + name + "\" could not be deleted (" + reason(e) + ")", e);
        }
    }

    /** Renames a person's preset; refuses to replace another one. */
    public Preset rename(String from, String to) throws PresetException {
        Path old = existingFile(from);
        Preset renamed;
        try {
            renamed = read(old).withName(to);
        } catch (IllegalArgumentException e) {
            throw new PresetException(e.getMessage());
        }
        boolean sameFile = fileFor(to).equals(old);
        save(renamed, sameFile);
        if (!sameFile) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                throw new PresetException("renamed, but the old file " + old + " could not be removed (" + reason(e) + ")", e);
            }
        }
        return renamed;
    }

    /** Copies a preset file into the store after checking it. */
    public Preset importFile(Path file, boolean replace) throws PresetException {
        Preset p = read(file);
        save(p, replace);
        return p;
    }

    /** Writes a preset (built-in or own) to any file, atomically. */
    public void exportTo(Preset p, Path file) throws PresetException {
        writeAtomically(file, codec.write(p));
    }

    /** The JSON text of a preset. */
    public String toJson(Preset p) {
        return new String(codec.write(p), StandardCharsets.UTF_8);
    }

    /** Remembers the last preset used, to restore at the next launch. Failure is not an error. */
    public void rememberLastUsed(String name) {
        try {
            writeAtomically(dir.resolve(LAST_USED), (name + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (PresetException ignored) {
            // Forgetting the last preset costs one click at the next launch; nothing to tell the user.
        }
    }

    /** Remembers the window's theme ("light" or "dark"). Failure is not an error. */
    public void rememberTheme(String theme) {
        try {
            writeAtomically(dir.resolve(THEME), (theme + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (PresetException ignored) {
            // Forgetting the theme costs one click at the next launch; nothing to tell the user.
        }
    }

    /** The theme last chosen, if any. */
    public Optional<String> theme() {
        try {
            String t = Files.readString(dir.resolve(THEME), StandardCharsets.UTF_8).strip();
            return t.isEmpty() ? Optional.empty() : Optional.of(t);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last preset used, if it still exists. */
    public Optional<Preset> lastUsed() {
        try {
            String name = Files.readString(dir.resolve(LAST_USED), StandardCharsets.UTF_8).strip();
            return name.isEmpty() ? Optional.empty() : find(name);
        } catch (IOException | PresetException e) {
            return Optional.empty();
        }
    }

    private Path existingFile(String name) throws PresetException {
        if (isBuiltIn(name)) {
            throw new PresetException("\"" + name + "\" is a built-in preset and cannot be changed");
        }
        Path f = fileFor(name);
        if (Files.exists(f)) {
            return f;
        }
        for (Preset p : list(new ArrayList<>())) {
            if (p.name().equalsIgnoreCase(name.strip())) {
                return fileFor(p.name());
            }
        }
        throw new PresetException("there is no preset called \"" + name + "\"");
    }

    private void writeAtomically(Path target, byte[] bytes) throws PresetException {
        Path folder = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(folder);
            tmp = Files.createTempFile(folder, ".saving-", ".tmp");
            writer.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file never replaced anything
                }
            }
            throw new PresetException(target.getFileName() + " could not be saved in " + folder + " (" + reason(e)
                    + "); nothing was changed", e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * A file name made from a preset name: lower case letters, digits and dashes only, never
     * empty, never a reserved Windows name, at most 60 characters.
     */
    public static String safeFileName(String name) {
        String ascii = Normalizer.normalize(name.strip(), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        if (slug.isEmpty() || slug.matches("con|prn|aux|nul|com[0-9]|lpt[0-9]")) {
            slug = "preset-" + Integer.toHexString(name.strip().hashCode());
        }
        return slug;
    }
}
