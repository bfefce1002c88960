package io.aitmdefense.flink.io;

/** One message as a source delivers it: where it came from ({@code topic/partition@offset}, a file) and its JSON text. */
public record Message(String where, String value) {
}
