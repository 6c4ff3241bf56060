package io.binlake.tower.manager;

/** {@code Rule.storage}. The manager silently drops {@link #KV_STORAGE} rules (contract §2). */
public enum StorageType {
    MQ_STORAGE, KV_STORAGE
}
