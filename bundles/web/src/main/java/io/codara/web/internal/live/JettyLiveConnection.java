package io.codara.web.internal.live;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The connection Jetty switches to after the 101 answer: reads the client's bytes into the {@link LiveSocket} and
 * writes its frames, with Jetty's own executor and scheduler (no threads of ours).
 */
final class JettyLiveConnection extends AbstractConnection implements LiveSocket.Transport {

    private final LiveSocket socket;
    private final Scheduler scheduler;
    private final ByteBuffer buffer = BufferUtil.allocate(8192);

    JettyLiveConnection(EndPoint endPoint, Executor executor, Scheduler scheduler, LiveSocket socket, long idleMillis) {
        super(endPoint, executor);
        this.socket = socket;
        this.scheduler = scheduler;
        endPoint.setIdleTimeout(idleMillis);
    }

    @Override
    public void onOpen() {
        super.onOpen();
        socket.attach(this);
        fillInterested();
    }

    @Override
    public void onFillable() {
        EndPoint endPoint = getEndPoint();
        try {
            while (true) {
                BufferUtil.clear(buffer);
                int filled = endPoint.fill(buffer);
                if (filled > 0) {
                    socket.receive(buffer);
                } else if (filled == 0) {
                    if (endPoint.isOpen()) {
                        fillInterested();
                    }
                    return;
                } else {
                    socket.transportClosed();
                    return;
                }
            }
        } catch (java.io.IOException e) {
            socket.transportClosed();
        }
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        socket.transportClosed();
    }

    @Override
    public void write(ByteBuffer[] buffers, Runnable done, Consumer<Throwable> failed) {
        getEndPoint().write(Callback.from(done, failed), buffers);
    }

    @Override
    public void close() {
        getEndPoint().close();
    }

    @Override
    public Runnable schedule(Runnable task, long millis) {
        Scheduler.Task scheduled = scheduler.schedule(task, millis, TimeUnit.MILLISECONDS);
        return scheduled::cancel;
    }
}
