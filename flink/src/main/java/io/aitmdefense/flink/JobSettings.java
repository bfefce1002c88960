package io.aitmdefense.flink;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.events.Event;
import io.aitmdefense.flink.detect.TenantFile;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the job runs its detections. {@code outOfOrderness}: the watermark trails the newest event by this much (the tenant
 * file's {@code engine.allowedLateness}, as in the local engine), so within it arrival order does not change the alerts;
 * {@code lateness}: an event up to this much behind the watermark is still processed (its alerts may then differ from
 * an in-order run), later ones go to the late-events output; {@code idleness}: a partition silent this long stops holding
 * the watermark back.
 */
public record JobSettings(TenantFile tenants, Duration outOfOrderness, Duration lateness, Duration idleness) implements Serializable {

    public JobSettings {
        if (outOfOrderness.isNegative()) throw new IllegalArgumentException("out-of-orderness is negative: " + outOfOrderness);
        if (lateness.isNegative()) throw new IllegalArgumentException("lateness is negative: " + lateness);
        if (idleness.isNegative() || idleness.isZero()) throw new IllegalArgumentException("idleness must be positive: " + idleness);
    }

    /** The tenant file's {@code engine.allowedLateness} as out-of-orderness, no extra lateness, a minute's idleness. */
    public static JobSettings of(TenantFile tenants) {
        DetectConfig config = tenants.config();
        return new JobSettings(tenants, config.allowedLateness(), Duration.ZERO, Duration.ofMinutes(1));
    }

    public JobSettings withLateness(Duration d) {
        return new JobSettings(tenants, outOfOrderness, d, idleness);
    }

    public JobSettings withOutOfOrderness(Duration d) {
        return new JobSettings(tenants, d, lateness, idleness);
    }

    /** Event time from each event's own time; the watermark {@link #outOfOrderness} behind the newest. */
    public WatermarkStrategy<Event> watermarks() {
        return WatermarkStrategy.<Event>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((e, previous) -> e.time().toEpochMilli())
                .withIdleness(idleness);
    }
}
