package io.aitmdefense.model.incident;

import java.util.List;

/** One piece of attacker infrastructure that links the users of a campaign. */
public record SharedIndicator(Kind kind, String value, String label, List<String> users) {

    public enum Kind {
        IP("IP address"), ASN("hosting network"), USER_AGENT("user agent"), SESSION("session id");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
