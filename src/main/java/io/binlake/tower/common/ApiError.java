package io.binlake.tower.common;

import java.util.Map;

/** The JSON error body of every refused API call. {@code code} is an {@link ErrorCode} name. */
public record ApiError(String code, String message, Map<String, Object> details) {
    public static ApiError of(TowerException e) {
        return new ApiError(e.code().name(), e.getMessage(), e.details());
    }
}
