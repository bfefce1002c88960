package io.aitmdefense.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every IP text form of log-schemas §8.1 becomes one canonical form. */
class IpAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "203.0.113.10|203.0.113.10",
            " 203.0.113.10 |203.0.113.10",
            "203.0.113.10:63070|203.0.113.10",
            "[2a01:110:8068:7:9bf8:aa87:e00a:5f1f]:36185|2a01:110:8068:7:9bf8:aa87:e00a:5f1f",
            "[2603:10B6:5:345::11]|2603:10b6:5:345::11",
            "2603:10b6:5:345::11|2603:10b6:5:345::11",
            "2603:10B6:0005:0345:0000:0000:0000:0011|2603:10b6:5:345::11",
            "FE80::|fe80::",
            "fe80::1%eth0|fe80::1",
            "::1|::1",
            "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
            "2001:0:0:1:0:0:0:1|2001:0:0:1::1",
            "::ffff:203.0.113.10|203.0.113.10",
            "::FFFF:203.0.113.10|203.0.113.10",
            "[::ffff:203.0.113.10]:443|203.0.113.10",
            "::ffff:cb00:710a|203.0.113.10",
            "<null>|''",
            "null|''",
            "''|''",
            "NULL|''",
            "not an ip|''",
            "203.0.113|''",
            "203.0.113.256|''",
            "1.2.3.4.5|''",
            "2001:db8::1::2|''",
            "[2001:db8::1|''",
            "12345::1|''",
    })
    void normalises(String raw, String expected) {
        assertThat(IpAddress.normalise(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.10|203.0.0.0/16",
            "2603:10b6:5:345::11|2603:10b6:5::/48",
            "2a01:110:8068:7:9bf8:aa87:e00a:5f1f|2a01:110:8068::/48",
    })
    void networkIsTheIpv4Slash16OrTheIpv6Slash48(String ip, String network) {
        assertThat(IpAddress.network(ip)).isEqualTo(network);
    }
}
