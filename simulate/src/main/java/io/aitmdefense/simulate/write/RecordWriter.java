package io.aitmdefense.simulate.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.aitmdefense.simulate.log.LogRecord;

import java.io.IOException;

/** Writes one record as one JSON object in a format's spelling; framing (envelopes, pages, arrays) is not its job. */
interface RecordWriter {
    void write(JsonGenerator g, LogRecord r) throws IOException;
}
