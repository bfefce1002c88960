package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.events.Device;

import java.util.Locale;

/**
 * Reads a client out of a user agent and the log's device detail: browser or app family (without version, so a
 * browser update is the same client), operating system family, and whether it is a browser, a native app or a
 * script. Detections compare clients with it to tell "another machine" from "the same laptop's other app".
 */
final class UserAgents {
    private UserAgents() {
    }

    enum Kind { BROWSER, APP, SCRIPT, UNKNOWN }

    /**
     * A client as far as the log shows it. {@code os} and {@code family} are "" when unknown; {@code deviceId} is ""
     * for an unregistered device.
     */
    record Client(String deviceId, String os, String family, Kind kind) {

        /** Both rows carry the same registered device: whatever the apps, it is one machine. */
        boolean sameDevice(Client o) {
            return !deviceId.isEmpty() && deviceId.equals(o.deviceId);
        }

        /** Two registered devices, or two known operating systems, that differ: another machine. */
        boolean otherMachine(Client o) {
            if (sameDevice(o)) return false;
            if (!deviceId.isEmpty() && !o.deviceId.isEmpty()) return true;
            return !os.isEmpty() && !o.os.isEmpty() && !os.equals(o.os);
        }

        /**
         * Another machine, another browser family (Chrome → Firefox), or a script where a browser or app was. A
         * browser beside a native app is not different: Outlook, Teams and OneDrive have their own agents on the
         * user's own device.
         */
        boolean differs(Client o) {
            if (sameDevice(o)) return false;
            if (otherMachine(o)) return true;
            if (kind == Kind.BROWSER && o.kind == Kind.BROWSER) {
                return !family.isEmpty() && !o.family.isEmpty() && !family.equals(o.family);
            }
            boolean known = kind != Kind.UNKNOWN && o.kind != Kind.UNKNOWN;
            return known && (kind == Kind.SCRIPT) != (o.kind == Kind.SCRIPT);
        }

        /** {@code Firefox on Linux}, {@code python-requests}, {@code unknown client}. */
        String label() {
            String what = family.isEmpty() ? (kind == Kind.UNKNOWN ? "unknown client" : "unknown " + kind.name().toLowerCase(Locale.ROOT)) : family;
            StringBuilder b = new StringBuilder(what);
            if (!os.isEmpty()) b.append(" on ").append(os);
            if (!deviceId.isEmpty()) b.append(" (device ").append(deviceId).append(')');
            return b.toString();
        }
    }

    /**
     * What a client is, apart from its device id: the same few agent strings recur on millions of sign-ins. Most rows
     * name no registered device, and their one client is shared: detections keep a client with every row they hold.
     */
    private record Shape(String os, String family, Kind kind, Client unregistered) {
        Shape(String os, String family, Kind kind) {
            this(os, family, kind, new Client("", os, family, kind));
        }
    }

    private record ShapeKey(String userAgent, String operatingSystem, String browser) {
    }

    private static final int SHAPES_MAX = 4096;
    /** Several detections classify every sign-in's client; parsing the agent once per distinct string saves most of it. */
    private static final java.util.concurrent.ConcurrentHashMap<ShapeKey, Shape> SHAPES = new java.util.concurrent.ConcurrentHashMap<>();

    static Client client(String userAgent, Device device) {
        ShapeKey key = new ShapeKey(userAgent, device.operatingSystem(), device.browser());
        Shape shape = SHAPES.get(key);
        if (shape == null) {
            if (SHAPES.size() >= SHAPES_MAX) SHAPES.clear(); // bounded: unique agents per sign-in must not grow memory
            shape = shape(userAgent, device);
            SHAPES.put(key, shape);
        }
        return device.id().isEmpty() ? shape.unregistered() : new Client(device.id(), shape.os(), shape.family(), shape.kind());
    }

    private static Shape shape(String userAgent, Device device) {
        String ua = userAgent.toLowerCase(Locale.ROOT);
        String os = os(device.operatingSystem());
        if (os.isEmpty()) os = osFromAgent(ua);
        String family;
        Kind kind;
        if (ua.isEmpty()) {
            family = withoutVersion(device.browser());
            kind = family.isEmpty() ? Kind.UNKNOWN : family.toLowerCase(Locale.ROOT).startsWith("rich client") ? Kind.APP : Kind.BROWSER;
            if (kind == Kind.APP) family = "native app";
        } else if (SignInSignals.scriptingAgent(userAgent)) {
            family = productToken(userAgent);
            kind = Kind.SCRIPT;
        } else if ((family = microsoftApp(ua)) != null) {
            kind = Kind.APP;
        } else if ((family = browser(ua)) != null) {
            kind = Kind.BROWSER;
        } else {
            family = productToken(userAgent);
            kind = Kind.APP;
        }
        return new Shape(os, family, kind);
    }

    /** The client of a row that has only a user agent (unified audit log, Graph activity). */
    static Client client(String userAgent) {
        return client(userAgent, Device.UNKNOWN);
    }

    /** Operating-system family from deviceDetail.operatingSystem ({@code Windows10}, {@code Windows 10}, {@code Ios}). */
    static String os(String deviceOs) {
        String o = deviceOs.toLowerCase(Locale.ROOT).trim();
        if (o.isEmpty()) return "";
        if (o.startsWith("windows")) return "Windows";
        if (o.startsWith("ios") || o.startsWith("ipados") || o.startsWith("iphone") || o.startsWith("ipad")) return "iOS";
        if (o.startsWith("mac") || o.startsWith("osx")) return "macOS";
        if (o.startsWith("android")) return "Android";
        if (o.startsWith("chrome")) return "ChromeOS";
        if (o.startsWith("linux") || o.startsWith("ubuntu") || o.startsWith("debian") || o.startsWith("fedora")) return "Linux";
        return deviceOs.trim();
    }

    private static String osFromAgent(String ua) {
        if (ua.contains("windows")) return "Windows";
        if (ua.contains("iphone") || ua.contains("ipad") || ua.contains("outlook-ios") || word(ua, "ios")) return "iOS";
        if (ua.contains("android")) return "Android";
        if (word(ua, "cros")) return "ChromeOS";
        if (ua.contains("mac os x") || ua.contains("macintosh")) return "macOS";
        if (ua.contains("linux") || ua.contains("x11")) return "Linux";
        return "";
    }

    /** {@code word} stands alone in the agent, so that "axios" is not "iOS". */
    private static boolean word(String ua, String word) {
        for (int i = ua.indexOf(word); i >= 0; i = ua.indexOf(word, i + 1)) {
            int end = i + word.length();
            boolean before = i == 0 || !Character.isLetterOrDigit(ua.charAt(i - 1));
            boolean after = end == ua.length() || !Character.isLetter(ua.charAt(end));
            if (before && after) return true;
        }
        return false;
    }

    /** Microsoft's own clients; checked before browsers because Teams and Outlook embed Chrome in their agents. */
    private static String microsoftApp(String ua) {
        if (ua.contains("teams/") || ua.contains("msteams")) return "Teams";
        if (ua.contains("outlook-ios") || ua.contains("outlook-android")) return "Outlook mobile";
        if (ua.contains("microsoft outlook") || ua.contains("olk/")) return "Outlook";
        if (ua.contains("onedrive") || ua.contains("skydrive")) return "OneDrive";
        if (ua.contains("microsoft office")) return "Microsoft Office";
        if (ua.contains("windows-azuread-authentication-provider")) return "Windows sign-in";
        return null;
    }

    private static String browser(String ua) {
        if (ua.contains("edg/") || ua.contains("edge/") || ua.contains("edga/") || ua.contains("edgios/")) return "Edge";
        if (ua.contains("opr/") || ua.contains("opera")) return "Opera";
        if (ua.contains("samsungbrowser")) return "Samsung Internet";
        if (ua.contains("firefox/") || ua.contains("fxios/")) return "Firefox";
        if (ua.contains("crios/") || ua.contains("chrome/") || ua.contains("chromium/")) return "Chrome";
        if (ua.contains("trident/") || ua.contains("msie ")) return "Internet Explorer";
        if (ua.contains("safari/")) return "Safari";
        if (ua.startsWith("mozilla/")) return "";
        return null;
    }

    /** {@code python-requests/2.31.0} → {@code python-requests}. */
    private static String productToken(String userAgent) {
        String t = userAgent.trim();
        int end = t.length();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '/' || c == ' ' || c == ';' || c == '(') {
                end = i;
                break;
            }
        }
        return t.substring(0, end);
    }

    /** {@code Chrome 132.0.0} → {@code Chrome}. */
    private static String withoutVersion(String browser) {
        String b = browser.trim();
        int i = 0;
        while (i < b.length() && !Character.isDigit(b.charAt(i))) i++;
        return b.substring(0, i).trim();
    }
}
