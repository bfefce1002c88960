package io.aitmdefense.events.read.map;

import io.aitmdefense.events.LogId;
import io.aitmdefense.events.codec.ValueMemo;
import io.aitmdefense.events.read.row.Field;
import io.aitmdefense.events.read.row.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A diagnostic-settings record seen as one row: its {@code properties} first, then the envelope fields
 * ({@code time}, {@code tenantId}, {@code callerIpAddress}, {@code resultType} …) where properties lack them.
 */
final class LayeredRow implements Row {
    private final Row inner, outer;

    LayeredRow(Row inner, Row outer) {
        this.inner = inner;
        this.outer = outer;
    }

    private Row pick(Field f) {
        return inner.has(f) ? inner : outer;
    }

    @Override
    public boolean has(Field f) {
        return inner.has(f) || outer.has(f);
    }

    @Override
    public String text(Field f) {
        return pick(f).text(f);
    }

    @Override
    public LogId id(Field f) {
        return pick(f).id(f);
    }

    @Override
    public Row object(Field f) {
        return pick(f).object(f);
    }

    @Override
    public List<Row> objects(Field f) {
        return pick(f).objects(f);
    }

    @Override
    public List<Row> objectsWhere(Field f, Field key, Predicate<String> keep) {
        return pick(f).objectsWhere(f, key, keep);
    }

    @Override
    public <T> T memoized(Field f, ValueMemo<T> memo, Function<Row, T> read) {
        Row from = pick(f);
        // the envelope's own rows know their bytes; the read still sees the layered row (it reads field f alone)
        return from.memoized(f, memo, unused -> read.apply(this));
    }

    @Override
    public List<String> strings(Field f) {
        return pick(f).strings(f);
    }

    @Override
    public List<String> names() {
        List<String> n = new ArrayList<>(inner.names());
        n.addAll(outer.names());
        return n;
    }
}
