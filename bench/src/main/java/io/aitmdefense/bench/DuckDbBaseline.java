package io.aitmdefense.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one of the baseline queries in DuckDB (in-process, all cores) on the same files {@code aitm detect} reads,
 * and prints rows found and wall time. Usage: {@code DuckDbBaseline QUERY SIGNINS [UAL]}, QUERY naming a {@code .sql}
 * beside this class ({@code la-session-replay}, {@code la-signin-then-inbox-rule}, {@code la-signins-every-column}
 * ...), SIGNINS and UAL a DuckDB file list or glob.
 */
public final class DuckDbBaseline {
    private DuckDbBaseline() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DuckDbBaseline QUERY SIGNINS [UAL]   (QUERY: la-session-replay, la-signin-then-inbox-rule, la-signins-every-column, ...)");
            System.exit(2);
        }
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("signins", args[1]);
        vars.put("ual", args.length > 2 ? args[2] : args[1]);
        vars.put("hostingAsns", "'14061','24940','16276','63949','20473','9009','51167','16509','14618','15169','396982'");
        String sql = load(args[0] + ".sql", vars);
        long start = System.nanoTime();
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) rows++;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("duckdb %s: %d result rows in %.2f s%n", args[0], rows, secs);
    }

    static String load(String name, Map<String, String> vars) throws IOException, SQLException {
        try (InputStream in = DuckDbBaseline.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalArgumentException("no query " + name);
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> v : vars.entrySet()) sql = sql.replace("${" + v.getKey() + "}", v.getValue());
            return sql;
        }
    }
}
