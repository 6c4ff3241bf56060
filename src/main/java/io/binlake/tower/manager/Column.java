package io.binlake.tower.manager;

import java.util.List;

/** A column of a {@link Filter}'s white/black column list. */
public record Column(String name, List<String> value) {
}
