package dev.devcycle.testsupport;

import java.lang.reflect.Proxy;
import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * A JNDI provider for Weld SE tests that knows one name, {@code java:comp/TransactionSynchronizationRegistry}, bound
 * to the registry a test sets in {@link #registry}, so the caching layer's production lookup runs unchanged.
 * Install it with {@code System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TransactionRegistryJndi.class.getName())}.
 */
public class TransactionRegistryJndi implements InitialContextFactory {

    /** What the lookup answers; null makes it answer like a server without JTA (no registry). */
    public static volatile TransactionSynchronizationRegistry registry;

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
                    case "toString" -> "TransactionRegistryJndi";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
