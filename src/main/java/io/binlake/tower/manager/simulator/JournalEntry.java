package io.binlake.tower.manager.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.manager.ManagerRoute;

/**
 * One request the simulator received.
 *
 * @param path       the request path as sent
 * @param route      the route it resolved to, null for 404 and redirects
 * @param request    the decoded MetaData JSON, null when the body could not be decoded
 * @param httpStatus the HTTP status answered
 * @param code       the manager code answered (1000 also for a slave/status MetaData), 0 when the answer was an HTTP
 *                   error
 * @param message    the manager message answered
 */
public record JournalEntry(String path, ManagerRoute route, JsonNode request, int httpStatus, int code, String message) {
}
