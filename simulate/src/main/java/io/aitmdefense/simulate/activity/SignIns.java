package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.log.SignInRecord;
import io.aitmdefense.simulate.tenant.User;

import java.time.Instant;
import java.util.SplittableRandom;

/** Builds sign-in records with fresh ids; benign and attack traffic share it so they look alike where they should. */
final class SignIns {
    private SignIns() {
    }

    static SignInRecord of(SplittableRandom rng, Instant t, boolean interactive, User user, Session session, Egress egress,
                           Grant grant, SignInRecord.SignInRisk risk) {
        int error = grant.auth() == SignInRecord.Auth.KMSI_INTERRUPT ? 50140 : 0;
        return new SignInRecord(t, Lag.signIn(t, rng), interactive, user, Ids.guid(rng), Ids.guid(rng), session.id(),
                Ids.tokenId(rng), egress.ip(), egress.network(), egress.place(), session.device(), session.userAgent(),
                egress.namedLocations(), grant.app(), grant.auth(), error, grant.incomingTokenType(),
                grant.transferMethod(), grant.protocol(), grant.bound(), risk);
    }
}
