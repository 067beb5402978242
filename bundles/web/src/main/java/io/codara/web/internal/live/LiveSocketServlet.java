package io.codara.web.internal.live;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.live.LiveChannel;
import io.codara.api.live.LiveRequest;
import io.codara.api.live.LiveSink;
import io.codara.api.live.LiveSubscription;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

import org.eclipse.jetty.ee10.servlet.ServletApiRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live streams at {@code /api/v3/ws/...}: finds the {@link LiveChannel} for the path, checks the RFC 6455
 * handshake, the caller (signed in by token, password or session cookie, as for the REST API: Codara's
 * authentication has run before this servlet) and, for browsers, that the page's Origin is this site (no
 * cross-site WebSocket hijacking with a session cookie), lets the channel authorise, and only then switches the
 * HTTP/1.1 connection to the WebSocket protocol. Refusals are plain HTTP answers with a GitHub-shaped JSON body.
 * When a channel's service goes away its open sockets are closed with 1001.
 *
 * <p>Jetty 12's servlet layer does not implement {@code HttpServletRequest.upgrade} ("Not implemented"), and the
 * Felix bundle embeds none of Jetty's WebSocket modules, so the upgrade uses Jetty's core mechanism (the request
 * attribute {@link HttpStream#UPGRADE_CONNECTION_ATTRIBUTE}) and the protocol is Codara's own small codec.
 */
@Component(service = Servlet.class, configurationPid = LiveSocketServlet.PID)
@Designate(ocd = LiveConfig.class)
// The REST whiteboard serves /api/v3 as a servlet context of its own, and Felix resolves the context first: a
// servlet in the default context would never see /api/v3/ws/. Inside the REST context "/ws/*" is longer than "/*".
@HttpWhiteboardContextSelect("(|(osgi.http.whiteboard.context.path=/api/v3)(osgi.http.whiteboard.context.path=/api/v3/))")
@HttpWhiteboardServletPattern(LiveSocketServlet.PREFIX + "*")
public final class LiveSocketServlet extends HttpServlet {

    static final String PID = "io.codara.web.live";
    /** The servlet's path in the REST API's servlet context ({@code /api/v3}). */
    static final String PREFIX = "/ws/";
    private static final long serialVersionUID = 1L;
    /** How long an accepted handshake may take to become a socket before its subscription is released. */
    private static final long UPGRADE_WAIT_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(LiveSocketServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient LiveRoutes routes = new LiveRoutes();
    private final transient Map<LiveChannel, Set<LiveSocket>> open = new ConcurrentHashMap<>();
    private final transient LiveSocket.Limits limits;

    @Activate
    public LiveSocketServlet(LiveConfig config) {
        this(new LiveSocket.Limits(Math.max(1, config.ping_seconds()) * 1000L, Math.max(1024, config.queue_bytes()),
                Math.max(125, config.max_message_bytes()), Math.max(0, config.close_wait_millis())));
    }

    LiveSocketServlet(LiveSocket.Limits limits) {
        this.limits = limits;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addChannel(LiveChannel channel) {
        try {
            open.put(channel, ConcurrentHashMap.newKeySet());
            routes.add(channel);
        } catch (RuntimeException e) {
            open.remove(channel);
            LOG.warn("Ignoring the live channel {}: {}", channel.getClass().getName(), e.getMessage());
        }
    }

    void removeChannel(LiveChannel channel) {
        routes.remove(channel);
        Set<LiveSocket> sockets = open.remove(channel);
        if (sockets != null) {
            for (LiveSocket socket : sockets) {
                socket.close(LiveSink.GOING_AWAY, "The stream's service stopped");
            }
        }
    }

    @Deactivate
    void deactivate() {
        for (LiveChannel channel : Set.copyOf(open.keySet())) {
            removeChannel(channel);
        }
    }

    /** The sockets open on a channel now. */
    int openSockets(LiveChannel channel) {
        Set<LiveSocket> sockets = open.get(channel);
        return sockets == null ? 0 : sockets.size();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String uri = request.getRequestURI();
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        String path = uri == null || !uri.startsWith(context + PREFIX) ? "" : uri.substring(context.length() + PREFIX.length());
        LiveRoutes.Match match = routes.match(path).orElse(null);
        if (match == null) {
            refuse(response, 404, "Not Found");
            return;
        }
        String problem = WebSocketHandshake.problem(request.getMethod(), request.getHeader("Upgrade"),
                request.getHeader("Connection"), request.getHeader("Sec-WebSocket-Version"),
                request.getHeader("Sec-WebSocket-Key"));
        if (problem != null) {
            if (problem.contains("version")) {
                response.setHeader("Sec-WebSocket-Version", "13");
                refuse(response, 426, problem);
            } else {
                refuse(response, 400, problem);
            }
            return;
        }
        Principal principal = Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE));
        if (principal.anonymous()) {
            refuse(response, 401, "Requires authentication");
            return;
        }
        if (request.getHeader("Authorization") == null && !sameSite(request.getHeader("Origin"), request.getHeader("Host"))) {
            refuse(response, 403, "Cross-site WebSocket requests are refused");
            return;
        }
        Request core = coreRequest(request);
        if (core == null || !"HTTP/1.1".equals(request.getProtocol())) {
            refuse(response, 400, "WebSocket streams need HTTP/1.1");
            return;
        }
        Map<String, String> query;
        try {
            query = LiveRoutes.query(request.getQueryString());
        } catch (IllegalArgumentException e) {
            refuse(response, 400, e.getMessage());
            return;
        }
        LiveChannel channel = match.channel();
        LiveSocket socket = new LiveSocket(principal.login() + " " + path, limits);
        LiveSubscription subscription;
        try {
            subscription = channel.open(new LiveRequest(principal, match.parameters(), query), socket);
        } catch (ApiException e) {
            refuse(response, e.status(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.error("The live channel {} failed to open {}", channel.getClass().getName(), path, e);
            refuse(response, 500, "Server Error");
            return;
        }
        socket.subscription(subscription == null ? () -> { } : subscription);
        Set<LiveSocket> sockets = open.get(channel);
        if (sockets == null) {
            socket.close(LiveSink.GOING_AWAY, "The stream's service stopped");
            refuse(response, 503, "The stream's service stopped");
            return;
        }
        sockets.add(socket);
        socket.onEnd(() -> sockets.remove(socket));
        if (open.get(channel) != sockets) {
            socket.close(LiveSink.GOING_AWAY, "The stream's service stopped"); // removed while this one opened
        }
        EndPoint endPoint = core.getConnectionMetaData().getConnection().getEndPoint();
        JettyLiveConnection connection = new JettyLiveConnection(endPoint, core.getComponents().getExecutor(),
                core.getComponents().getScheduler(), socket, limits.pingMillis() * 3);
        Request.unWrap(core).setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, connection);
        core.getComponents().getScheduler().schedule(socket::abandonIfUnattached, UPGRADE_WAIT_SECONDS, TimeUnit.SECONDS);
        response.setStatus(101);
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade");
        response.setHeader("Sec-WebSocket-Accept", WebSocketHandshake.accept(request.getHeader("Sec-WebSocket-Key")));
    }

    /**
     * Whether a browser's Origin is this site. A request without Origin is not from a browser's page; a browser
     * always sends one with a WebSocket handshake, and a cookie must not open a stream for another site's page.
     */
    static boolean sameSite(String origin, String host) {
        if (origin == null) {
            return true;
        }
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            String bare = host.endsWith(":80") && "http".equals(uri.getScheme())
                    || host.endsWith(":443") && "https".equals(uri.getScheme()) ? host.substring(0, host.lastIndexOf(':')) : host;
            return bare.equalsIgnoreCase(originHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Jetty's core request under the servlet wrappers, or {@code null} when this is not Jetty. */
    private static Request coreRequest(ServletRequest request) {
        ServletRequest unwrapped = request;
        while (unwrapped instanceof ServletRequestWrapper wrapper) {
            unwrapped = wrapper.getRequest();
        }
        if (!(unwrapped instanceof ServletApiRequest)) {
            return null;
        }
        ServletContextRequest context = ServletContextRequest.getServletContextRequest(unwrapped);
        return context;
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Codara\", charset=\"UTF-8\"");
        }
        response.setContentType("application/json;charset=utf-8");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("documentation_url", "https://docs.github.com/rest");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
        response.getOutputStream().flush();
        LOG.debug("Refused a live stream: {} {}", status, message);
    }
}
