package io.binlake.tower.request;

/** The request types of the Kafka contract (DESIGN.md). */
public enum RequestType {
    ONBOARD_INSTANCE, UPDATE_RULES, SET_ONLINE, SET_OFFLINE, SET_BINLOG_POSITION, SET_LEADER, SET_CANDIDATES,
    RESET_COUNTER, REMOVE_INSTANCE, DBS_DECISION
}
