package io.aitmdefense.posture.devicefilter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceFilterRuleTest {

    private static final Map<String, List<String>> SURFACE = Map.of(
            "displayName", List.of("SAW-Contoso-042"),
            "model", List.of("Surface Pro 9"),
            "manufacturer", List.of("Microsoft Corporation"),
            "operatingSystem", List.of("Windows"),
            "trustType", List.of("AzureAD"),
            "isCompliant", List.of("True"),
            "deviceOwnership", List.of("Company"),
            "extensionAttribute1", List.of("SAW"),
            "systemLabels", List.of("M365Managed", "CloudPC"));

    private static final Map<String, List<String>> UNREGISTERED = Map.of();

    private static boolean on(String rule, Map<String, List<String>> device) throws DeviceFilterSyntaxException {
        return DeviceFilterRule.parse(rule).matches(device);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "device.model -eq \"Surface Pro 9\"|true",
            "device.model -eq \"surface pro 9\"|true",
            "device.model -ne \"Surface Pro 9\"|false",
            "device.displayName -startsWith \"SAW-\"|true",
            "device.displayName -notStartsWith \"SAW-\"|false",
            "device.displayName -endsWith \"-042\"|true",
            "device.displayName -notEndsWith \"-042\"|false",
            "device.manufacturer -contains \"Microsoft\"|true",
            "device.manufacturer -notContains \"Microsoft\"|false",
            "device.operatingSystem -in [\"iOS\",\"Windows\"]|true",
            "device.operatingSystem -notIn [\"iOS\", \"Windows\"]|false",
            "device.extensionAttribute1 -eq \"SAW\"|true",
            "device.extensionAttribute2 -eq \"SAW\"|false",
            "device.isCompliant -eq True|true",
            "device.isCompliant -eq \"True\"|true",
            "device.isCompliant -eq False|false",
            "device.trustType -eq \"ServerAD\"|false",
            "device.systemLabels -contains \"CloudPC\"|true",
            "device.systemLabels -contains \"Cloud\"|false",
            "device.systemLabels -notContains \"AzureVirtualDesktop\"|true",
            "device.systemLabels -eq \"CloudPC\"|true"})
    void everyOperatorComparesARegisteredDevice(String rule, boolean expected) throws Exception {
        assertThat(on(rule, SURFACE)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "device.deviceOwnership -eq \"Company\"|false",
            "device.isCompliant -eq True|false",
            "device.model -startsWith \"Surface\"|false",
            "device.displayName -endsWith \"x\"|false",
            "device.manufacturer -contains \"Micro\"|false",
            "device.operatingSystem -in [\"Windows\"]|false",
            "device.extensionAttribute1 -ne \"SAW\"|true",
            "device.model -notStartsWith \"Surface\"|true",
            "device.model -notEndsWith \"9\"|true",
            "device.model -notContains \"Pro\"|true",
            "device.operatingSystem -notIn [\"Windows\"]|true",
            "device.systemLabels -notContains \"CloudPC\"|true"})
    void unregisteredDeviceFailsPositiveOperatorsAndPassesNegativeOnes(String rule, boolean expected) throws Exception {
        assertThat(on(rule, UNREGISTERED)).isEqualTo(expected);
    }

    @Test
    void andBindsTighterThanOrAndParenthesesOverride() throws Exception {
        // false -or (true -and false) = false; (false -or true) -and false = false; false -or true -and true = true
        String noParens = "device.trustType -eq \"ServerAD\" -or device.isCompliant -eq True -and device.model -eq \"X\"";
        String grouped = "(device.trustType -eq \"ServerAD\" -or device.isCompliant -eq True) -and device.model -eq \"X\"";
        String both = "device.trustType -eq \"ServerAD\" -or device.isCompliant -eq True -and device.model -eq \"Surface Pro 9\"";
        assertThat(on(noParens, SURFACE)).isFalse();
        assertThat(on(grouped, SURFACE)).isFalse();
        assertThat(on(both, SURFACE)).isTrue();
        assertThat(on("(device.model -eq \"X\" -or (device.isCompliant -eq True)) -and device.extensionAttribute1 -eq \"SAW\"",
                SURFACE)).isTrue();
    }

    @Test
    void bareAndOrFromMicrosoftArticlesAreAccepted() throws Exception {
        assertThat(on("systemLabels -eq \"CloudPC\" and trustType -eq \"AzureAD\"", SURFACE)).isTrue();
        assertThat(on("systemLabels -eq \"Nope\" or trustType -eq \"AzureAD\"", SURFACE)).isTrue();
    }

    @Test
    void comparisonsAreListedForLints() throws Exception {
        DeviceFilterRule rule = DeviceFilterRule.parse("device.model -eq \"A\" -and device.extensionAttribute7 -ne \"B\"");
        assertThat(rule.comparisons()).extracting(FilterExpression.Comparison::property)
                .containsExactly("model", "extensionAttribute7");
        assertThat(rule.comparisons().get(0).attribute().userModifiable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "device.color -eq \"red\"",
            "device.isCompliant -contains \"Tr\"",
            "device.deviceId -startsWith \"a\"",
            "device.model -eq \"unterminated",
            "(device.model -eq \"A\"",
            "device.model -like \"A\"",
            "device.model -eq [\"A\",\"B\"]",
            "device.extensionAttribute16 -eq \"A\"",
            "device.model -eq \"A\" device.model -eq \"B\""})
    void rulesEntraWouldRejectAreSyntaxErrors(String rule) {
        assertThatThrownBy(() -> DeviceFilterRule.parse(rule)).isInstanceOf(DeviceFilterSyntaxException.class)
                .hasMessageContaining("at character");
    }

    @Test
    void overlongRuleIsRejected() {
        String rule = "device.model -eq \"" + "x".repeat(DeviceFilterRule.MAX_LENGTH) + "\"";
        assertThatThrownBy(() -> DeviceFilterRule.parse(rule)).hasMessageContaining("longer than 3072");
    }
}
