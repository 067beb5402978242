package io.codara.auth.internal;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The web session cookie's attributes: HttpOnly (scripts cannot read it), SameSite=Lax (other sites cannot make
 * the browser send it with their writes), Secure when the request came over HTTPS (directly or through a proxy
 * that says so).
 */
final class SessionCookies {

    private SessionCookies() {
    }

    static String issue(HttpServletRequest request, String secret, Duration maxAge) {
        return RequestAuthentication.SESSION_COOKIE + "=" + secret + "; Path=/; Max-Age=" + maxAge.toSeconds()
                + "; HttpOnly; SameSite=Lax" + (secure(request) ? "; Secure" : "");
    }

    static String expired(HttpServletRequest request) {
        return RequestAuthentication.SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secure(request) ? "; Secure" : "");
    }

    static boolean secure(HttpServletRequest request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }
}
