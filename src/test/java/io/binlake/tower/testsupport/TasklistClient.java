package io.binlake.tower.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Does what the Tasklist web application does in a browser: logs in through the webapp's own login (a session
 * cookie and Camunda's CSRF token), then submits a task form through the webapp's engine API.
 */
public final class TasklistClient {
    private final int port;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public TasklistClient(int port) {
        this.port = port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    public int login(String user, String password) {
        send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).GET().build());
        String form = "username=" + enc(user) + "&password=" + enc(password);
        int status = send(withCsrf(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build()).statusCode();
        // The login starts a new session; like the browser app, read the user back to get its CSRF token.
        send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default")).GET().build());
        return status;
    }

    /** POST .../task/{id}/submit-form, as Tasklist's generated form does; returns status and body. */
    public String submitForm(String taskId, String variablesJson) {
        HttpResponse<String> r = send(withCsrf(HttpRequest.newBuilder(
                uri("/camunda/api/engine/engine/default/task/" + taskId + "/submit-form")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":" + variablesJson + "}")).build());
        return r.statusCode() + " " + r.body();
    }

    private HttpRequest.Builder withCsrf(HttpRequest.Builder b) {
        for (HttpCookie c : cookies.getCookieStore().getCookies()) {
            if ("XSRF-TOKEN".equals(c.getName())) {
                b.header("X-XSRF-TOKEN", c.getValue());
            }
        }
        return b;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
