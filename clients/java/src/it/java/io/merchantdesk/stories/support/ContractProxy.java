package io.merchantdesk.stories.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.merchantdesk.contract.ContractValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Stands between the generated client and the packaged service and checks every exchange against the served
 * OpenAPI document ({@link ContractValidator}), so the stories prove the document as well as the behaviour. An
 * answer that departs from the document is not passed on: the client gets a 502 problem
 * {@code CONTRACT_VIOLATION} listing the departures, and the story fails at the call that caused it.
 */
final class ContractProxy {
    /** Hop-by-hop and computed headers the JDK client and server set themselves. */
    private static final Set<String> SKIPPED_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive", "te", "trailer", "date");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;

    private ContractProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "contract-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** A proxy in front of {@code target}, listening on a free loopback port. */
    static ContractProxy start(URI target) {
        try {
            return new ContractProxy(target);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the contract proxy", e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void stop() {
        server.stop(0);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .method(method, requestBody.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(requestBody));
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                if (SKIPPED_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) continue;
                for (String v : h.getValue()) request.header(h.getKey(), v);
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            String requestType = exchange.getRequestHeaders().getFirst("Content-Type");
            String responseType = response.headers().firstValue("Content-Type").orElse(null);
            List<String> violations = ContractValidator.forService(target).violations(new ContractValidator.Exchange(method,
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), requestType, text(requestBody), response.statusCode(), responseType,
                    text(response.body())));
            if (!violations.isEmpty()) {
                refuse(exchange, method + " " + exchange.getRequestURI().getRawPath(), violations, response);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!SKIPPED_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            boolean bodyless = "HEAD".equals(method) || response.statusCode() == 204 || response.statusCode() == 304;
            exchange.sendResponseHeaders(response.statusCode(), bodyless || body.length == 0 ? -1 : body.length);
            if (!bodyless && body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static void refuse(HttpExchange exchange, String call, List<String> violations, HttpResponse<byte[]> response) throws IOException {
        String detail = call + " answered " + response.statusCode() + ", which departs from the OpenAPI document: "
                + String.join("; ", violations) + " | answer: " + text(response.body());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://merchantdesk.dev/problems/contract-violation");
        problem.put("title", "Contract violation");
        problem.put("status", 502);
        problem.put("code", "CONTRACT_VIOLATION");
        problem.put("detail", detail);
        byte[] bytes = JSON.writeValueAsBytes(problem);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(502, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        System.err.println("CONTRACT VIOLATION: " + detail);
    }

    private static String text(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
    }

}
