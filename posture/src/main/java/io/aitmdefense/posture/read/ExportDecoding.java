package io.aitmdefense.posture.read;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Turns export bytes into text. Full-fidelity beta exports are UTF-16LE with a BOM; some tools write UTF-8 with a BOM;
 * a BOM-less UTF-16 file is recognised by its zero bytes.
 */
final class ExportDecoding {

    private ExportDecoding() {
    }

    static String decode(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        Charset guessed = bomlessUtf16(bytes);
        return new String(bytes, guessed);
    }

    private static Charset bomlessUtf16(byte[] bytes) {
        if (bytes.length >= 4 && bytes[1] == 0 && bytes[3] == 0 && bytes[0] != 0) return StandardCharsets.UTF_16LE;
        if (bytes.length >= 4 && bytes[0] == 0 && bytes[2] == 0 && bytes[1] != 0) return StandardCharsets.UTF_16BE;
        return StandardCharsets.UTF_8;
    }
}
