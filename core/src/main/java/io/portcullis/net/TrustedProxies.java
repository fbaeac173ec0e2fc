package io.portcullis.net;

import java.net.InetAddress;
import java.util.List;

/** The blocks of {@code trustedProxies}: peers whose {@code X-Forwarded-For} is believed. Empty: nobody's. */
public final class TrustedProxies {
    private final List<Cidr> blocks;

    public TrustedProxies(List<Cidr> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public boolean contains(InetAddress address) {
        for (Cidr block : blocks) if (block.contains(address)) return true;
        return false;
    }
}
