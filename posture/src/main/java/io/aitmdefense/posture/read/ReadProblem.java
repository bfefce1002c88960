package io.aitmdefense.posture.read;

/** Something wrong or questionable in an input: where (file, optionally :line or a JSON path) and why. */
public record ReadProblem(String location, String reason) {

    @Override
    public String toString() {
        return location + ": " + reason;
    }
}
