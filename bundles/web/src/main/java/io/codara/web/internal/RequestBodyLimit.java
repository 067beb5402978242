package io.codara.web.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.metatype.annotations.Designate;

/** Refuses request bodies over the configured size with 413, whether or not they announce their length. */
@Component(service = ContainerRequestFilter.class, configurationPid = "io.codara.web")
@Designate(ocd = WebConfig.class)
@JakartarsExtension
@JakartarsName("codara.body-limit")
@PreMatching
public final class RequestBodyLimit implements ContainerRequestFilter {

    private final long maxBytes;

    @Activate
    public RequestBodyLimit(WebConfig config) {
        this.maxBytes = config.max_body_bytes();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxBytes));
        }
    }

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "Request body too large: the limit is " + maxBytes + " bytes");
    }

    /** Counts bytes as they are read and fails once the limit is passed. */
    static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            count += n;
            if (count > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
