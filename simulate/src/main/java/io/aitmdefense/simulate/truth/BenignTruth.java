package io.aitmdefense.simulate.truth;

import java.util.List;
import java.util.Map;

/** The benign population: users per persona, every user's persona, and counts of the hard benign cases generated. */
public record BenignTruth(Map<String, Long> personas, Map<String, Long> hardCases, List<UserPersona> users) {

    public record UserPersona(String userPrincipalName, String persona) {
    }
}
