package io.portcullis.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Who is calling, as far as the server can tell: {@code ip} is what sessions and the audit trail
 * record; {@code bucket} is what rate limits count by. An IPv4 address is its own bucket; IPv6 clients
 * are counted by their /64, the smallest block a single subscriber is usually given, so that
 * stepping through one's own addresses does not buy more attempts.
 */
public record ClientAddress(String ip, String bucket) {
    private static final int MAX_UNPARSED = 64;

    public static ClientAddress of(InetAddress address) {
        String ip = IpAddresses.format(address);
        if (address instanceof Inet4Address) return new ClientAddress(ip, ip);
        byte[] prefix = Arrays.copyOf(Arrays.copyOf(address.getAddress(), 8), 16);
        return new ClientAddress(ip, IpAddresses.format(IpAddresses.byAddress(prefix)) + "/64");
    }

    /** A peer that is not an IP address (not expected from a TCP socket): counted by its text, clipped. */
    public static ClientAddress unparsed(String text) {
        String t = text == null ? "" : text.replaceAll("[^\\x21-\\x7e]", "");
        if (t.length() > MAX_UNPARSED) t = t.substring(0, MAX_UNPARSED);
        return new ClientAddress(t, t);
    }
}
