package io.aitmdefense.posture.devicefilter;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static io.aitmdefense.posture.devicefilter.FilterOperator.*;

/** The device properties a filter may use, each with the operators Entra accepts for it. */
public enum DeviceAttribute {
    DEVICE_ID("deviceId", false, false, EnumSet.of(EQ, NE, IN, NOT_IN)),
    MDM_APP_ID("mdmAppId", false, false, EnumSet.of(EQ, NE, IN, NOT_IN)),
    DISPLAY_NAME("displayName", false, true, EnumSet.allOf(FilterOperator.class)),
    ENROLLMENT_PROFILE_NAME("enrollmentProfileName", false, false, EnumSet.allOf(FilterOperator.class)),
    MANUFACTURER("manufacturer", false, true, EnumSet.allOf(FilterOperator.class)),
    MODEL("model", false, true, EnumSet.allOf(FilterOperator.class)),
    OPERATING_SYSTEM("operatingSystem", false, false, EnumSet.allOf(FilterOperator.class)),
    OPERATING_SYSTEM_VERSION("operatingSystemVersion", false, false, EnumSet.allOf(FilterOperator.class)),
    EXTENSION_ATTRIBUTE("extensionAttribute", false, false, EnumSet.allOf(FilterOperator.class)),
    DEVICE_OWNERSHIP("deviceOwnership", false, false, EnumSet.of(EQ, NE)),
    IS_COMPLIANT("isCompliant", false, false, EnumSet.of(EQ, NE)),
    TRUST_TYPE("trustType", false, false, EnumSet.of(EQ, NE)),
    PROFILE_TYPE("profileType", false, false, EnumSet.of(EQ, NE)),
    // The token-protection article writes "systemLabels -eq" for an element match, so -eq/-ne are accepted too.
    PHYSICAL_IDS("physicalIds", true, false, EnumSet.of(CONTAINS, NOT_CONTAINS, EQ, NE)),
    SYSTEM_LABELS("systemLabels", true, false, EnumSet.of(CONTAINS, NOT_CONTAINS, EQ, NE));

    private final String name;
    private final boolean collection;
    private final boolean userModifiable;
    private final Set<FilterOperator> operators;

    DeviceAttribute(String name, boolean collection, boolean userModifiable, Set<FilterOperator> operators) {
        this.name = name;
        this.collection = collection;
        this.userModifiable = userModifiable;
        this.operators = operators;
    }

    public String attributeName() {
        return name;
    }

    public boolean collection() {
        return collection;
    }

    /** Attributes a device owner can change; Microsoft warns against relying on them alone. */
    public boolean userModifiable() {
        return userModifiable;
    }

    public boolean allows(FilterOperator op) {
        return operators.contains(op);
    }

    /** {@code extensionAttribute1}..{@code 15} all map to {@link #EXTENSION_ATTRIBUTE}. */
    static Optional<DeviceAttribute> parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.matches("extensionattribute([1-9]|1[0-5])")) return Optional.of(EXTENSION_ATTRIBUTE);
        for (DeviceAttribute a : values()) {
            if (a != EXTENSION_ATTRIBUTE && a.name.toLowerCase(Locale.ROOT).equals(t)) return Optional.of(a);
        }
        return Optional.empty();
    }
}
