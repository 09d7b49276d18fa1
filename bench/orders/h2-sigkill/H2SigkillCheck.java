import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * What H2 keeps of acknowledged commits when its process is killed with SIGKILL. {@code write URL} commits one row
 * per transaction for ever and prints "<rows acknowledged> <ms since the first commit>" after each commit;
 * {@code count URL} prints how many rows the file holds. The run script kills the writer and counts.
 */
public class H2SigkillCheck {

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[1], "sa", "")) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS acknowledged (id BIGINT PRIMARY KEY)");
            if (args[0].equals("count")) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM acknowledged")) {
                    rs.next();
                    System.out.println(rs.getLong(1));
                }
                return;
            }
            c.setAutoCommit(false);
            long start = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO acknowledged VALUES (?)")) {
                for (long i = 1; ; i++) {
                    ps.setLong(1, i);
                    ps.executeUpdate();
                    c.commit();
                    if (start == 0) {
                        start = System.nanoTime();
                    }
                    System.out.println(i + " " + (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
    }
}
