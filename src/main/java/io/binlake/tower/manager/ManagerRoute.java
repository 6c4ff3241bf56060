package io.binlake.tower.manager;

/** The manager's routes (contract §3). The trailing slash is part of each path: without it Jetty answers 302. */
public enum ManagerRoute {
    CREATE_ZNODES("/create/znodes/"),
    EXIST_NODE("/exist/node/"),
    REMOVE_NODE("/remove/node/"),
    SET_ONLINE("/set/online/"),
    SET_OFFLINE("/set/offline/"),
    SET_BINLOG("/set/binlog/"),
    SET_LEADER("/set/leader/"),
    SET_CANDIDATE("/set/candidate/"),
    SET_TERMINAL("/set/terminal/"),
    RESET_COUNTER("/reset/counter/"),
    SLAVE_STATUS("/slave/status/"),
    /** Always refused by the real manager (code 113); listed so the simulator answers it the same way. */
    SET_ADMIN("/set/admin/");

    private final String path;

    ManagerRoute(String path) {
        this.path = path;
    }

    /** The path with leading and trailing slash, e.g. {@code /set/online/}. */
    public String path() {
        return path;
    }
}
