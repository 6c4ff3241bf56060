package io.binlake.tower.dbs;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DBS {@code requestId}s. The original used Unix seconds, so two grants in one second collided (tower-spec §8.2.9).
 * Here: milliseconds since 2025-01-01 shifted left by 12 bits, plus 12 random bits, and strictly increasing within
 * this JVM. Several Tower nodes collide only when they draw the same 12 random bits in the same millisecond. The
 * value stays below 2^53 until about 2094, so a DBS that parses JSON numbers as doubles still reads it exactly.
 */
final class RequestIds {

    private static final long EPOCH_MILLIS = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final int RANDOM_BITS = 12;

    private final SecureRandom random = new SecureRandom();
    private final AtomicLong last = new AtomicLong();

    long next() {
        long candidate = ((System.currentTimeMillis() - EPOCH_MILLIS) << RANDOM_BITS) | random.nextInt(1 << RANDOM_BITS);
        return last.updateAndGet(previous -> Math.max(previous + 1, candidate));
    }
}
