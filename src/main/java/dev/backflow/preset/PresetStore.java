package dev.backflow.preset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.LinkOption;
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


    private final Path dir;
    private final PresetCodec codec = new PresetCodec();
    private final AtomicFiles files = new AtomicFiles();
    private Lister lister = Files::newDirectoryStream;

    /** Lists a folder's files by a glob; replaceable in tests to fail like an unreadable folder. */
    @FunctionalInterface
    interface Lister {
        DirectoryStream<Path> list(Path folder, String glob) throws IOException;
    }

    /** For tests: how the folder is listed (e.g. to fail with "permission denied", which root never sees). */
    void useLister(Lister l) {
        lister = Objects.requireNonNull(l);
    }

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
    void useWriter(AtomicFiles.FileWriter w) {
        files.useWriter(w);
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
        return stored(broken).stream().map(Stored::preset).toList();
    }

    /** A person's preset and the file it is kept in. */
    private record Stored(Preset preset, Path file) {
    }

    /** {@link #list} with each preset's file. */
    private List<Stored> stored(List<String> broken) throws PresetException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Stored> out = new ArrayList<>();
        try (DirectoryStream<Path> files = lister.list(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                try {
                    out.add(new Stored(read(f), f));
                } catch (PresetException e) {
                    broken.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new PresetException("the presets folder " + dir + " cannot be read (" + AtomicFiles.reason(e) + ")", e);
        }
        out.sort(Comparator.comparing(p -> p.preset().name().toLowerCase(Locale.ROOT)));
        return out;
    }

    /** The file holding the person's preset called {@code name} (ignoring case), if there is one. */
    private Optional<Path> locate(String name) throws PresetException {
        String n = name.strip();
        return stored(new ArrayList<>()).stream().filter(e -> e.preset().name().equalsIgnoreCase(n))
                .map(Stored::file).findFirst();
    }

    /** Reads a preset file from anywhere. */
    public Preset read(Path file) throws PresetException {
        try {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            if (!Files.isRegularFile(file)) {
                // A device (/dev/zero never ends), a FIFO (blocks for ever) or a folder: never opened.
                throw new PresetException(file + " is not a regular file (" + kind(file)
                        + "); a preset is a .backflow.json file");
            }
            long size = Files.size(file);
            if (size > PresetCodec.MAX_BYTES) {
                throw new PresetException(file.getFileName() + " is " + String.format(Locale.ROOT, "%,d", size)
                        + " bytes; a preset file is at most 1 MB, so this is not one");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(PresetCodec.MAX_BYTES + 1); // bounded even if the file grows meanwhile
            }
            return codec.read(bytes, String.valueOf(file.getFileName()));
        } catch (NoSuchFileException e) {
            throw new PresetException("there is no file " + file, e);
        } catch (IOException e) {
            throw new PresetException(file + " cannot be read (" + AtomicFiles.reason(e) + ")", e);
        }
    }

    /** What kind of non-regular file {@code file} is, in words. */
    private static String kind(Path file) {
        if (Files.isDirectory(file)) {
            return "a folder";
        }
        try {
            String type = String.valueOf(Files.readAttributes(file, "unix:mode").get("mode"));
            int mode = Integer.parseInt(type) & 0170000;
            return switch (mode) {
                case 0010000 -> "a named pipe";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "not a plain file";
            };
        } catch (IOException | RuntimeException e) {
            return "not a plain file";
        }
    }

    /**
     * Finds a preset by name, a person's own first, then the built-ins. Names match ignoring
     * case; a short form also matches (the file name without its ending, as in
     * {@code first-tutorial}). An unreadable presets folder does not hide the built-ins; if the
     * name is not found there, the folder's problem is thrown (the preset may be in it).
     */
    public Optional<Preset> find(String name) throws PresetException {
        String n = name.strip();
        PresetException folderProblem = null;
        List<Preset> all = new ArrayList<>();
        try {
            all.addAll(list(new ArrayList<>()));
        } catch (PresetException e) {
            folderProblem = e;
        }
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
        Optional<Preset> bySlug = all.stream().filter(p -> safeFileName(p.name()).equals(slug)).findFirst();
        if (bySlug.isEmpty() && folderProblem != null) {
            throw folderProblem;
        }
        return bySlug;
    }

    /** The short names of the built-ins ({@code first-tutorial}, ...), in order. */
    public List<String> builtInShortNames() {
        return BuiltIns.FILES.stream().map(f -> f.substring(0, f.length() - SUFFIX.length())).toList();
    }

    /**
     * The file a person's preset of this name is kept in: the one that holds it, or, for a new
     * name, the first free file named after it ({@code my-lab.backflow.json}, then
     * {@code my-lab-2.backflow.json}, ...). Two presets never share a file, even when their
     * names make the same file name ("My Lab" and "my-lab!").
     */
    public Path fileFor(String name) throws PresetException {
        return fileFor(name, stored(new ArrayList<>()));
    }

    /** {@link #fileFor(String)} with the folder already read into {@code mine}. */
    private Path fileFor(String name, List<Stored> mine) {
        String n = name.strip();
        for (Stored s : mine) {
            if (s.preset().name().equalsIgnoreCase(n)) {
                return s.file();
            }
        }
        String stem = safeFileName(name);
        Path candidate = dir.resolve(stem + SUFFIX);
        for (int i = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); i++) {
            candidate = dir.resolve(stem + "-" + i + SUFFIX);
        }
        return candidate;
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
        List<Stored> mine = stored(new ArrayList<>()); // the folder, read once for both questions
        if (!replace) {
            for (Stored existing : mine) {
                if (existing.preset().name().equalsIgnoreCase(p.name())) {
                    throw new PresetException("a preset called \"" + existing.preset().name() + "\" already exists");
                }
            }
        }
        Path target = fileFor(p.name(), mine); // its own file, or a free one: never another preset's
        writeAtomically(target, codec.write(p));
        return target;
    }

    /** Deletes a person's preset. */
    public void delete(String name) throws PresetException {
        Path f = existingFile(name);
        try {
            Files.delete(f);
        } catch (IOException e) {
            throw new PresetException("\"" + name + "\" could not be deleted (" + AtomicFiles.reason(e) + ")", e);
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
        boolean sameFile = from.strip().equalsIgnoreCase(to.strip()) || locate(to).map(old::equals).orElse(false);
        if (sameFile) {
            writeAtomically(old, codec.write(renamed));
            return renamed;
        }
        save(renamed, false);
        if (!sameFile) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                throw new PresetException("renamed, but the old file " + old + " could not be removed (" + AtomicFiles.reason(e) + ")", e);
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

    /**
     * Writes a preset (built-in or own) to a file for someone else, atomically and with the
     * user's normal file mode (what their umask gives a new file, not the store's private 0600).
     * Only ever a regular file: a folder, a device, a pipe or a symbolic link at {@code file} is
     * refused, as is a folder that does not exist (none is created).
     *
     * @param overwrite whether an existing regular file may be replaced (the command's
     *                  {@code --force}; the window's file chooser has asked)
     * @throws PresetException saying why nothing was written
     */
    public void exportTo(Preset p, Path file, boolean overwrite) throws PresetException {
        if (Files.isSymbolicLink(file)) {
            throw new PresetException(file + " is a symbolic link; not replaced (export to the file it points to, "
                    + "or to a new name)");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new PresetException(file + " is not a regular file (" + kind(file) + "); nothing was written");
            }
            if (!overwrite) {
                throw new PresetException(file + " already exists; nothing was written (use --force to replace it)");
            }
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new PresetException("there is no folder " + folder + "; nothing was written (folders are not created)");
        }
        writeAtomically(file, codec.write(p), false);
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
        return locate(name).orElseThrow(() -> new PresetException("there is no preset called \"" + name + "\""));
    }

    private void writeAtomically(Path target, byte[] bytes) throws PresetException {
        files.write(target, bytes, true);
    }

    private void writeAtomically(Path target, byte[] bytes, boolean createFolder) throws PresetException {
        files.write(target, bytes, createFolder);
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
