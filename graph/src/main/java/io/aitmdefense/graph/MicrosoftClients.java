package io.aitmdefense.graph;

import io.aitmdefense.graph.activity.ManagementActivityClient;
import io.aitmdefense.graph.auth.TokenProvider;
import io.aitmdefense.graph.auth.Tokens;
import io.aitmdefense.graph.config.Api;
import io.aitmdefense.graph.config.MicrosoftSettings;
import io.aitmdefense.graph.exchange.ExchangeAdminClient;
import io.aitmdefense.graph.http.HttpObserver;
import io.aitmdefense.graph.http.MicrosoftHttp;
import io.aitmdefense.graph.http.RetryPolicy;
import io.aitmdefense.graph.http.Sleeper;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The Microsoft clients of one tenant, sharing one token cache, one HTTP client and one retry policy:
 *
 * <pre>{@code MicrosoftClients ms = MicrosoftClients.builder(settings).observer(audit::attempt).build();
 * ms.graph().get("/users/jane@contoso.example?$select=accountEnabled");}</pre>
 */
public final class MicrosoftClients {
    private final MicrosoftSettings settings;
    private final TokenProvider tokens;
    private final MicrosoftHttp http;

    private MicrosoftClients(MicrosoftSettings settings, TokenProvider tokens, MicrosoftHttp http) {
        this.settings = settings;
        this.tokens = tokens;
        this.http = http;
    }

    public static MicrosoftClients connect(MicrosoftSettings settings) {
        return builder(settings).build();
    }

    public static Builder builder(MicrosoftSettings settings) {
        return new Builder(settings);
    }

    public MicrosoftSettings settings() {
        return settings;
    }

    public TokenProvider tokens() {
        return tokens;
    }

    public MicrosoftHttp http() {
        return http;
    }

    /** Microsoft Graph v1.0; {@code graph().beta()} for beta. */
    public GraphClient graph() {
        return new GraphClient(http, settings.endpoints().graph(), "v1.0", settings.scope(Api.GRAPH), GraphClient.DEFAULT_MAX_PAGES);
    }

    public ExchangeAdminClient exchange() {
        return new ExchangeAdminClient(http, settings.endpoints().exchange(), settings.tenantId(), settings.scope(Api.EXCHANGE));
    }

    public ManagementActivityClient management() {
        return new ManagementActivityClient(http, settings.endpoints().management(), settings.tenantId(),
                settings.scope(Api.MANAGEMENT), settings.publisherIdentifier());
    }

    @Override
    public String toString() {
        return "MicrosoftClients[tenant=" + settings.tenantId() + ", cloud=" + settings.cloud().key() + ", credential="
                + settings.credential().key() + "]";
    }

    public static final class Builder {
        private final MicrosoftSettings settings;
        private Optional<SSLContext> trust = Optional.empty();
        private RetryPolicy retry = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.REAL;
        private Clock clock = Clock.systemUTC();
        private HttpObserver observer = HttpObserver.NONE;
        private Optional<TokenProvider> tokens = Optional.empty();

        private Builder(MicrosoftSettings settings) {
            this.settings = settings;
        }

        /** TLS trust other than the JDK's: a TLS-inspecting proxy's root, or a local stand-in's own certificate. */
        public Builder trust(SSLContext context) {
            this.trust = Optional.of(context);
            return this;
        }

        public Builder retry(RetryPolicy policy) {
            this.retry = policy;
            return this;
        }

        public Builder sleeper(Sleeper s) {
            this.sleeper = s;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder observer(HttpObserver o) {
            this.observer = o;
            return this;
        }

        /** Tokens from elsewhere instead of the tenant file's credential. */
        public Builder tokens(TokenProvider t) {
            this.tokens = Optional.of(t);
            return this;
        }

        public MicrosoftClients build() {
            HttpClient.Builder hb = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .followRedirects(HttpClient.Redirect.NEVER);
            trust.ifPresent(hb::sslContext);
            TokenProvider t = tokens.orElseGet(() -> Tokens.from(settings, trust, clock));
            return new MicrosoftClients(settings, t, new MicrosoftHttp(hb.build(), t, retry, sleeper, clock, observer));
        }
    }
}
