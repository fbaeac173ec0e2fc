package io.portcullis.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals: parsed without ever asking DNS, and written in one canonical form (dotted quad;
 * RFC 5952 for IPv6: lower case, zeros compressed). An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1})
 * is the IPv4 address it carries, so that one client has one spelling.
 */
public final class IpAddresses {
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddresses() {}

    /** @return the address written in {@code text} (an IPv6 one may be in brackets), or null when it is not an IP literal */
    public static InetAddress parse(String text) {
        if (text == null) return null;
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        if (IPV4.matcher(t).matches()) return ipv4(t);
        // A leading '.' (as in "..:") would pass the pattern and make the JDK ask the resolver.
        if (!IPV6.matcher(t).matches() || t.indexOf(':') < 0 || t.charAt(0) == '.') return null;
        try {
            // With a ':' in it and only hex digits, ':' and '.', the JDK parses the text as an IPv6 literal
            // and never resolves it as a host name. It also turns an IPv4-mapped address into IPv4.
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress ipv4(String text) {
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int part = Integer.parseInt(parts[i]);
            if (part > 255) return null;
            bytes[i] = (byte) part;
        }
        return byAddress(bytes);
    }

    /** The address of these 4 or 16 bytes; no DNS. */
    static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }

    /** {@code 203.0.113.7}, {@code 2001:db8::1}. */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) return address.getHostAddress();
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        // RFC 5952: compress the longest run of two or more zero groups (the first, on a tie).
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) length++;
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
