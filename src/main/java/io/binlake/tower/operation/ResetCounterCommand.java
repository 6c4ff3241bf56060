package io.binlake.tower.operation;

import io.binlake.tower.request.RequestType;
import org.springframework.stereotype.Component;

/** RESET_COUNTER: zeroes the wave's retry and kill counters so a wave that gave up tries again. */
@Component
class ResetCounterCommand extends OperationCommand {
    ResetCounterCommand(OperationRequests requests) {
        super(requests);
    }

    @Override
    public RequestType type() {
        return RequestType.RESET_COUNTER;
    }
}
