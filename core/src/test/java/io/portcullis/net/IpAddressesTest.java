package io.portcullis.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {
    @ParameterizedTest
    @CsvSource({
            "203.0.113.7, 203.0.113.7",
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
            "[2001:db8::1], 2001:db8::1",
            "0:0:0:0:0:0:0:1, ::1",
            "::, ::",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6",
            "fe80:0:0:0:0:0:0:0, fe80::",
            "::ffff:10.0.0.1, 10.0.0.1",
            "::ffff:a00:1, 10.0.0.1",
            "' 198.51.100.1 ', 198.51.100.1"
    })
    void literalsAreReadAndWrittenInOneCanonicalForm(String text, String canonical) {
        assertThat(IpAddresses.format(IpAddresses.parse(text))).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "abc", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4:80",
            "1:2:3:4:5:6:7:8:9", "2001:db8::g", ":::", "fe80::1%eth0", "unknown", "[1.2.3.4", "1.2.3.-4", ".1:2", "..:",
            "1.2.3.4.", "1..2.3", ".1.2.3", "1000.1.1.1", "0.00.1.1", "1.2.3.٤"})
    void anythingElseIsNotAnAddress(String text) {
        assertThat(IpAddresses.parse(text)).isNull();
    }

    @Test
    void nullIsNotAnAddress() {
        assertThat(IpAddresses.parse(null)).isNull();
    }
}
