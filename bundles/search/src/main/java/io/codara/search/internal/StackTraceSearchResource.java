package io.codara.search.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.rest.ApiException;
import io.codara.api.search.ExcerptLine;
import io.codara.api.search.FrameLocation;
import io.codara.api.search.ParsedTrace;
import io.codara.api.search.StackTraceSearch;
import io.codara.api.search.StackTraceSearchResult;
import io.codara.api.search.TraceFrame;
import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code POST /search/stacktrace} with {@code {"trace": "...", "repo": "owner/name"}} ({@code repo} optional) or the
 * trace as a {@code text/plain} body: where the frames' code is in the repositories the asker may read. The answer
 * has {@code traces} (each with {@code language, exception, message, revisions, frames}), {@code total_count},
 * {@code incomplete_results} and {@code items}, best first, each with its {@code trace_index, frame_index, frame},
 * {@code repository, branch, commit} (the trace's commit when the repository has it, with the trace's
 * {@code revision} it came from, else the indexed commit and {@code revision: null}), {@code path, line, function},
 * {@code matched_by} ({@code path} or {@code file_name}), {@code repository_frames}, {@code html_url} and
 * {@code excerpt} (lines {@code line, text, marked}). 400 for an empty body, 422 when it holds no stack trace, 404
 * when {@code repo} is not readable. The work is {@link StackTraceSearch}'s.
 */
@Component(service = StackTraceSearchResource.class)
@JakartarsResource
@Path("search/stacktrace")
@Produces(MediaType.APPLICATION_JSON)
public final class StackTraceSearchResource {

    private final StackTraceSearch search;

    @Activate
    public StackTraceSearchResource(@Reference StackTraceSearch search) {
        this.search = search;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> json(Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        if (body == null) {
            throw new ApiException(400, "The body is empty: send {\"trace\": \"...\"} with the stack trace");
        }
        Object trace = body.get("trace");
        Object repo = body.get("repo");
        if (trace != null && !(trace instanceof String) || repo != null && !(repo instanceof String)) {
            throw new ApiException(422, "trace and repo are strings");
        }
        if (trace == null || ((String) trace).isBlank()) {
            throw new ApiException(400, "trace is missing or empty: send {\"trace\": \"...\"} with the stack trace");
        }
        return answer(search.search((String) trace, (String) repo, principal(request)), uri);
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    public Map<String, Object> text(String body, @Context HttpServletRequest request, @Context UriInfo uri) {
        return answer(search.search(body, null, principal(request)), uri);
    }

    private static Principal principal(HttpServletRequest request) {
        return Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE));
    }

    static Map<String, Object> answer(StackTraceSearchResult result, UriInfo uri) {
        CodeSearchResource.Links links = new CodeSearchResource.Links(uri.getBaseUri());
        List<Map<String, Object>> traces = new ArrayList<>();
        for (ParsedTrace t : result.traces()) {
            Map<String, Object> trace = new LinkedHashMap<>();
            trace.put("language", t.language());
            trace.put("exception", t.exception());
            trace.put("message", t.message());
            trace.put("revisions", t.revisions());
            trace.put("frames", t.frames().stream().map(StackTraceSearchResource::frame).toList());
            traces.add(trace);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (FrameLocation l : result.items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("trace_index", l.traceIndex());
            item.put("frame_index", l.frameIndex());
            item.put("frame", frame(l.frame()));
            item.put("repository", l.repository());
            item.put("repository_id", l.repositoryId());
            item.put("branch", l.branch());
            item.put("commit", l.commit());
            item.put("revision", l.revision());
            item.put("path", l.path());
            item.put("line", l.line());
            item.put("function", l.function());
            item.put("matched_by", l.matchedBy());
            item.put("repository_frames", l.repositoryFrames());
            item.put("html_url", links.web + l.repository() + "/blob/" + l.commit() + "/"
                    + CodeSearchResource.encodePath(l.path()) + (l.line() > 0 ? "#L" + l.line() : ""));
            List<Map<String, Object>> excerpt = new ArrayList<>();
            for (ExcerptLine e : l.excerpt()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("line", e.line());
                line.put("text", e.text());
                line.put("marked", e.marked());
                excerpt.add(line);
            }
            item.put("excerpt", excerpt);
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("traces", traces);
        body.put("total_count", items.size());
        body.put("incomplete_results", result.incompleteResults());
        body.put("items", items);
        return body;
    }

    private static Map<String, Object> frame(TraceFrame f) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("language", f.language());
        frame.put("function", f.function());
        frame.put("file", f.file());
        frame.put("line", f.line());
        frame.put("module", f.module());
        frame.put("library", f.library());
        return frame;
    }
}
