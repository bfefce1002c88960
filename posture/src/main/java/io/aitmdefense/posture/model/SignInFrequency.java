package io.aitmdefense.posture.model;

import java.time.Duration;
import java.util.Optional;

/** An enabled sign-in frequency control; {@code everyTime} carries no period. */
public record SignInFrequency(
        SignInFrequencyInterval interval,
        Optional<Duration> period,
        SignInFrequencyAuthenticationType authenticationType) {

    public boolean everyTime() {
        return interval == SignInFrequencyInterval.EVERY_TIME;
    }
}
