package dev.emporium.platform.internal.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class MigrationTest {

    @Test
    public void parsesVersionAndDescriptionFromTheFileName() {
        Migration m = Migration.fromResource("V001__create_product.sql", "CREATE TABLE catalog_product (id INT)");
        assertEquals(1, m.version());
        assertEquals("create product", m.description());
        assertEquals("CREATE TABLE catalog_product (id INT)", m.sql());
    }

    @Test
    public void ignoresTheFolderAndReadsLongVersions() {
        Migration m = Migration.fromResource("db/catalog/V0123__add-price_index.sql", "");
        assertEquals(123, m.version());
        assertEquals("add-price index", m.description());
    }

    @Test
    public void rejectsOtherNamesNamingTheFile() {
        for (String name : new String[] {"V1_create.sql", "create.sql", "V__x.sql", "V1__x.txt", "v1__x.sql",
                "V0__zero.sql", "V1__.sql", "R__repeatable.sql", "V1__x.sql.bak", "V9999999999__big.sql", "V2__" + "x".repeat(201) + ".sql"}) {
            IllegalArgumentException e =
                    assertThrows(name, IllegalArgumentException.class, () -> Migration.fromResource(name, "x"));
            assertTrue(e.getMessage(), e.getMessage().contains(name));
        }
    }

    @Test
    public void checksumIsTheSha256OfTheSqlText() {
        // The SHA-256 test vector of FIPS 180-2 for "abc".
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                new Migration(1, "x", "abc").checksum());
        assertNotEquals(new Migration(1, "x", "abc").checksum(), new Migration(1, "x", "abd").checksum());
    }
}
