package io.binlake.tower.common;

import java.util.Map;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/** Validated paging parameters: page from 0, size 1..200 (default 20). */
public final class Paging {
    public static final int MAX_SIZE = 200;

    private Paging() {
    }

    public static Pageable of(Integer page, Integer size, Sort sort) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0 || s < 1 || s > MAX_SIZE) {
            throw new TowerException(ErrorCode.VALIDATION_FAILED,
                    "page must be >= 0 and size between 1 and " + MAX_SIZE, Map.of("page", p, "size", s));
        }
        return PageRequest.of(p, s, sort);
    }

    /** Escapes LIKE wildcards so a user's search text matches literally (the original did not: tower-spec §8.1.9). */
    public static String likeContains(String text) {
        return "%" + escape(text) + "%";
    }

    public static String likePrefix(String text) {
        return escape(text) + "%";
    }

    private static String escape(String text) {
        String t = text == null ? "" : text.trim();
        return t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").toLowerCase(java.util.Locale.ROOT);
    }
}
