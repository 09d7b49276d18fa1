package dev.emporium.bench.runner;

import org.junit.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;

public class CpuProfileTest {

    @Test
    public void eachStackCountsForTheFirstKindItHoldsAndSharesAddUp() throws Exception {
        Path collapsed = Files.createTempFile("cpu", ".collapsed");
        Files.write(collapsed, List.of(
                "start_thread;thread_native_entry;CompileBroker::compiler_thread_loop;C2Compiler::compile_method 30",
                "start_thread;thread_native_entry;GCTaskThread::run;G1ParTask::work 10",
                // a commit that writes H2 pages is the commit's, not H2's
                "java/lang/Thread.run;dev/emporium/platform/api/Transactions.inTransaction;org/h2/jdbc/JdbcConnection.commit;org/h2/mvstore/FileStore.serializeAndStore 20",
                "java/lang/Thread.run;dev/emporium/catalog/internal/store/CatalogStore.dataBySkus;org/h2/command/Command.executeQuery 5",
                "java/lang/Thread.run;dev/emporium/catalog/internal/store/CatalogStore.data;com/fasterxml/jackson/databind/ObjectMapper.writeValueAsString 15",
                "java/lang/Thread.run;java/util/HashMap.put 20"));

        Map<String, Object> out = CpuProfile.shares(collapsed);

        assertEquals(100L, out.get("samples"));
        assertEquals(Map.of("JIT compiler threads", "30.0%", "garbage collector threads", "10.0%",
                "import: commit of the batch's transaction", "20.0%", "import: reading stored products and slugs", "5.0%",
                "import: rendering each product's JSON", "15.0%", "other", "20.0%"), out.get("shares"));
        assertEquals("JIT compiler threads", ((Map<?, ?>) out.get("shares")).keySet().iterator().next()); // largest first
    }
}
