package io.aitmdefense.flink.detect;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.incident.IncidentTracker;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentUpdate;
import io.aitmdefense.report.IncidentsJson;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Merges the alerts into incidents with the local engine's {@link IncidentTracker} and passes on every change. Runs as
 * one subtask: campaigns link users across the whole stream, and alerts are a trickle beside the events. The tracker's
 * own checkpoint ({@link IncidentTracker#checkpoint}) is this operator's state, so a restore keeps incident ids; an
 * alert replayed after a restore is a repeat (same id) and changes nothing. Incidents no alert can reach any more are
 * let go behind the watermark ({@link IncidentTracker#close}), so memory follows the active incidents.
 */
public final class IncidentFunction extends ProcessFunction<Alert, IncidentChange> implements CheckpointedFunction {
    private final TenantFile tenantFile;

    private transient IncidentTracker tracker;
    private transient List<IncidentUpdate> pending;
    private transient ListState<byte[]> checkpoint;
    private transient byte[] restored;
    private transient Instant closedAt;

    public IncidentFunction(TenantFile tenantFile) {
        this.tenantFile = tenantFile;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpoint = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("aitm-incident-tracker", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        if (context.isRestored()) {
            Iterator<byte[]> it = checkpoint.get().iterator();
            if (it.hasNext()) restored = it.next();
        }
    }

    @Override
    public void open(OpenContext context) throws Exception {
        DetectConfig config = tenantFile.config();
        var enrichment = TenantFile.enrichment(config, TenantFile.database(config), List.of());
        pending = new ArrayList<>();
        tracker = restored == null ? new IncidentTracker(config, enrichment, pending::add)
                : IncidentTracker.restore(restored, config, enrichment, pending::add);
        restored = null;
        closedAt = Instant.MIN;
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<IncidentChange> out) {
        tracker.accept(alert);
        for (IncidentUpdate u : pending) out.collect(change(u));
        pending.clear();
        long wm = ctx.timerService().currentWatermark();
        if (wm != Long.MIN_VALUE && Instant.ofEpochMilli(wm).isAfter(closedAt)) {
            closedAt = Instant.ofEpochMilli(wm);
            tracker.expire(closedAt);
            tracker.close(closedAt);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpoint.update(List.of(tracker.checkpoint()));
    }

    static IncidentChange change(IncidentUpdate u) {
        Incident i = u.incident();
        return new IncidentChange(i.id(), i.tenant(), i.userKey(), i.user(), i.severity().label(), i.start(), i.end(),
                u.changes().stream().map(Enum::name).sorted().toList(), IncidentsJson.incidentText(i));
    }
}
