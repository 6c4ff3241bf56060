package io.binlake.tower.topic;

/** How the wave keys and partitions a topic's messages: the manager's OrderType names (contract §2). */
enum OrderType {
    NO_ORDER, BUSINESS_KEY_ORDER, TABLE_ORDER, TRANSACTION_ORDER, DB_ORDER, INSTANCE_ORDER
}
