package io.binlake.tower.operation;

/**
 * A step that must not run in the node's current state, where retrying cannot help: the process ends on its
 * "refused" path with the reason, instead of becoming an incident.
 */
class OperationRefusedException extends RuntimeException {
    OperationRefusedException(String message) {
        super(message);
    }
}
