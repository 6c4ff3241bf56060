package io.binlake.tower.manager;

/**
 * Which ZooKeeper ensemble and meta root a request is about. The manager has no ZooKeeper address of its own,
 * so every request carries one (contract §0.5).
 *
 * @param servers Curator connect string {@code h:p[,h:p][/chroot]}
 * @param path    meta root, must start with {@code /} (e.g. {@code /zk/wave3})
 */
public record ZK(String servers, String path) {
}
