package io.binlake.tower.manager;

/** A key/value pair: Kafka producer property ({@code MQRule.para}) or fake column ({@code Filter.fakeColumn}). */
public record Pair(String key, String value) {
}
