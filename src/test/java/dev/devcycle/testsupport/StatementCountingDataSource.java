package dev.devcycle.testsupport;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A data source that counts the SELECT statements really executed through it, below the persistence provider, so a
 * test can hold the application's own query counter to the truth.
 */
public final class StatementCountingDataSource implements DataSource {

    private final DataSource target;
    private final AtomicLong selects = new AtomicLong();

    public StatementCountingDataSource(DataSource target) {
        this.target = target;
    }

    /** SELECT statements executed so far. */
    public long selects() {
        return selects.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        return proxy(Connection.class, connection, (method, args, result) -> {
            if (result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")) {
                String sql = (String) args[0];
                return proxy(PreparedStatement.class, ps, (m, a, r) -> {
                    if (m.getName().startsWith("execute") && (a == null || a.length == 0)) {
                        countIfSelect(sql);
                    }
                    return r;
                });
            }
            if (result instanceof Statement st && method.getName().equals("createStatement")) {
                return proxy(Statement.class, st, (m, a, r) -> {
                    if (m.getName().startsWith("execute") && a != null && a.length > 0 && a[0] instanceof String s) {
                        countIfSelect(s);
                    }
                    return r;
                });
            }
            return result;
        });
    }

    private void countIfSelect(String sql) {
        if (sql.stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT")) {
            selects.incrementAndGet();
        }
    }

    @FunctionalInterface
    private interface AfterCall {
        Object after(Method method, Object[] args, Object result);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, AfterCall after) {
        InvocationHandler handler = (p, method, args) -> {
            try {
                return after.after(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
