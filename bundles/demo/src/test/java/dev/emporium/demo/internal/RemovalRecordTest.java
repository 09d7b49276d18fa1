package dev.emporium.demo.internal;

import dev.emporium.testing.TestDatabases;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** The demo's memory of its removal, on H2 and a real PostgreSQL. */
@RunWith(Parameterized.class)
public class RemovalRecordTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private final String engine;

    public RemovalRecordTest(String engine) {
        this.engine = engine;
    }

    @Test
    public void aRemovalIsRememberedFromItsStartAndAResumedOneKeepsItsFirstStart() {
        DataSource ds = TestDatabases.create(engine);
        TestDatabases.migrate(ds, "demo");
        Instant first = Instant.parse("2026-11-25T10:00:00Z");
        RemovalRecord record = new RemovalRecord(ds, Clock.fixed(first, ZoneOffset.UTC));
        assertTrue("never removed", record.find().isEmpty());

        record.begin();
        RemovalRecord.Removal half = record.find().orElseThrow();
        assertEquals(first, half.startedAt());
        assertFalse("stopped half-way until finished", half.finished());

        RemovalRecord later = new RemovalRecord(ds, Clock.fixed(first.plusSeconds(60), ZoneOffset.UTC));
        later.begin();
        later.finish("1 company closed");
        RemovalRecord.Removal done = later.find().orElseThrow();
        assertEquals(first, done.startedAt());
        assertEquals(first.plusSeconds(60), done.finishedAt());
        assertEquals("1 company closed", done.summary());
        assertEquals(1, TestDatabases.count(ds, "SELECT COUNT(*) FROM demo_removal"));
    }
}
