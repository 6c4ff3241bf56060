package io.binlake.tower.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.instance.InstanceSpec;
import io.binlake.tower.request.RequestType;
import java.util.Map;
import org.springframework.stereotype.Component;

/** SET_BINLOG_POSITION (binlogFile, binlogPos, executedGtidSets): the dump restarts from there and ends ONLINE. */
@Component
class SetBinlogPositionCommand extends OperationCommand {
    SetBinlogPositionCommand(OperationRequests requests) {
        super(requests);
    }

    @Override
    public RequestType type() {
        return RequestType.SET_BINLOG_POSITION;
    }

    @Override
    Map<String, Object> payload(JsonNode payload, InstanceSpec instance, ClusterSpec cluster) {
        return Map.of(OperationProcess.BINLOG_FILE, OperationPayloads.binlogFile(payload),
                OperationProcess.BINLOG_POS, OperationPayloads.binlogPos(payload),
                OperationProcess.EXECUTED_GTID_SETS, OperationPayloads.executedGtidSets(payload));
    }
}
