package io.portcullis.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the client's address. The socket's peer is the client, unless the peer is a trusted proxy:
 * only then is {@code X-Forwarded-For} read, right to left (each proxy appends the address it was
 * called from), skipping trusted proxies; the first address that is not a trusted proxy is the
 * client. A peer that is not trusted cannot change the answer with any header.
 *
 * <p>An entry that is not an IP address (garbage, {@code unknown}, an obfuscated name) stops the
 * walk: nothing to its left can be vouched for, and skipping it would let whoever wrote it choose
 * the answer. The client is then the last trusted proxy reached, so such requests are counted
 * against that proxy rather than against an address the sender picked. When every entry is a
 * trusted proxy, the leftmost one is the client. An entry may carry a port ({@code 203.0.113.7:4711},
 * {@code [2001:db8::1]:4711}), as some proxies write it; the port is ignored.
 */
public final class ClientAddressResolver {
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("([0-9.]+):\\d{1,5}");
    private static final Pattern BRACKETED_WITH_PORT = Pattern.compile("\\[([0-9A-Fa-f:.]+)](:\\d{1,5})?");

    private final TrustedProxies trusted;

    public ClientAddressResolver(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    /**
     * @param peer         the socket's remote address as the server reports it
     * @param forwardedFor every {@code X-Forwarded-For} header value, in the order received
     */
    public ClientAddress resolve(String peer, List<String> forwardedFor) {
        InetAddress client = IpAddresses.parse(peer);
        if (client == null) return ClientAddress.unparsed(peer);
        if (!trusted.contains(client)) return ClientAddress.of(client);
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = entry(hops.get(i));
            if (hop == null) break;
            client = hop;
            if (!trusted.contains(hop)) break;
        }
        return ClientAddress.of(client);
    }

    private static List<String> hops(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String item : value.split(",", -1)) hops.add(item.trim());
        }
        return hops;
    }

    /** The address of one entry, its port dropped; null when it is not an IP address. */
    static InetAddress entry(String text) {
        Matcher v4 = IPV4_WITH_PORT.matcher(text);
        if (v4.matches()) return IpAddresses.parse(v4.group(1));
        Matcher bracketed = BRACKETED_WITH_PORT.matcher(text);
        if (bracketed.matches()) return IpAddresses.parse(bracketed.group(1));
        return IpAddresses.parse(text);
    }
}
