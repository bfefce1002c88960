package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.UserAction;

/** What a sign-in asks for: a resource, a user action, or an authentication context requested by an app. */
public sealed interface Access {
    String label();

    record Resource(Target target) implements Access {
        @Override
        public String label() {
            return target.label();
        }
    }

    record Action(UserAction action) implements Access {
        @Override
        public String label() {
            return action.graphName();
        }
    }

    record AuthContext(String contextId) implements Access {
        @Override
        public String label() {
            return "auth context " + contextId;
        }
    }
}
