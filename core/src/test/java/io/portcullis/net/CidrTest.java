package io.portcullis.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.0.0.0/8",
            "10.1.2.3/8, 10.0.0.0/8",
            "192.168.1.77/26, 192.168.1.64/26",
            "127.0.0.1, 127.0.0.1/32",
            "0.0.0.0/0, 0.0.0.0/0",
            "::1, ::1/128",
            "2001:db8:abcd::1/48, 2001:db8:abcd::/48",
            "::/0, ::/0",
            "::ffff:10.0.0.0/104, 10.0.0.0/8",
            "::ffff:10.0.0.1, 10.0.0.1/32"
    })
    void blocksAreParsedAndWrittenCanonically(String text, String canonical) {
        assertThat(Cidr.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.0/x", "example.com/8",
            "::ffff:10.0.0.0/95", "[::1]/128", "10.0.0/8"})
    void badBlocksAreRefused(String text) {
        assertThat(Cidr.parse(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.0.0.0, true",
            "10.0.0.0/8, 10.255.255.255, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "10.0.0.0/8, 9.255.255.255, false",
            "192.168.1.64/26, 192.168.1.127, true",
            "192.168.1.64/26, 192.168.1.128, false",
            "192.168.1.64/26, 192.168.1.63, false",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false",
            "127.0.0.1/32, 127.0.0.1, true",
            "127.0.0.1/32, 127.0.0.2, false",
            "0.0.0.0/0, 203.0.113.7, true",
            "0.0.0.0/0, ::1, false",
            "10.0.0.0/8, ::ffff:10.1.1.1, true",
            "::ffff:10.0.0.0/104, 10.9.9.9, true",
            "::1/128, ::1, true",
            "::1/128, ::2, false",
            "::1/128, 127.0.0.1, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "2001:db8:0:80::/57, 2001:db8:0:ff::1, true",
            "2001:db8:0:80::/57, 2001:db8:0:7f::1, false",
            "::/0, 2001:db8::1, true",
            "::/0, 10.0.0.1, false"
    })
    void aBlockContainsExactlyTheAddressesUnderItsPrefix(String block, String address, boolean contained) {
        assertThat(Cidr.parse(block).contains(IpAddresses.parse(address))).isEqualTo(contained);
    }

    @Test
    void blocksWithTheSameNetworkAreEqual() {
        assertThat(Cidr.parse("10.1.2.3/8")).isEqualTo(Cidr.parse("10.0.0.0/8")).hasSameHashCodeAs(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("10.0.0.0/8")).isNotEqualTo(Cidr.parse("10.0.0.0/9"));
    }
}
