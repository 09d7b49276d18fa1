package dev.emporium.platform.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;

/** {@code emporium:upgrade DEPARTMENT URL}: a department's implementation swapped for a newer one under load. */
@Service
@Command(scope = "emporium", name = "upgrade",
        description = "Replaces a department's implementation bundle by the one at URL (mvn:, file:, http:) while the store serves: "
                + "requests in flight finish on the old version, new ones wait for the new one; no other bundle is refreshed")
public class UpgradeCommand implements Action {

    @Reference
    private BundleContext context;

    @Argument(index = 0, name = "department", description = "catalog, inventory, customers, orders, security, support...", required = true)
    private String department;

    @Argument(index = 1, name = "url", description = "Where the new bundle is: mvn:group/artifact/version, file:/path.jar", required = true)
    private String url;

    @Override
    public Object execute() throws Exception {
        System.out.println("upgraded " + new DepartmentSwaps(context).upgrade(department, url));
        return null;
    }
}
