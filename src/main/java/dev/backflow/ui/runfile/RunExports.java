package dev.backflow.ui.runfile;

import dev.backflow.telemetry.RunHistory;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Saves what a run shows: the charts as a PNG at twice the screen's resolution (for slides), and
 * the time series and the events as CSV with the command line's columns. Files are written on the
 * file thread, to a temporary file first and then moved in place, so a full disk leaves no half
 * file behind and never blocks the window.
 */
public final class RunExports {

    /** How much larger than on screen the PNG is. */
    static final double PNG_SCALE = 2;

    private final RunHistory history;
    private final Executor files;

    public RunExports(RunHistory history, Executor files) {
        this.history = Objects.requireNonNull(history);
        this.files = Objects.requireNonNull(files);
    }

    /** Writes the time series as CSV to {@code to}. */
    public CompletableFuture<Path> series(Path to) {
        return CompletableFuture.supplyAsync(() -> write(to, history::writeSeries), files);
    }

    /** Writes the events as CSV to {@code to}. */
    public CompletableFuture<Path> events(Path to) {
        return CompletableFuture.supplyAsync(() -> write(to, history::writeEvents), files);
    }

    /** Writes {@code summary} (taken on the file thread) as JSON to {@code to}: the fields of {@code backflow run --json}. */
    public CompletableFuture<Path> summary(java.util.function.Supplier<dev.backflow.report.RunSummary> summary, Path to) {
        return CompletableFuture.supplyAsync(() -> write(to, out -> new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, summary.get())), files);
    }

    /** Writes the whole run ({@code run}, taken on the file thread) to {@code to}, for File → Open run. */
    public CompletableFuture<Path> run(java.util.function.Supplier<dev.backflow.report.RunFile> run, Path to) {
        return CompletableFuture.supplyAsync(() -> write(to, null, file -> {
            try (java.io.OutputStream out = Files.newOutputStream(file)) {
                run.get().write(out);
            }
        }), files);
    }

    /** Reads a recorded run from {@code from} on the file thread. */
    public CompletableFuture<dev.backflow.report.RunFile> open(Path from) {
        return CompletableFuture.supplyAsync(() -> {
            try (java.io.InputStream in = Files.newInputStream(from)) {
                return dev.backflow.report.RunFile.read(in, from.getFileName().toString());
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UncheckedIOException(new IOException(from + " does not exist", e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, files);
    }

    /** The run's series and events as CSV text (for a run file). */
    public static String text(TextBody body) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            body.write(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    /** Snapshots {@code charts} at {@link #PNG_SCALE}× (FX thread) and writes it as PNG to {@code to}. */
    public CompletableFuture<Path> png(Node charts, Path to) {
        SnapshotParameters p = new SnapshotParameters();
        p.setTransform(Transform.scale(PNG_SCALE, PNG_SCALE));
        p.setFill(background(charts)); // the theme on screen, not white under a dark theme's pale labels
        WritableImage image = charts.snapshot(p, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        return CompletableFuture.supplyAsync(() -> write(to, null, out -> {
            java.awt.image.BufferedImage png = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
            png.setRGB(0, 0, w, h, argb, 0, w);
            if (!ImageIO.write(png, "png", out.toFile())) {
                throw new IOException("no PNG writer is available");
            }
        }), files);
    }

    /**
     * The colour the window paints behind {@code node}: the first background fill found on it or
     * its parents (the theme's), or the scene's fill, or white. FX thread.
     */
    static javafx.scene.paint.Paint background(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.layout.Region r && r.getBackground() != null) {
                for (javafx.scene.layout.BackgroundFill f : r.getBackground().getFills()) {
                    if (f.getFill() instanceof javafx.scene.paint.Color c && c.getOpacity() > 0.99) {
                        return c;
                    }
                }
            }
        }
        if (node.getScene() != null && node.getScene().getFill() instanceof javafx.scene.paint.Color c && c.getOpacity() > 0.99) {
            return c;
        }
        return javafx.scene.paint.Color.WHITE;
    }

    public interface TextBody {
        void write(Writer out) throws IOException;
    }

    private interface FileBody {
        void write(Path file) throws IOException;
    }

    private static Path write(Path to, TextBody text) {
        return write(to, text, null);
    }

    /** A temporary file is private to its owner; a saved one is for sharing: readable by all, as other files. */
    private static void shareable(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // Windows and friends: the file keeps what the system gave it
        }
    }

    /** Writes to a temporary file beside {@code to}, then moves it in place. */
    private static Path write(Path to, TextBody text, FileBody file) {
        Path dir = to.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".backflow-export", ".tmp");
            if (text != null) {
                try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    text.write(out);
                }
            } else {
                file.write(tmp);
            }
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            shareable(to);
            return to;
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the message below is what matters
                }
            }
            if (e instanceof RuntimeException r) {
                throw r; // says itself what is wrong (there is no run yet, say)
            }
            throw new UncheckedIOException("Could not save " + to + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), (IOException) e);
        }
    }
}
