package io.portcullis.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {
    private static final ClientAddressResolver NOBODY_TRUSTED = new ClientAddressResolver(new TrustedProxies(List.of()));
    private static final ClientAddressResolver BEHIND_PROXIES = new ClientAddressResolver(new TrustedProxies(
            Stream.of("10.0.0.0/8", "::1/128", "2001:db8:ffff::/48").map(Cidr::parse).toList()));

    private static String ip(ClientAddressResolver resolver, String peer, String... forwardedFor) {
        return resolver.resolve(peer, List.of(forwardedFor)).ip();
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(ip(NOBODY_TRUSTED, "203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(ip(BEHIND_PROXIES, "203.0.113.7", "198.51.100.1", "10.0.0.1")).isEqualTo("203.0.113.7");
        assertThat(ip(BEHIND_PROXIES, "203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedEntryIsTheClient() {
        assertThat(ip(BEHIND_PROXIES, "10.0.0.2", "198.51.100.1")).isEqualTo("198.51.100.1");
        // the client's own "spoofed" entry on the left is never reached
        assertThat(ip(BEHIND_PROXIES, "10.0.0.2", "1.1.1.1, 198.51.100.1")).isEqualTo("198.51.100.1");
        // trusted hops are skipped, across several headers too
        assertThat(ip(BEHIND_PROXIES, "10.0.0.2", "1.1.1.1, 198.51.100.1", "10.0.0.9 , 10.1.1.1")).isEqualTo("198.51.100.1");
        assertThat(ip(BEHIND_PROXIES, "[::1]", "2001:db8:ffff::5, 2001:DB8:1::7")).isEqualTo("2001:db8:1::7");
        assertThat(ip(BEHIND_PROXIES, "0:0:0:0:0:0:0:1", "2001:db8:1::7, 2001:db8:ffff::5")).isEqualTo("2001:db8:1::7");
    }

    @Test
    void withoutAHeaderOrWithOnlyTrustedEntriesTheFarthestTrustedHopIsTheClient() {
        assertThat(ip(BEHIND_PROXIES, "10.0.0.2")).isEqualTo("10.0.0.2");
        assertThat(ip(BEHIND_PROXIES, "10.0.0.2", "10.0.0.4, 10.0.0.3")).isEqualTo("10.0.0.4");
    }

    @Test
    void aMalformedEntryStopsTheWalkAtTheLastTrustedHop() {
        assertThat(ip(BEHIND_PROXIES, "10.0.0.2", "198.51.100.1, garbage")).isEqualTo("10.0.0.2");
        assertThat(ip(BEHIND_PROXIES, "10.0.0.2", "198.51.100.1, unknown, 10.0.0.3")).isEqualTo("10.0.0.3");
        assertThat(ip(BEHIND_PROXIES, "10.0.0.2", "198.51.100.1,, 10.0.0.3")).isEqualTo("10.0.0.3");
        assertThat(ip(BEHIND_PROXIES, "10.0.0.2", "")).isEqualTo("10.0.0.2");
    }

    @Test
    void portsWrittenByProxiesAreIgnored() {
        assertThat(ip(BEHIND_PROXIES, "10.0.0.2", "198.51.100.1:4711")).isEqualTo("198.51.100.1");
        assertThat(ip(BEHIND_PROXIES, "10.0.0.2", "[2001:db8:1::7]:4711")).isEqualTo("2001:db8:1::7");
        assertThat(ip(BEHIND_PROXIES, "10.0.0.2", "[2001:db8:1::7]")).isEqualTo("2001:db8:1::7");
    }

    @Test
    void anIpv4MappedPeerIsItsIpv4Address() {
        assertThat(ip(BEHIND_PROXIES, "::ffff:10.0.0.2", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(ip(NOBODY_TRUSTED, "[::ffff:203.0.113.7]")).isEqualTo("203.0.113.7");
    }

    @Test
    void ipv4ClientsAreCountedByAddressAndIpv6ClientsByTheirSlash64() {
        assertThat(NOBODY_TRUSTED.resolve("203.0.113.7", List.of()).bucket()).isEqualTo("203.0.113.7");
        assertThat(NOBODY_TRUSTED.resolve("2001:db8:1:2:3:4:5:6", List.of()))
                .isEqualTo(new ClientAddress("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"));
        assertThat(NOBODY_TRUSTED.resolve("2001:db8:1:2::ffff", List.of()).bucket()).isEqualTo("2001:db8:1:2::/64");
        assertThat(NOBODY_TRUSTED.resolve("2001:db8:1:3::1", List.of()).bucket()).isEqualTo("2001:db8:1:3::/64");
    }

    @Test
    void aPeerThatIsNotAnAddressIsCountedByItsClippedText() {
        assertThat(NOBODY_TRUSTED.resolve("unix socket", List.of("198.51.100.1")))
                .isEqualTo(new ClientAddress("unixsocket", "unixsocket"));
        assertThat(NOBODY_TRUSTED.resolve("x".repeat(100), List.of()).ip()).hasSize(64);
    }
}
