package io.aitmdefense.events;

import java.util.Locale;

/** The one rule for turning a user's UPN and object id into the key detections group by. */
public final class Users {
    private Users() {
    }

    public static String key(String upn, String objectId) {
        if (!upn.isEmpty() && upn.indexOf('@') > 0) return upn.toLowerCase(Locale.ROOT);
        if (!objectId.isEmpty()) return objectId.toLowerCase(Locale.ROOT);
        return upn.toLowerCase(Locale.ROOT);
    }
}
