package dev.devcycle.redis.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.devcycle.redis.SettingReader;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.inject.Named;
import redis.clients.jedis.UnifiedJedis;

/**
 * Decides which of the module's contributed beans an application gets, when it deploys:
 * <ul>
 * <li>the module's pooled Redis client ({@link RedisClientProducer}), unless the application has a
 * {@code UnifiedJedis} bean of its own with the default qualifier — a producer method or field, or an alternative
 * enabled by {@code @Priority}; the module's caches, health checks and metrics then use the application's client;</li>
 * <li>the beans marked {@link EnabledBy}, unless their property is {@code false}: the {@code redis} readiness and
 * {@code redis-client} startup checks ({@code redis.health.enabled}), the pool, circuit and cache metrics
 * ({@code redis.metrics.enabled}).</li>
 * </ul>
 * CDI has no "default bean" that yields to an application's, hence this extension: the client producer is added to
 * the deployment only once every type has been seen.
 */
public class ContributedBeansExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(ContributedBeansExtension.class.getName());
    private static final String MSG_SWITCHED_OFF = "{0} not deployed: {1} is false";
    private static final String MSG_APPLICATION_CLIENT = "Redis client of the application used ({0}); the module''s "
            + "own client is not created";
    private static final Set<Class<? extends Annotation>> DEFAULT_QUALIFIERS = Set.of(Default.class, Any.class,
            Named.class);

    private final List<String> applicationClients = new ArrayList<>();
    private final List<RuntimeException> problems = new ArrayList<>();
    private boolean producerListed;
    private SettingReader settings;

    <T> void switchable(@Observes @WithAnnotations(EnabledBy.class) ProcessAnnotatedType<T> event) {
        EnabledBy enabledBy = event.getAnnotatedType().getAnnotation(EnabledBy.class);
        if (enabledBy == null) {
            return;
        }
        try {
            if (!settings().flag(enabledBy.value(), true)) {
                event.veto();
                LOG.log(Level.INFO, MSG_SWITCHED_OFF, new Object[] {event.getAnnotatedType().getJavaClass()
                        .getSimpleName(), enabledBy.value()});
            }
        } catch (RuntimeException e) {
            // A malformed switch fails the deployment naming the variable, as every other setting does.
            problems.add(e);
        }
    }

    /** A bean class of the application that is a client itself (a subclass of a Jedis client with a scope). */
    <T extends UnifiedJedis> void clientClasses(@Observes ProcessAnnotatedType<T> event, BeanManager beans) {
        AnnotatedType<T> type = event.getAnnotatedType();
        if (hasScope(type, beans) && isDefault(type, type, beans)) {
            applicationClients.add(type.getJavaClass().getName());
        }
    }

    /** Producer methods and fields of the application whose type is a Jedis client. */
    <T> void clientProducers(@Observes @WithAnnotations(Produces.class) ProcessAnnotatedType<T> event,
                             BeanManager beans) {
        AnnotatedType<T> type = event.getAnnotatedType();
        Class<T> javaClass = type.getJavaClass();
        if (javaClass == RedisClientProducer.class) {
            // Listed by hand (a CDI SE container without discovery): it is there already.
            producerListed = true;
            return;
        }
        type.getMethods().stream()
                .filter(m -> m.isAnnotationPresent(Produces.class) && isClient(m.getBaseType())
                        && isDefault(m, type, beans))
                .forEach(m -> applicationClients.add(javaClass.getName() + "." + m.getJavaMember().getName() + "()"));
        type.getFields().stream()
                .filter(f -> f.isAnnotationPresent(Produces.class) && isClient(f.getBaseType())
                        && isDefault(f, type, beans))
                .forEach(f -> applicationClients.add(javaClass.getName() + "." + f.getJavaMember().getName()));
    }

    void addModuleClient(@Observes AfterTypeDiscovery event) {
        if (!applicationClients.isEmpty()) {
            LOG.log(Level.INFO, MSG_APPLICATION_CLIENT, String.join(", ", applicationClients));
        } else if (!producerListed) {
            event.addAnnotatedType(RedisClientProducer.class, RedisClientProducer.class.getName())
                    .add(ApplicationScoped.Literal.INSTANCE);
        }
    }

    void report(@Observes AfterBeanDiscovery event) {
        problems.forEach(event::addDefinitionError);
    }

    private SettingReader settings() {
        if (settings == null) {
            settings = MicroProfileSettings.of(ConfigProvider.getConfig());
        }
        return settings;
    }

    private static boolean isClient(Type type) {
        Type raw = type instanceof ParameterizedType p ? p.getRawType() : type;
        return raw instanceof Class<?> c && UnifiedJedis.class.isAssignableFrom(c);
    }

    private static boolean hasScope(Annotated annotated, BeanManager beans) {
        return annotated.getAnnotations().stream().anyMatch(a -> beans.isScope(a.annotationType()));
    }

    /**
     * Whether a bean or producer would satisfy {@code @Inject UnifiedJedis}: no qualifier other than
     * {@code @Default}, {@code @Any} or {@code @Named}, and, for an alternative, enabled by {@code @Priority}.
     */
    private static boolean isDefault(Annotated member, AnnotatedType<?> declaring, BeanManager beans) {
        boolean qualified = member.getAnnotations().stream().map(Annotation::annotationType)
                .anyMatch(a -> beans.isQualifier(a) && !DEFAULT_QUALIFIERS.contains(a));
        if (qualified) {
            return false;
        }
        boolean alternative = member.isAnnotationPresent(Alternative.class)
                || declaring.isAnnotationPresent(Alternative.class);
        return !alternative || member.isAnnotationPresent(Priority.class)
                || declaring.isAnnotationPresent(Priority.class);
    }
}
