package dev.emporium.platform.internal.http;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import java.util.ArrayList;
import java.util.List;

/** The department bundles installed in the framework, known by their {@code Emporium-Department} manifest header. */
final class DepartmentDirectory {

    static final String HEADER = "Emporium-Department";

    /** One installed department bundle. */
    record DepartmentBundle(String department, String symbolicName, String version, String state) {
    }

    private final BundleContext context;

    DepartmentDirectory(BundleContext context) {
        this.context = context;
    }

    List<DepartmentBundle> installed() {
        List<DepartmentBundle> result = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            String department = b.getHeaders("").get(HEADER);
            if (department != null && b.getState() != Bundle.UNINSTALLED) {
                result.add(new DepartmentBundle(department.trim(), b.getSymbolicName(), b.getVersion().toString(), stateName(b.getState())));
            }
        }
        return result;
    }

    boolean isInstalled(String department) {
        for (Bundle b : context.getBundles()) {
            String d = b.getHeaders("").get(HEADER);
            if (d != null && d.trim().equals(department) && b.getState() != Bundle.UNINSTALLED) {
                return true;
            }
        }
        return false;
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
