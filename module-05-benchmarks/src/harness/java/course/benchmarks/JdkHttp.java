package course.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * The JDK's built-in HTTP server ({@code com.sun.net.httpserver}) set up for Ex07, so the exercise
 * is about threads, not plumbing. Its one dispatcher thread accepts connections and reads which
 * ones have a request ready; each request (an "exchange") then runs on the {@link Executor} you
 * give it, from reading the request to writing the answer.
 */
public final class JdkHttp {

    /** Pending connections the kernel may queue before the server accepts them (as Netty's default on Linux). */
    static final int BACKLOG = 4096;

    private JdkHttp() {
    }

    /**
     * Starts a server on 127.0.0.1 (a free port) that runs {@code handler} for every request on
     * {@code executor}. If the handler throws before it answered, the client gets a 500, as a
     * servlet container would answer. Stop it with {@code server.stop(0)}: the executor is yours
     * to close.
     */
    public static HttpServer start(Executor executor, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        server.createContext("/", exchange -> {
            try {
                handler.handle(exchange);
            } catch (IOException | RuntimeException | Error e) {
                if (exchange.getResponseCode() == -1) { // nothing sent yet: say it failed
                    exchange.sendResponseHeaders(500, -1);
                }
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
        return server;
    }

    /** The request's id: N in {@code /?id=N}. */
    public static int id(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null || !query.startsWith("id=")) {
            throw new IllegalArgumentException("expected /?id=N, got " + exchange.getRequestURI());
        }
        return Integer.parseInt(query.substring(3));
    }

    /** Answers 200 with a JSON body. */
    public static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
    }

    /** The port a started server listens on. */
    public static int port(HttpServer server) {
        return server.getAddress().getPort();
    }
}
