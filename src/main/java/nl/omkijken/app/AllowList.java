package nl.omkijken.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Networks (CIDR) from which the staff console and the metrics may be reached: by default only this
 * machine, so neither is open to the internet unless an operator says so (ADMIN_ALLOW). Behind a
 * reverse proxy every request comes from the proxy: restrict the console there (docs in the README).
 */
record AllowList(List<Network> networks, String text) {
    record Network(byte[] address, int prefix) {
        boolean contains(byte[] other) {
            if (other.length != address.length) return false;
            int full = prefix / 8;
            for (int i = 0; i < full; i++) if (address[i] != other[i]) return false;
            int rest = prefix % 8;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (other[full] & mask);
        }
    }

    static final String DEFAULT = "127.0.0.1/8,::1/128";

    /** @throws IllegalArgumentException naming the entry that is not a network */
    static AllowList parse(String text) {
        List<Network> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            String[] ip = p.split("/", -1);
            if (ip.length > 2 || !ip[0].matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("'" + p + "' is not an address or network like 10.0.0.0/8");
            }
            byte[] a;
            try {
                a = InetAddress.getByName(ip[0]).getAddress(); // a literal: no name lookup for these characters
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + p + "' is not an address or network like 10.0.0.0/8");
            }
            int prefix = a.length * 8;
            if (ip.length == 2) {
                try {
                    prefix = Integer.parseInt(ip[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + p + "' has no valid prefix length");
                }
                if (prefix < 0 || prefix > a.length * 8) throw new IllegalArgumentException("'" + p + "' has no valid prefix length");
            }
            out.add(new Network(a, prefix));
        }
        return new AllowList(List.copyOf(out), text);
    }

    boolean allows(String remoteHost) {
        if (remoteHost == null || !remoteHost.matches("[0-9a-fA-F:.%a-zA-Z]+")) return false;
        byte[] a;
        try {
            String bare = remoteHost.contains("%") ? remoteHost.substring(0, remoteHost.indexOf('%')) : remoteHost;
            if (!bare.matches("[0-9a-fA-F:.]+")) return false;
            a = InetAddress.getByName(bare).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        for (Network n : networks) if (n.contains(a)) return true;
        return false;
    }
}
