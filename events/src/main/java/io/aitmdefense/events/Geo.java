package io.aitmdefense.events;

/** Location as logged. Coordinates are NaN when the log has none. */
public record Geo(String city, String state, String country, double latitude, double longitude) {
    public static final Geo UNKNOWN = new Geo("", "", "", Double.NaN, Double.NaN);

    public boolean hasCoordinates() {
        return !Double.isNaN(latitude) && !Double.isNaN(longitude) && !(latitude == 0 && longitude == 0);
    }
}
