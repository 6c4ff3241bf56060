package io.binlake.tower.manager;

import java.util.Map;

/** The manager answered, with a code other than success (contract §3.2). */
public final class ManagerRefusedException extends ManagerException {

    private static final Map<Integer, String> CODE_NAMES = Map.ofEntries(
            Map.entry(1, "FAILURE"),
            Map.entry(102, "ZK_NODE_CREATE_FAILURE"),
            Map.entry(103, "ZK_NODE_UPDATE_FAILURE"),
            Map.entry(104, "ZK_QUERY_FAILURE"),
            Map.entry(113, "UPDATE_INSTANCE_FAILURE"),
            Map.entry(115, "INSTANCE_NOT_EXIST"),
            Map.entry(118, "BIND_LEADERS_FAILURE"),
            Map.entry(126, "UPDATE_CANDIDATE_FAILURE"),
            Map.entry(127, "PROTOBUF_PARSE_ERROR"),
            Map.entry(128, "JSON_PARSE_ERROR"));

    private final int code;
    private final String managerMessage;

    public ManagerRefusedException(ManagerRoute route, String instance, int code, String managerMessage) {
        super(route, "BinLake manager refused " + route.path() + " for " + instance + ": code " + code
                + " (" + codeName(code) + ")" + (managerMessage == null || managerMessage.isEmpty() ? "" : ": " + managerMessage),
                null);
        this.code = code;
        this.managerMessage = managerMessage == null ? "" : managerMessage;
    }

    /** The manager's code, e.g. 115 when the instance does not exist. */
    public int code() {
        return code;
    }

    /** The manager's message, verbatim ({@code ""} when it sent none). */
    public String managerMessage() {
        return managerMessage;
    }

    /** The constant name of a manager code ({@code Constants.java}), or {@code UNKNOWN}. */
    public static String codeName(int code) {
        return CODE_NAMES.getOrDefault(code, "UNKNOWN");
    }
}
