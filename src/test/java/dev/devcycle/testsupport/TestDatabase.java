package dev.devcycle.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

/**
 * A database of a test's own with the agents' persistence unit on it: an in-memory H2 database, or a uniquely named
 * schema, dropped by {@link #close()}, in a PostgreSQL cluster the tests start themselves
 * ({@link PostgresServerProcess}; never the machine's shared PostgreSQL).
 */
public final class TestDatabase implements AutoCloseable {

    static final String PG_DATABASE = "postgres";
    static final String PG_USER = "postgres";

    private static final Logger LOG = Logger.getLogger(TestDatabase.class.getName());

    private final String description;
    private final StatementCountingDataSource dataSource;
    private final EntityManagerFactory emf;
    private final Runnable cleanup;

    private TestDatabase(String description, DataSource raw, Runnable cleanup) {
        this.description = description;
        this.dataSource = new StatementCountingDataSource(raw);
        this.cleanup = cleanup;
        this.emf = Persistence.createEntityManagerFactory("agents-test",
                Map.of(PersistenceUnitProperties.NON_JTA_DATASOURCE, dataSource));
    }

    /** A fresh in-memory H2 database, gone when closed. */
    public static TestDatabase h2() {
        JdbcDataSource ds = new JdbcDataSource();
        String name = "agents-" + UUID.randomUUID();
        // DB_CLOSE_DELAY keeps the database while the pool has no open connection.
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return new TestDatabase("H2 " + name, ds, () -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                LOG.warning("H2 shutdown failed: " + e);
            }
        });
    }

    /**
     * A new schema of this test's own in a PostgreSQL of the tests' own ({@link PostgresServerProcess}), dropped with
     * everything in it when closed.
     */
    public static TestDatabase postgres(PostgresServerProcess server) {
        String schema = "devcycle_test_" + UUID.randomUUID().toString().replace("-", "");
        String url = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + PG_DATABASE
                + "?connectTimeout=5";
        try (Connection c = DriverManager.getConnection(url, PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " on " + url, e);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {server.host()});
        ds.setPortNumbers(new int[] {server.port()});
        ds.setDatabaseName(PG_DATABASE);
        ds.setUser(PG_USER);
        ds.setCurrentSchema(schema);
        return new TestDatabase("PostgreSQL schema " + schema, ds, () -> {
            try (Connection c = DriverManager.getConnection(url, PG_USER, "");
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                LOG.warning("dropping schema " + schema + " failed: " + e);
            }
        });
    }

    public EntityManagerFactory emf() {
        return emf;
    }

    /** SELECT statements really executed on this database so far. */
    public long selects() {
        return dataSource.selects();
    }

    @Override
    public void close() {
        emf.close();
        cleanup.run();
    }

    @Override
    public String toString() {
        return description;
    }
}
