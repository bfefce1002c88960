package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.log.SignInRecord.Auth;
import io.aitmdefense.simulate.log.SignInRecord.SignInRisk;
import io.aitmdefense.simulate.tenant.App;
import io.aitmdefense.simulate.tenant.Networks;
import io.aitmdefense.simulate.tenant.Persona;
import io.aitmdefense.simulate.tenant.User;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benign traffic that looks most like the newer token techniques: administrators and developers signing in to
 * Visual Studio Code at their laptop and having the token refreshed minutes later by their cloud dev box (Microsoft
 * Dev Box / Codespaces egress from Azure), and Azure CLI trading its family refresh token for Azure Resource Manager,
 * Key Vault and Graph within minutes from the laptop's own line. Their own networks and habits, every working day.
 */
final class DeveloperDay {
    private DeveloperDay() {
    }

    /** Who works like this: administrators and one in seven of the others who work on a laptop. */
    static boolean developer(User u) {
        return u.persona() != Persona.MOBILE_SALES && u.persona() != Persona.VDI_USER && (u.admin() || u.index() % 7 == 3);
    }

    static void generate(User u, int day, BenignDay.LaptopDay laptop, long seed, RecordSink sink, HardCases hard) {
        if (!developer(u)) return;
        SplittableRandom rng = Ids.stream(seed, 41, u.index(), day);
        Egress line = laptop.egress();
        Session session = laptop.session();
        Instant t = BenignDay.between(laptop.from(), laptop.to().minusSeconds(3600), rng);
        // VS Code: the interactive sign-in on the laptop, then the dev box refreshing the token it was handed
        sink.add(SignIns.of(rng, t, true, u, session, line, Grant.interactive(TradecraftRun.VS_CODE, Auth.PRT_WITH_MFA_CLAIM,
                "primaryRefreshToken", false), SignInRisk.NONE));
        Egress devbox = new Egress(Networks.MICROSOFT.randomV4(new SplittableRandom(u.index())), Networks.MICROSOFT,
                Networks.MICROSOFT.place(), List.of());
        Instant refreshed = Clock.plusMinutes(t, 2 + rng.nextInt(15), rng);
        sink.add(SignIns.of(rng, refreshed, false, u, session, devbox, Grant.refresh(TradecraftRun.VS_CODE, "refreshToken", false),
                SignInRisk.NONE));
        hard.add(HardCases.DEVBOX_TOKEN_REFRESHES);
        // Azure CLI on the laptop: one family refresh token, three resources in minutes
        Instant cli = Clock.plusMinutes(t, 20 + rng.nextInt(60), rng);
        for (App app : List.of(TradecraftRun.AZURE_CLI_TO_ARM, TradecraftRun.AZURE_CLI_TO_KEY_VAULT, TradecraftRun.OFFICE_TO_GRAPH)) {
            sink.add(SignIns.of(rng, cli, false, u, session, line, Grant.refresh(app, "refreshToken", false), SignInRisk.NONE));
            cli = Clock.plusMinutes(cli, 0.5 + rng.nextDouble() * 2, rng);
        }
        hard.add(HardCases.AZURE_CLI_RESOURCE_BURSTS);
    }
}
