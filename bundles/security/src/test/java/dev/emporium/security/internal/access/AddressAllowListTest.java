package dev.emporium.security.internal.access;

import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** CIDR matching on IPv4 and IPv6, and entries that must never open the list. */
public class AddressAllowListTest {

    @Test
    public void theDefaultAllowsLoopbackOnly() {
        AddressAllowList list = AddressAllowList.parse("127.0.0.1/32,::1/128");
        assertTrue(list.allows("127.0.0.1"));
        assertTrue(list.allows("0:0:0:0:0:0:0:1"));
        assertTrue(list.allows("::1"));
        assertTrue(list.allows("[::1]"));
        assertFalse(list.allows("127.0.0.2"));
        assertFalse(list.allows("10.0.0.1"));
        assertFalse(list.allows("::2"));
    }

    @Test
    public void ipv4RangesMatchOnTheirPrefix() {
        AddressAllowList list = AddressAllowList.parse(" 10.0.0.0/8 , 192.168.1.0/25, 172.16.5.7");
        assertTrue(list.allows("10.255.3.4"));
        assertTrue(list.allows("192.168.1.127"));
        assertFalse(list.allows("192.168.1.128"));
        assertTrue(list.allows("172.16.5.7"));
        assertFalse(list.allows("172.16.5.8"));
        assertFalse(list.allows("11.0.0.1"));
        assertTrue("an IPv4-mapped IPv6 address is its IPv4 address", list.allows("::ffff:10.1.2.3"));
    }

    @Test
    public void ipv6RangesMatchOnTheirPrefix() {
        AddressAllowList list = AddressAllowList.parse("2001:db8::/32,fe80::1%eth0/128");
        assertTrue(list.allows("2001:db8:0:1::42"));
        assertTrue(list.allows("2001:0DB8:ffff::"));
        assertFalse(list.allows("2001:db9::1"));
        assertFalse("families never mix", list.allows("32.1.13.184"));
        assertTrue(AddressAllowList.parse("::/0").allows("2a00::1"));
        assertFalse(AddressAllowList.parse("::/0").allows("1.2.3.4"));
        assertTrue(AddressAllowList.parse("0.0.0.0/0").allows("1.2.3.4"));
    }

    @Test
    public void oddPrefixesCompareTheirPartialByte() {
        AddressAllowList list = AddressAllowList.parse("10.0.0.64/27");
        assertTrue(list.allows("10.0.0.64"));
        assertTrue(list.allows("10.0.0.95"));
        assertFalse(list.allows("10.0.0.96"));
        assertFalse(list.allows("10.0.0.63"));
    }

    @Test
    public void badEntriesAreLeftOutAndNamesAreNeverLookedUp() {
        AddressAllowList list = AddressAllowList.parse("localhost, 10.0.0.0/33, 300.1.1.1, 1234, ::1/129, abc, 10.1.1.1/x, 192.168.0.1");
        assertEquals(1, list.size());
        assertTrue(list.allows("192.168.0.1"));
        assertFalse(list.allows("localhost"));
        assertFalse(list.allows(null));
        assertFalse(AddressAllowList.parse("").allows("127.0.0.1"));
    }
}
