package it.dev.devcycle;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import redis.clients.jedis.Jedis;

/**
 * A raw connection to the ITs' Redis for each test that declares a {@link Jedis} parameter, closed after that test,
 * for reading and writing keys in assertions:
 *
 * <pre>{@code
 * @ExtendWith(ItRedis.class)
 * class SomeIT {
 *     @Test
 *     void entryIsStored(Jedis redis) { ... redis.get("devcycle:cache:k") ... }
 * }
 * }</pre>
 *
 * One per test because a test that stops Redis breaks its connection; such a test opens a new one after the restart
 * ({@link ItEnvironment#redis()}).
 */
public final class ItRedis implements ParameterResolver {

    private static final ExtensionContext.Namespace CONNECTIONS = ExtensionContext.Namespace.create(ItRedis.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Jedis.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Jedis connection = ItEnvironment.redis();
        context.getStore(CONNECTIONS).put(parameter.getIndex(),
                (ExtensionContext.Store.CloseableResource) connection::close);
        return connection;
    }
}
