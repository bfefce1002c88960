package io.aitmdefense.flink.detect;

import io.aitmdefense.detect.engine.UserDirectory;
import io.aitmdefense.events.Event;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Gives each event the key the local engine would ({@link UserDirectory#keyOf}): the tenant and the lower-cased UPN,
 * or the object id for a record that carries no UPN. The directory learns UPN ↔ object id pairs from the events this
 * subtask sees; it runs chained to the source so that a partition's records meet one directory. Events naming no user
 * are dropped here, as the local engine ignores them.
 */
public final class UserKeying extends RichFlatMapFunction<Event, KeyedEvent> {
    private transient UserDirectory directory;

    @Override
    public void open(OpenContext context) {
        directory = new UserDirectory();
    }

    @Override
    public void flatMap(Event event, Collector<KeyedEvent> out) {
        directory.learn(event);
        UserDirectory.Identity who = directory.resolve(UserDirectory.identity(event));
        String key = directory.keyOf(who);
        if (key.isEmpty()) return;
        out.collect(new KeyedEvent(key, who.tenant(), directory.displayName(who.tenant(), key), event));
    }
}
