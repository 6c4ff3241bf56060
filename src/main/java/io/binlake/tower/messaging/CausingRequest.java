package io.binlake.tower.messaging;

import java.util.function.Supplier;

/**
 * The request whose handling is running on this thread, so events published deep inside (a status change in a
 * BPMN step) carry its requestId without every method passing it along.
 */
public final class CausingRequest {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private CausingRequest() {
    }

    public static String current() {
        return CURRENT.get();
    }

    public static <T> T with(String requestId, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(requestId);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public static void run(String requestId, Runnable work) {
        with(requestId, () -> {
            work.run();
            return null;
        });
    }
}
