package io.binlake.tower.manager;

import java.util.List;

/**
 * The {@code candidate} node content {@code {"host":[...]}}. In {@link MetaData} the same list travels as the bare
 * array {@code candidate}; this wrapper only exists in ZooKeeper (and so in the simulator).
 */
public record Candidate(List<String> host) {
}
