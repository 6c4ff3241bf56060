package io.binlake.tower.manager;

/** A manager call that did not succeed. Unchecked: callers (BPMN delegates) let it surface as a retry/incident. */
public abstract sealed class ManagerException extends RuntimeException
        permits ManagerRefusedException, ManagerUnavailableException {

    private final ManagerRoute route;

    ManagerException(ManagerRoute route, String message, Throwable cause) {
        super(message, cause);
        this.route = route;
    }

    public ManagerRoute route() {
        return route;
    }
}
