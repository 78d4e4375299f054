package dev.devcycle.testsupport;

import java.net.InetSocketAddress;
import java.net.Socket;
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
 * schema in the local PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust auth) that
 * {@link #close()} drops, so the shared server's other data is never touched.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String PG_HOST = "127.0.0.1";
    public static final int PG_PORT = 5432;
    public static final String PG_DATABASE = "test";
    public static final String PG_USER = "postgres";

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

    /** True when the local PostgreSQL accepts connections. */
    public static boolean postgresReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(PG_HOST, PG_PORT), 1000);
        } catch (Exception e) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(adminUrl(), PG_USER, "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** A new schema of this test's own in the local PostgreSQL, dropped with everything in it when closed. */
    public static TestDatabase postgres() {
        String schema = "devcycle_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(adminUrl(), PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {PG_HOST});
        ds.setPortNumbers(new int[] {PG_PORT});
        ds.setDatabaseName(PG_DATABASE);
        ds.setUser(PG_USER);
        ds.setCurrentSchema(schema);
        return new TestDatabase("PostgreSQL schema " + schema, ds, () -> {
            try (Connection c = DriverManager.getConnection(adminUrl(), PG_USER, "");
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                LOG.warning("dropping schema " + schema + " failed: " + e);
            }
        });
    }

    private static String adminUrl() {
        return "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + PG_DATABASE + "?connectTimeout=2";
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
