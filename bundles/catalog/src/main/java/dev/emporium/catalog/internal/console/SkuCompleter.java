package dev.emporium.catalog.internal.console;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.platform.api.PageRequest;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import java.util.List;

/** Completes SKUs from the first products of the catalog. */
@Service
public class SkuCompleter implements Completer {

    @Reference
    private Catalog catalog;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter skus = new StringsCompleter();
        catalog.list(new PageRequest(null, PageRequest.MAX_LIMIT)).items().forEach(p -> skus.getStrings().add(p.sku()));
        return skus.complete(session, commandLine, candidates);
    }
}
