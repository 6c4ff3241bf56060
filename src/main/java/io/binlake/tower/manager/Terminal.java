package io.binlake.tower.manager;

import java.util.List;

/**
 * The {@code terminal} node: where the wave stops dumping this instance (reshard) and which instances it then sets
 * ONLINE.
 *
 * @param newHost instance keys {@code host:port} under the same meta root
 */
public record Terminal(String binlogFile, long binlogPos, String gtid, List<String> newHost) {
}
