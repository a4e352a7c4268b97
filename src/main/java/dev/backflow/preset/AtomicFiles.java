package dev.backflow.preset;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes a file whole or not at all: the bytes go to a new file beside the target, which is then
 * renamed over it, so a full disk or a crash leaves the old file as it was. The preset store's
 * one way to write.
 */
public final class AtomicFiles {

    /** Writes bytes to a (temporary) file; replaceable in tests to simulate a full disk. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path file, byte[] bytes) throws IOException;
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private FileWriter writer = Files::write;

    /**
     * Writes {@code bytes} to {@code target} whole or not at all (a sweep, an export): the
     * folder must exist.
     *
     * @throws PresetException saying, in words, that nothing was changed and why
     */
    public static void writeWhole(Path target, byte[] bytes) throws PresetException {
        new AtomicFiles().write(target, bytes, false);
    }

    /** For tests: how temporary files are written (e.g. to fail like a full disk). */
    void useWriter(FileWriter w) {
        writer = Objects.requireNonNull(w);
    }

    /**
     * Writes {@code bytes} to a new file beside {@code target}, then renames it over
     * {@code target}: a failure leaves {@code target} as it was.
     *
     * @param createFolder whether the folder is created if missing (the store's own folder)
     */
    void write(Path target, byte[] bytes, boolean createFolder) throws PresetException {
        Path folder = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            if (createFolder) {
                Files.createDirectories(folder);
            }
            // Created with CREATE_NEW, so it gets the user's umask mode (createTempFile forces 0600).
            tmp = folder.resolve(".saving-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            Files.write(tmp, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

}
