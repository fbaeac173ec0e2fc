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
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddresses() {}

    /** @return the address written in {@code text} (an IPv6 one may be in brackets), or null when it is not an IP literal */
    public static InetAddress parse(String text) {
        if (text == null) return null;
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        InetAddress v4 = ipv4(t);
        if (v4 != null) return v4;
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

    /**
     * A dotted quad: four decimal parts of 0 to 255, without leading zeros (which some parsers read as
     * octal), or null. By hand rather than by a regular expression: every request's peer address comes here.
     */
    private static InetAddress ipv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) return null; // a leading zero
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) return null;
            } else if (c == '.' && digits > 0 && part < 3) {
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        if (part != 3 || digits == 0) return null;
        bytes[3] = (byte) value;
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
