package io.aitmdefense.simulate.tenant;

/** Where a network egress or a user sits, as Entra geolocates it; {@code utcOffset} drives working hours. */
public record Place(String city, String state, String country, double latitude, double longitude, int utcOffset) {

    public static final Place NEW_YORK = new Place("New York", "New York", "US", 40.7128, -74.006, -5);
    public static final Place CHICAGO = new Place("Chicago", "Illinois", "US", 41.8781, -87.6298, -6);
    public static final Place SEATTLE = new Place("Seattle", "Washington", "US", 47.6062, -122.3321, -8);
    public static final Place LONDON = new Place("London", "England", "GB", 51.5072, -0.1276, 0);
    public static final Place FRANKFURT = new Place("Frankfurt am Main", "Hessen", "DE", 50.1109, 8.6821, 1);
    public static final Place BERLIN = new Place("Berlin", "Berlin", "DE", 52.52, 13.405, 1);
    public static final Place PARIS = new Place("Paris", "Ile-de-France", "FR", 48.8566, 2.3522, 1);
    public static final Place AMSTERDAM = new Place("Amsterdam", "Noord-Holland", "NL", 52.3676, 4.9041, 1);
    public static final Place ASHBURN = new Place("Ashburn", "Virginia", "US", 39.0438, -77.4874, -5);
    public static final Place DUBLIN = new Place("Dublin", "Dublin", "IE", 53.3498, -6.2603, 0);
    public static final Place SINGAPORE = new Place("Singapore", "Singapore", "SG", 1.3521, 103.8198, 8);
    public static final Place BUCHAREST = new Place("Bucharest", "Bucuresti", "RO", 44.4268, 26.1025, 2);
}
