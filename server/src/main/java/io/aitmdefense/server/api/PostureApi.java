package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.posture.assess.PostureAssessment;
import io.aitmdefense.posture.assess.PostureAssessor;
import io.aitmdefense.posture.assess.PostureJsonReport;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;
import io.aitmdefense.posture.read.ReadProblem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The tenant's Conditional Access posture, assessed by the posture module from the export the serve file names
 * ({@code posture: {exports: [ca-export/], breakGlass: [object ids]}}): the same assessment as {@code aitm posture
 * --json}. The export is read again when a file in it changed, so a fresh export shows without a restart.
 */
final class PostureApi {
    private final Optional<PostureSource> source;
    private final Clock clock;
    private FileTime readAt;
    private ObjectNode cached;

    private PostureApi(Optional<PostureSource> source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    static void register(RoutesConfig routes, ServerContext context) {
        PostureApi api = new PostureApi(context.posture(), context.clock());
        routes.get("/api/v1/posture", api::posture);
    }

    private void posture(Context ctx) {
        PostureSource s = source.orElseThrow(() -> new NotFoundResponse(
                "no posture: name the Conditional Access export in the serve file (posture: {exports: [folder]})"));
        Json.ok(ctx, current(s));
    }

    private synchronized ObjectNode current(PostureSource s) {
        FileTime newest = newest(s.exports());
        if (cached != null && newest.equals(readAt)) return cached;
        CaReadResult read = new CaExportReader().read(s.exports());
        ObjectNode out = Json.object();
        out.put("schema", "aitm.api.posture/1");
        ArrayNode inputs = out.putArray("inputs");
        s.exports().forEach(p -> inputs.add(p.toString()));
        ArrayNode errors = out.putArray("errors");
        for (ReadProblem p : read.errors()) errors.add(p.toString());
        ArrayNode warnings = out.putArray("warnings");
        for (ReadProblem p : read.warnings()) warnings.add(p.toString());
        out.put("policies", read.snapshot().policies().size());
        if (!read.snapshot().policies().isEmpty()) {
            PostureAssessment a = new PostureAssessor().assess(read.snapshot(),
                    new PostureAssessor.Options(s.breakGlass(), Set.of(), clock));
            out.set("assessment", PostureJsonReport.toJson(a));
        }
        readAt = newest;
        cached = out;
        return out;
    }

    /** The newest modification time of any file of the exports: what says the export changed. */
    private static FileTime newest(List<Path> exports) {
        FileTime newest = FileTime.fromMillis(0);
        for (Path p : exports) {
            if (!Files.exists(p)) continue;
            try (Stream<Path> files = Files.walk(p)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    FileTime t = Files.getLastModifiedTime(f);
                    if (t.compareTo(newest) > 0) newest = t;
                }
            } catch (IOException e) {
                return FileTime.fromMillis(System.nanoTime()); // unreadable now: read again, and let the reader say why
            }
        }
        return newest;
    }
}
