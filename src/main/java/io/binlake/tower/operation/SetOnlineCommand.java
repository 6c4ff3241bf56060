package io.binlake.tower.operation;

import io.binlake.tower.request.RequestType;
import org.springframework.stereotype.Component;

/** SET_ONLINE: the dump (re)starts; the manager always rewrites the node, so the wave restarts. */
@Component
class SetOnlineCommand extends OperationCommand {
    SetOnlineCommand(OperationRequests requests) {
        super(requests);
    }

    @Override
    public RequestType type() {
        return RequestType.SET_ONLINE;
    }
}
