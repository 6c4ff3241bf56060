package io.binlake.tower.common;

import java.util.Map;

/** A refusal with a catalogued code: answered as {code, message, details}, never as a stack trace. */
public class TowerException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> details;

    public TowerException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public TowerException(ErrorCode code, String message, Map<String, Object> details) {
        super(message);
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static TowerException notFound(ErrorCode code, String what) {
        return new TowerException(code, code.description() + " (" + what + ")", Map.of("id", what));
    }
}
