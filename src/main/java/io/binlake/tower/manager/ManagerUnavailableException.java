package io.binlake.tower.manager;

/**
 * No usable answer from the manager: not reachable, timed out, redirected, HTTP error, or an answer that is neither
 * {@code {code,message}} JSON nor a decodable MetaData. Usually worth a retry; the request may or may not have been
 * applied (a timeout does not undo a write).
 */
public final class ManagerUnavailableException extends ManagerException {

    public ManagerUnavailableException(ManagerRoute route, String message, Throwable cause) {
        super(route, message, cause);
    }
}
