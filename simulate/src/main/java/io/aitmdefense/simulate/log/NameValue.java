package io.aitmdefense.simulate.log;

/** A {Name, Value} / {key, value} pair as Exchange parameters, operation properties and audit details log them. */
public record NameValue(String name, String value) {
}
