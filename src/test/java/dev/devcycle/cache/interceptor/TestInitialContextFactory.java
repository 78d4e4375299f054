package dev.devcycle.cache.interceptor;

import java.lang.reflect.Proxy;
import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

import dev.devcycle.cache.FakeTransactionRegistry;

/**
 * A JNDI provider for Weld SE tests that knows one name, {@code java:comp/TransactionSynchronizationRegistry}, bound
 * to a {@link FakeTransactionRegistry}, so the production lookup path runs unchanged.
 */
public class TestInitialContextFactory implements InitialContextFactory {

    static volatile FakeTransactionRegistry registry;

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> {
                        if ("java:comp/TransactionSynchronizationRegistry".equals(String.valueOf(args[0]))) {
                            yield registry;
                        }
                        throw new NameNotFoundException(String.valueOf(args[0]));
                    }
                    case "close" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "TestInitialContext";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
