package dev.emporium.itests;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

/** Pax Exam options for a stock Apache Karaf 4.4 on free ports, reading Emporium's artifacts from the local Maven repository. */
final class StockKaraf {

    /** System property, inside the container: the HTTP port Pax Web listens on. */
    static final String HTTP_PORT = "emporium.itest.http.port";

    private StockKaraf() {
    }

    static Option[] options() {
        MavenArtifactUrlReference karaf = maven().groupId("org.apache.karaf").artifactId("apache-karaf")
                .versionAsInProject().type("tar.gz");
        String localRepo = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        int http = freePort();
        Option[] options = new Option[] {
                karafDistributionConfiguration().frameworkUrl(karaf).unpackDirectory(new File("target/exam")).useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevelOption.LogLevel.INFO),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(http)),
                // the tests' crowds of buyers come from one address; RouteFuzzIT sets the limit it checks itself
                editConfigurationFilePut("etc/dev.emporium.platform.cfg", "storefrontWritesPerMinute", "0"),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
                        "https://repo1.maven.org/maven2@id=central"),
                systemProperty(HTTP_PORT).value(String.valueOf(http)),
                systemProperty("emporium.version").value(System.getProperty("emporium.version")),
                systemProperty("emporium.broken.bundle").value(new File(System.getProperty("emporium.broken.bundle")).getAbsolutePath()),
                systemProperty("emporium.echo.bundle").value(new File(System.getProperty("emporium.echo.bundle")).getAbsolutePath()),
                // bin/karaf passes these on Java 9+; Pax Exam does not, so they are repeated here.
                vmOptions("--add-reads=java.xml=java.logging",
                        "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                        "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-4.4.10.jar",
                        "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-4.4.10.jar",
                        "--add-opens", "java.base/java.security=ALL-UNNAMED",
                        "--add-opens", "java.base/java.net=ALL-UNNAMED",
                        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                        "--add-opens", "java.base/java.util=ALL-UNNAMED",
                        "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                        "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                        "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                        "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                        "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                        "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                        "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
                        "-Djava.io.tmpdir=data/tmp"),
        };
        // -DargLine=-Demporium.keep=true keeps each Karaf under target/exam, with its data/log/karaf.log, to read after a failure
        return Boolean.getBoolean("emporium.keep") ? OptionUtils.combine(options, keepRuntimeFolder()) : options;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
