package io.aitmdefense.events.codec;

import io.aitmdefense.events.LogId;
import io.aitmdefense.events.RandomIds;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Builds any event-model record with seeded random values for every component, found by reflection, so that a
 * component added to the model is generated (and must survive the codec) without anyone touching the test.
 * Strings, numbers and lists are never empty or zero and booleans vary by seed, so a default never hides a forgotten field.
 */
final class RandomRecords {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .:@-_/é€𝄞ü中";

    private final Random random;

    RandomRecords(long seed) {
        this.random = new Random(seed);
    }

    /** A record of the given class, or of a random permitted subclass for a sealed interface. */
    <T> T of(Class<T> type) {
        return type.cast(value(type));
    }

    private Object value(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                int n = 1 + random.nextInt(3);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(value(args[0]));
                return List.copyOf(list);
            }
            if (raw == Map.class) {
                int n = 1 + random.nextInt(3);
                Map<Object, Object> map = new LinkedHashMap<>();
                while (map.size() < n) map.put(value(args[0]), value(args[1]));
                return map;
            }
            if (raw == Optional.class) return Optional.of(value(args[0]));
            throw new IllegalArgumentException("no generator for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) return string();
        if (c == LogId.class) return LogId.of(RandomIds.text(random));
        if (c == int.class) return random.nextBoolean() ? 1 + random.nextInt(100_000) : -1 - random.nextInt(1000);
        if (c == long.class) return 1 + (random.nextLong() >>> 1);
        if (c == double.class) return random.nextBoolean() ? Double.NaN : -180 + 360 * random.nextDouble() + 1e-9;
        if (c == boolean.class) return random.nextBoolean();
        if (c == Instant.class) {
            return Instant.ofEpochSecond(1_600_000_000L + random.nextInt(200_000_000), 1 + random.nextInt(999_999_999));
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (c.isSealed()) {
            Class<?>[] subs = c.getPermittedSubclasses();
            return value(subs[random.nextInt(subs.length)]);
        }
        if (c.isRecord()) return record(c);
        throw new IllegalArgumentException("no generator for " + c);
    }

    private String string() {
        int n = 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 20);
        StringBuilder b = new StringBuilder(n);
        int[] cps = ALPHABET.codePoints().toArray();
        for (int i = 0; i < n; i++) b.appendCodePoint(cps[random.nextInt(cps.length)]);
        return b.toString();
    }

    private Object record(Class<?> c) {
        RecordComponent[] components = c.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = value(components[i].getGenericType());
        }
        try {
            Constructor<?> canonical = c.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + c, e);
        }
    }
}
