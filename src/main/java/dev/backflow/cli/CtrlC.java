package dev.backflow.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl+C during a headless command: the shutdown hook asks the work to stop, then waits until the
 * command says its result has been written ({@link #close()}); the JVM exits only after the hook
 * returns, so the result is never lost. Open it around the work, in a try-with-resources.
 */
final class CtrlC implements AutoCloseable {

    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook;

    /**
     * @param stop        asks the work to stop (any thread)
     * @param waitSeconds how long the hook waits for the result before the JVM exits anyway
     */
    CtrlC(Runnable stop, long waitSeconds, String name) {
        hook = new Thread(() -> {
            stop.run();
            try {
                reported.await(waitSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The result has been written (or the command failed): a waiting hook may let the JVM exit. */
    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl+C: the hook is running and was waiting for the result, now written.
        }
    }
}
