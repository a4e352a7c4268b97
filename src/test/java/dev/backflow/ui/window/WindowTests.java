package dev.backflow.ui.window;

import dev.backflow.engine.Engine;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the window tests share: reading on the FX thread, and closing a window with its run. */
final class WindowTests {

    private WindowTests() {
    }

    /** Evaluates {@code read} on the FX thread, which owns the scene graph and its lists. */
    static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** Closes {@code window} as the person would, and checks that every worker of its run ended. */
    static void close(MainWindow window, Engine engine) throws Exception {
        java.util.concurrent.CompletableFuture<Void> closed =
                WaitForAsyncUtils.asyncFx(() -> window.close()).get(10, TimeUnit.SECONDS);
        closed.get(30, TimeUnit.SECONDS);
        assertTrue(engine.awaitTermination(Duration.ofSeconds(5)));
    }
}
