package io.binlake.tower.request;

/** The message is not JSON at all: it goes to the dead-letter topic with this reason. */
public class UnparseableRequestException extends RuntimeException {
    public UnparseableRequestException(String reason) {
        super(reason);
    }
}
