package dev.emporium.security.internal.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The addresses and CIDR ranges (IPv4 and IPv6) the admin surface accepts. Entries that do not parse are left out
 * with a warning: a typo narrows the list, it never opens it.
 */
public final class AddressAllowList {

    private static final Logger LOG = LoggerFactory.getLogger(AddressAllowList.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** One range: the network's address bytes and how many leading bits must match. */
    public record Range(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;
    private final String text;

    private AddressAllowList(List<Range> ranges, String text) {
        this.ranges = List.copyOf(ranges);
        this.text = text;
    }

    /** Reads a comma-separated list such as {@code 127.0.0.1/32, ::1/128, 10.0.0.0/8, 192.168.1.7}. */
    public static AddressAllowList parse(String list) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : (list == null ? "" : list).split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            Optional<Range> range = range(entry.strip());
            if (range.isPresent()) {
                ranges.add(range.get());
            } else {
                LOG.warn("allowedAdminAddresses: '{}' is not an address or CIDR range; it is ignored", entry.strip());
            }
        }
        return new AddressAllowList(ranges, list == null ? "" : list.strip());
    }

    /** An entry as a range, or empty when it does not parse. */
    public static Optional<Range> range(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        Optional<byte[]> bytes = literal(address);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        int bits = bytes.get().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1).strip());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (prefix < 0 || prefix > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(new Range(bytes.get(), prefix));
    }

    /** True when {@code address} (a literal IPv4 or IPv6 address, as a servlet reports it) is in one of the ranges. */
    public boolean allows(String address) {
        Optional<byte[]> bytes = literal(address);
        return bytes.isPresent() && ranges.stream().anyMatch(r -> r.contains(bytes.get()));
    }

    public int size() {
        return ranges.size();
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The bytes of a literal address, never a name lookup. IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) come
     * back as IPv4, so one IPv4 range covers both ways a dual-stack server may report a client.
     */
    static Optional<byte[]> literal(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        boolean v4 = IPV4.matcher(a).matches();
        if (!v4 && !IPV6.matcher(a).matches()) {
            return Optional.empty();
        }
        if (v4) {
            for (String part : a.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            // a literal is parsed, never resolved: the patterns above keep host names out
            return Optional.of(InetAddress.getByName(a).getAddress());
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
