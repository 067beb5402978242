package io.codara.web.internal.live;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import io.codara.api.live.LiveChannel;

/**
 * The registered channels' paths ({@code repos/{owner}/{repo}/actions/jobs/{id}/logs}) and which one a request's
 * path below {@code /api/v3/ws/} goes to: every segment must match, and of two matches the one with more fixed
 * segments wins. Placeholder values are percent-decoded; an encoded slash stays inside its segment.
 */
final class LiveRoutes {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*\\}");

    /** A channel with its parsed path. */
    record Route(LiveChannel channel, List<String> segments, int fixed) {
    }

    /** The channel a path goes to, with its placeholders' values. */
    record Match(LiveChannel channel, Map<String, String> parameters) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** Adds a channel; a path that is not well formed is refused. */
    void add(LiveChannel channel) {
        routes.add(parse(channel));
    }

    void remove(LiveChannel channel) {
        routes.removeIf(route -> route.channel() == channel);
    }

    static Route parse(LiveChannel channel) {
        String path = channel.path();
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw new IllegalArgumentException("A live channel's path is relative, with no empty segment: " + path);
        }
        List<String> segments = List.of(path.split("/"));
        int fixed = 0;
        for (String segment : segments) {
            if (segment.startsWith("{")) {
                if (!PLACEHOLDER.matcher(segment).matches()) {
                    throw new IllegalArgumentException("Bad placeholder " + segment + " in " + path);
                }
            } else if (segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("A placeholder is a whole segment: " + path);
            } else {
                fixed++;
            }
        }
        return new Route(channel, segments, fixed);
    }

    /** The channel for a raw (still percent-encoded) path below {@code /api/v3/ws/}. */
    Optional<Match> match(String rawPath) {
        String[] parts = rawPath.split("/", -1);
        Match best = null;
        int bestFixed = -1;
        for (Route route : routes) {
            if (route.segments().size() != parts.length || route.fixed() <= bestFixed) {
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                String segment = route.segments().get(i);
                String value = decode(parts[i]);
                if (value == null || value.isEmpty()) {
                    matches = false;
                } else if (segment.startsWith("{")) {
                    parameters.put(segment.substring(1, segment.length() - 1), value);
                } else {
                    matches = segment.equals(value);
                }
            }
            if (matches) {
                best = new Match(route.channel(), parameters);
                bestFixed = route.fixed();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Percent-decodes ({@code +} stays itself); {@code null} for a malformed escape. */
    static String decode(String raw) {
        try {
            return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The first value of each query parameter, percent-decoded ({@code +} is a space, as in forms). */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                query.putIfAbsent(java.net.URLDecoder.decode(name, StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Malformed query parameter " + name);
            }
        }
        return query;
    }
}
