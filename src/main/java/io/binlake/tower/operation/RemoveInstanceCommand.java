package io.binlake.tower.operation;

import io.binlake.tower.request.RequestType;
import org.springframework.stereotype.Component;

/** REMOVE_INSTANCE: stops the dump, removes the znodes and ends the instance in status removed. */
@Component
class RemoveInstanceCommand extends OperationCommand {
    RemoveInstanceCommand(OperationRequests requests) {
        super(requests);
    }

    @Override
    public RequestType type() {
        return RequestType.REMOVE_INSTANCE;
    }
}
