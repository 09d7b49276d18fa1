package dev.emporium.platform.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;

/** {@code emporium:rollback DEPARTMENT}: the version a department ran before its last {@code emporium:upgrade}. */
@Service
@Command(scope = "emporium", name = "rollback",
        description = "Puts back the implementation a department ran before its last emporium:upgrade, the same way (under load, nothing refreshed)")
public class RollbackCommand implements Action {

    @Reference
    private BundleContext context;

    @Argument(index = 0, name = "department", description = "The department to roll back", required = true)
    private String department;

    @Override
    public Object execute() throws Exception {
        System.out.println("rolled back " + new DepartmentSwaps(context).rollback(department));
        return null;
    }
}
