package io.binlake.tower.request;

/**
 * Runs one type of request. Implementations live with the feature they drive (the lifecycle's onboarding and DBS
 * decision); they run inside the handler's transaction and refuse with a TowerException, which rolls everything back.
 */
public interface RequestCommand {
    RequestType type();

    /** The instance the request is about (for event keys), before anything runs; null when not known yet. */
    String instanceIdOf(TowerRequest request);

    Result execute(TowerRequest request, RequestSource source);

    record Result(String instanceId, String processInstanceId, String message) {
    }
}
