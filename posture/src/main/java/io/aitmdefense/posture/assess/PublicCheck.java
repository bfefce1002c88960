package io.aitmdefense.posture.assess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One AiTM-relevant check of a public tool (Maester, ScubaGear, caOptics) and the findings of ours that cover it.
 * The mapping is data ({@code public-checks.tsv}) so the docs table and the tests read the same rows.
 */
public record PublicCheck(String tool, String id, String description, List<Check> ours, String mapping) {

    public PublicCheck {
        ours = List.copyOf(ours);
    }

    /** Every mapped public check, in file order. */
    public static List<PublicCheck> all() {
        try (InputStream in = PublicCheck.class.getResourceAsStream("public-checks.tsv")) {
            if (in == null) throw new IllegalStateException("public-checks.tsv missing from the classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<PublicCheck> out = new ArrayList<>();
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                if (f.length != 5) throw new IllegalStateException("public-checks.tsv:" + n + ": expected 5 tab-separated fields");
                String where = "public-checks.tsv:" + n;
                List<Check> ours = Arrays.stream(f[3].trim().split("\\s+"))
                        .map(id -> Check.byId(id).orElseThrow(() -> new IllegalStateException(
                                where + ": unknown finding id " + id)))
                        .toList();
                out.add(new PublicCheck(f[0], f[1], f[2], ours, f[4]));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public checks one of our findings covers, e.g. for {@code --explain}. */
    public static List<PublicCheck> coveredBy(Check check) {
        return all().stream().filter(p -> p.ours().contains(check)).toList();
    }
}
