package io.binlake.tower.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects every invalid field of a request so one 400 names them all, in the shape bean validation answers. */
public final class FieldErrors {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public void add(String field, String message) {
        fields.putIfAbsent(field, message);
    }

    public void throwIfAny() {
        if (!fields.isEmpty()) {
            throw new TowerException(ErrorCode.VALIDATION_FAILED,
                    "Invalid fields: " + String.join(", ", fields.keySet()), Map.of("fields", fields));
        }
    }
}
