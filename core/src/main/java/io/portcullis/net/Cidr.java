package io.portcullis.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * A block of IP addresses such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a
 * block of one ({@code /32}, {@code /128}). IPv4 blocks hold only IPv4 addresses and IPv6 blocks only
 * IPv6 ones; IPv4-mapped IPv6 ({@code ::ffff:10.0.0.0/104}) is read as the IPv4 block it maps
 * ({@code 10.0.0.0/8}), as {@link IpAddresses} reads mapped addresses as IPv4.
 */
public final class Cidr {
    private static final int MAPPED_PREFIX = 96;

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
        for (int bit = prefixLength; bit < network.length * 8; bit++) network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }

    /** @return the block, or null when {@code text} is not {@code address} or {@code address/prefix-length} */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addressText = slash < 0 ? t : t.substring(0, slash);
        InetAddress address = IpAddresses.parse(addressText);
        if (address == null || addressText.startsWith("[")) return null;
        boolean mapped = address instanceof Inet4Address && addressText.indexOf(':') >= 0;
        int writtenBits = mapped ? 128 : address.getAddress().length * 8;
        int prefix = writtenBits;
        if (slash >= 0) {
            String prefixText = t.substring(slash + 1);
            if (!prefixText.matches("\\d{1,3}")) return null;
            prefix = Integer.parseInt(prefixText);
            if (prefix > writtenBits || (mapped && prefix < MAPPED_PREFIX)) return null;
        }
        return new Cidr(address.getAddress(), mapped ? prefix - MAPPED_PREFIX : prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) return false;
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) if (candidate[i] != network[i]) return false;
        int restBits = prefixLength % 8;
        if (restBits == 0) return true;
        int mask = (0xff << (8 - restBits)) & 0xff;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    /** Canonical: {@code 10.0.0.0/8}, {@code 2001:db8::/32} (host bits cleared). */
    @Override
    public String toString() {
        return IpAddresses.format(IpAddresses.byAddress(network)) + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }
}
