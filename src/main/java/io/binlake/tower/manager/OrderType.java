package io.binlake.tower.manager;

/** {@code MQRule.order}: how the wave keys/partitions the messages of a topic. */
public enum OrderType {
    NO_ORDER, BUSINESS_KEY_ORDER, TABLE_ORDER, TRANSACTION_ORDER, DB_ORDER, INSTANCE_ORDER
}
