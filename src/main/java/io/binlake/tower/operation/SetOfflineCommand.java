package io.binlake.tower.operation;

import io.binlake.tower.request.RequestType;
import org.springframework.stereotype.Component;

/** SET_OFFLINE: the dump stops; the instance stays online in Tower and SET_ONLINE resumes it. */
@Component
class SetOfflineCommand extends OperationCommand {
    SetOfflineCommand(OperationRequests requests) {
        super(requests);
    }

    @Override
    public RequestType type() {
        return RequestType.SET_OFFLINE;
    }
}
