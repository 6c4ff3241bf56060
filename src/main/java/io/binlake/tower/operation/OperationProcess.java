package io.binlake.tower.operation;

import java.util.Arrays;
import java.util.List;

/**
 * Names shared by bpmn/instance-operation.bpmn and its Java side: the process key, the variables and the operation
 * names the OPERATION_SUCCEEDED / OPERATION_FAILED events carry.
 */
final class OperationProcess {
    static final String KEY = "instance-operation";
    /** The onboarding process; an instance runs one of the two at a time. */
    static final String LIFECYCLE_KEY = "instance-lifecycle";
    /** BPMN error of a step that the manager's state makes pointless to retry (the boundary event's error code). */
    static final String REFUSED = "OPERATION_REFUSED";

    static final String INSTANCE_ID = "instanceId";
    static final String REQUEST_ID = "requestId";
    static final String REQUESTED_BY = "requestedBy";
    static final String OPERATION = "operation";
    static final String BINLOG_FILE = "binlogFile";
    static final String BINLOG_POS = "binlogPos";
    static final String EXECUTED_GTID_SETS = "executedGtidSets";
    static final String WITH_GTID = "withGtid";
    static final String LEADER = "leader";
    static final String CANDIDATES = "candidates";
    static final String TOPIC_DROPPED = "topicDropped";
    static final String DROPPED_TOPICS = "droppedTopics";
    static final String REFUSAL_REASON = "refusalReason";

    /** Steps of the multi-step operations report under these names; the last step reports the request type. */
    static final String STEP_SET_OFFLINE = "SET_OFFLINE";
    static final String STEP_REMOVE_NODE = "REMOVE_NODE";
    static final String STEP_CREATE_ZNODES = "CREATE_ZNODES";
    static final String STEP_READ_DUMP_STATUS = "READ_DUMP_STATUS";

    private OperationProcess() {
    }

    /** Wave IPs travel as one comma-separated string variable: readable in Cockpit, no Java serialisation. */
    static String joinIps(List<String> ips) {
        return String.join(",", ips);
    }

    static List<String> splitIps(String joined) {
        return joined == null || joined.isBlank() ? List.of()
                : Arrays.stream(joined.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
