package io.binlake.tower.dbs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * A cluster's DBS settings, one record per {@link DbsKind}. The secrets they carry never appear in
 * {@link #toString()}, so a target can be logged or put into an exception message as it is.
 */
public sealed interface DbsEndpoint permits DbsEndpoint.Http, DbsEndpoint.Jdbc {

    DbsKind kind();

    /** @see Http */
    static Http http(String apiUrl, String token) {
        if (apiUrl == null || apiUrl.isBlank()) {
            throw new IllegalArgumentException("the DBS API URL is required for the http provider");
        }
        try {
            return new Http(new URI(apiUrl.trim()), token);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the DBS API URL is not a URL: " + e.getMessage());
        }
    }

    /** @see Jdbc */
    static Jdbc jdbc(String adminUser, String adminPassword) {
        return new Jdbc(adminUser, adminPassword);
    }

    /**
     * JD's DBS API.
     *
     * @param apiUrl base URL the routes are appended to (a trailing {@code /} is dropped); no user info, so the URL
     *               itself never carries a secret
     * @param token  sent as the {@code token} header of every call
     */
    record Http(URI apiUrl, String token) implements DbsEndpoint {
        public Http {
            Objects.requireNonNull(apiUrl, "apiUrl");
            String scheme = apiUrl.getScheme();
            if (!apiUrl.isAbsolute() || apiUrl.getHost() == null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("the DBS API URL must be an absolute http(s) URL, got '" + apiUrl + "'");
            }
            if (apiUrl.getRawUserInfo() != null) {
                throw new IllegalArgumentException("the DBS API URL must not carry credentials; the token is a setting of its own");
            }
            if (apiUrl.getRawQuery() != null || apiUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("the DBS API URL must not have a query or fragment, got '" + apiUrl + "'");
            }
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("the DBS token is required for the http provider");
            }
            String path = apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            apiUrl = URI.create(apiUrl.getScheme() + "://" + apiUrl.getRawAuthority() + path);
        }

        @Override
        public DbsKind kind() {
            return DbsKind.HTTP;
        }

        @Override
        public String toString() {
            return "Http[apiUrl=" + apiUrl + ", token=***]";
        }
    }

    /**
     * Straight SQL on the instance.
     *
     * @param adminUser     an account on the instance allowed to read replica status, create users, grant
     *                      replication privileges with grant option, and set global variables
     * @param adminPassword its password ({@code null} is taken as empty)
     */
    record Jdbc(String adminUser, String adminPassword) implements DbsEndpoint {
        public Jdbc {
            if (adminUser == null || adminUser.isBlank()) {
                throw new IllegalArgumentException("the DBS admin user is required for the jdbc provider");
            }
            adminPassword = adminPassword == null ? "" : adminPassword;
        }

        @Override
        public DbsKind kind() {
            return DbsKind.JDBC;
        }

        @Override
        public String toString() {
            return "Jdbc[adminUser=" + adminUser + ", adminPassword=***]";
        }
    }
}
