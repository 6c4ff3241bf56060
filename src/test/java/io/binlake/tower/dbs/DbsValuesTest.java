package io.binlake.tower.dbs;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plain values of the package: validation, redaction, ids, escaping, provider choice. */
class DbsValuesTest {

    @Test
    void endpointsAndTargets_neverShowSecretsInToString() {
        DbsTarget http = new DbsTarget("10.0.0.1", 3306, DbsEndpoint.http("https://dbs.example.com/api/", "tok-SECRET"));
        DbsTarget jdbc = new DbsTarget("db1", 3306, DbsEndpoint.jdbc("admin", "pw-SECRET"));

        assertThat(http.toString()).isEqualTo("10.0.0.1:3306 via Http[apiUrl=https://dbs.example.com/api, token=***]");
        assertThat(jdbc.toString()).isEqualTo("db1:3306 via Jdbc[adminUser=admin, adminPassword=***]");
        assertThat(http.endpoint().kind()).isEqualTo(DbsKind.HTTP);
        assertThat(jdbc.endpoint().kind()).isEqualTo(DbsKind.JDBC);
    }

    @Test
    void httpEndpoint_isValidated_andLosesItsTrailingSlash() {
        assertThat(DbsEndpoint.http("http://dbs:8080//", "t").apiUrl()).isEqualTo(URI.create("http://dbs:8080"));
        assertThatThrownBy(() -> DbsEndpoint.http("ftp://dbs", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DbsEndpoint.http("dbs.example.com", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DbsEndpoint.http("http://u:pw@dbs", "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("pw");
        assertThatThrownBy(() -> DbsEndpoint.http("http://dbs?x=1", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DbsEndpoint.http("http://dbs", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DbsEndpoint.jdbc("", "pw")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DbsEndpoint.jdbc("root", null).adminPassword()).isEmpty();
    }

    @Test
    void target_refusesHostsThatCouldAddUrlParameters() {
        assertThat(new DbsTarget("::1", 3306, DbsEndpoint.jdbc("r", "")).address()).isEqualTo("::1:3306");
        for (String host : List.of("", "db1/x", "db1?user=x", "a b", "db1&allowLoadLocalInfile=true")) {
            assertThatThrownBy(() -> new DbsTarget(host, 3306, DbsEndpoint.jdbc("r", "")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new DbsTarget("db1", 0, DbsEndpoint.jdbc("r", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DbsTarget("db1", 3306, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void orderValues_areValidated() {
        assertThat(new OrderRequest("i", "g", "u", null, " ").topics()).isEmpty();
        assertThat(new OrderRequest("i", "g", "u", null, " ").callbackHint()).isNull();
        assertThatThrownBy(() -> new OrderRequest("", "g", "u", List.of(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DbsOrder(" ", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DbsOrder("x".repeat(65), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kind_parsesStoredNamesCaseInsensitively() {
        assertThat(DbsKind.parse("http")).isEqualTo(DbsKind.HTTP);
        assertThat(DbsKind.parse(" JDBC ")).isEqualTo(DbsKind.JDBC);
        assertThatThrownBy(() -> DbsKind.parse("ldap")).hasMessageContaining("unknown DBS provider 'ldap'");
    }

    @Test
    void providers_chooseByTheTargetsKind() {
        HttpDbsProvider http = new HttpDbsProvider(DbsProperties.defaults());
        JdbcDbsProvider jdbc = new JdbcDbsProvider(DbsProperties.defaults());
        DbsProviders providers = new DbsProviders(List.of(http, jdbc));

        assertThat(providers.forTarget(new DbsTarget("h", 1, DbsEndpoint.http("http://dbs", "t")))).isSameAs(http);
        assertThat(providers.forTarget(new DbsTarget("h", 1, DbsEndpoint.jdbc("r", "")))).isSameAs(jdbc);
        assertThat(providers.get(DbsKind.JDBC)).isSameAs(jdbc);
        assertThatThrownBy(() -> new DbsProviders(List.of(http)).get(DbsKind.JDBC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DbsProviders(List.of(http, http))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void properties_haveTheDocumentedDefaults() {
        DbsProperties defaults = DbsProperties.defaults();
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.orderPath()).isEqualTo("/order/create");
        assertThat(defaults.jdbcTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void requestIds_areUniqueAndIncreasing_evenUnderConcurrency() throws Exception {
        RequestIds ids = new RequestIds();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    seen.add(ids.next());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(seen).hasSize(40_000).allSatisfy(id -> assertThat(id).isPositive().isLessThan(1L << 53));
        long a = ids.next();
        assertThat(ids.next()).isGreaterThan(a);
    }

    @Test
    void dumpAccountRules_refuseAnythingThatWouldNeedQuoting() {
        assertThat(DumpAccounts.user("binlake_dump")).isEqualTo("binlake_dump");
        for (String user : List.of("a'; DROP USER root; --", "", "x".repeat(33), "dump-user", "dump user", "dümp")) {
            assertThatThrownBy(() -> DumpAccounts.user(user)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(DumpAccounts.hostPatterns(List.of("10.%", "fe80::1", "db_%.example.com", "10.%")))
                .containsExactly("10.%", "fe80::1", "db_%.example.com");
        for (String pattern : List.of("10.%'", "10.% ", "", "x".repeat(61), "a\\b")) {
            assertThatThrownBy(() -> DumpAccounts.hostPatterns(List.of(pattern))).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> DumpAccounts.password("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DumpAccounts.password("ab\u0000cd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("ab");
    }

    @Test
    void stringLiteral_escapesForBothBackslashModes() {
        assertThat(JdbcDbsProvider.stringLiteral("it's", false)).isEqualTo("'it''s'");
        assertThat(JdbcDbsProvider.stringLiteral("a\\'b", false)).isEqualTo("'a\\\\''b'");
        assertThat(JdbcDbsProvider.stringLiteral("a\\'b", true)).isEqualTo("'a\\''b'");
        assertThat(JdbcDbsProvider.stringLiteral("plain", true)).isEqualTo("'plain'");
    }

    @Test
    void exceptionMessages_nameOperationAndTarget() {
        DbsRefusedException refused = new DbsRefusedException(DbsOperation.FORCE_ROW_FORMAT, "h:1", 2, "no");
        DbsUnavailableException unavailable = new DbsUnavailableException(DbsOperation.OPEN_ORDER, "h:1", "down", null);

        assertThat(refused).hasMessage("DBS refused force-row-format for h:1: no (status 2)");
        assertThat(unavailable).hasMessage("DBS unavailable for open-order of h:1: down");
        assertThat(new DbsRefusedException(DbsOperation.VERIFY_REPLICA, "h:1", null, null).status()).isNull();
    }
}
