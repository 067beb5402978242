package io.codara.web.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of CIDR ranges (IPv4 and IPv6, e.g. {@code 10.0.0.0/8}, {@code ::1}) that client addresses are checked
 * against. Only literal addresses are accepted, so parsing never resolves a host name.
 */
final class AddressAllowList {

    private final List<Range> ranges = new ArrayList<>();

    AddressAllowList(String... entries) {
        for (String entry : entries) {
            if (entry != null && !entry.isBlank()) {
                ranges.add(Range.parse(entry.strip()));
            }
        }
    }

    /** Whether {@code address} (a literal IP, as the servlet container reports it) is in one of the ranges. */
    boolean allows(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = literal(address.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** Parses an IP literal; anything else is refused before it could reach a name lookup. */
    static byte[] literal(String text) {
        String value = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = value.indexOf('%');
        if (zone >= 0) {
            value = value.substring(0, zone);
        }
        boolean v4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (v4) {
            for (String octet : value.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("not an IP address: " + text);
                }
            }
        }
        boolean v6 = value.contains(":") && value.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            byte[] bytes = InetAddress.getByName(value).getAddress();
            // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is that IPv4 address.
            if (bytes.length == 16 && isV4Mapped(bytes)) {
                return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private record Range(byte[] network, int prefix) {

        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            byte[] address = literal(slash < 0 ? cidr : cidr.substring(0, slash));
            int bits = address.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(cidr.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad prefix length in " + cidr, e);
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("bad prefix length in " + cidr);
                }
            }
            return new Range(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int shift = network.length * 8 - prefix;
            BigInteger a = new BigInteger(1, address).shiftRight(shift);
            BigInteger n = new BigInteger(1, network).shiftRight(shift);
            return a.equals(n);
        }
    }
}
