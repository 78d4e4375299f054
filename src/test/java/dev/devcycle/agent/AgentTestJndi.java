package dev.devcycle.agent;

import java.lang.reflect.Proxy;
import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

/**
 * A JNDI provider knowing only {@code java:comp/TransactionSynchronizationRegistry}, bound to the tests'
 * {@link ThreadTransactions}, so the caching layer's production lookup finds a transaction registry in Weld SE.
 */
public class AgentTestJndi implements InitialContextFactory {

    static final ThreadTransactions TRANSACTIONS = new ThreadTransactions();

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> {
                        if ("java:comp/TransactionSynchronizationRegistry".equals(String.valueOf(args[0]))) {
                            yield TRANSACTIONS;
                        }
                        throw new NameNotFoundException(String.valueOf(args[0]));
                    }
                    case "close" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "AgentTestJndi";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
