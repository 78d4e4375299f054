package dev.devcycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The module's public API is the public types of {@code dev.devcycle.cache}, {@code dev.devcycle.redis} and {@code dev.devcycle.jcache}; everything
 * else lives in packages named {@code internal}. No public or protected member of the API may hand out or take an
 * internal type, so an application can never come to depend on one.
 */
class PublicApiTest {

    static final List<String> API_PACKAGES = List.of("dev.devcycle.cache", "dev.devcycle.redis", "dev.devcycle.jcache");

    @Test
    void noPublicSignatureOfTheApiMentionsAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> api = apiTypes();
        assertTrue(api.size() > 20, "the API types were found: " + api);
        for (Class<?> type : api) {
            List<Executable> members = new ArrayList<>(List.of(type.getDeclaredConstructors()));
            members.addAll(List.of(type.getDeclaredMethods()));
            for (Executable member : members) {
                if (!exposed(member.getModifiers()) || member.isSynthetic()) {
                    continue;
                }
                List<Type> types = new ArrayList<>(List.of(member.getGenericParameterTypes()));
                if (member instanceof Method method) {
                    types.add(method.getGenericReturnType());
                }
                for (Type t : types) {
                    if (mentionsInternal(t)) {
                        leaks.add(type.getName() + "." + member.getName() + ": " + t.getTypeName());
                    }
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (exposed(field.getModifiers()) && mentionsInternal(field.getGenericType())) {
                    leaks.add(type.getName() + "." + field.getName() + ": " + field.getGenericType().getTypeName());
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    /** Every type outside the API packages is in an internal package (or the tests' support). */
    @Test
    void everyOtherPackageIsInternal() throws Exception {
        try (Stream<Path> files = Files.walk(classesRoot())) {
            List<String> outside = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classesRoot().relativize(f.getParent()).toString().replace('/', '.'))
                    .distinct()
                    .filter(p -> !API_PACKAGES.contains(p) && !p.contains(".internal"))
                    .toList();
            assertEquals(List.of(), outside);
        }
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static boolean mentionsInternal(Type type) {
        if (type instanceof Class<?> c) {
            Class<?> base = c.isArray() ? c.getComponentType() : c;
            return base.getPackageName().contains(".internal");
        }
        if (type instanceof ParameterizedType p) {
            if (mentionsInternal(p.getRawType())) {
                return true;
            }
            for (Type argument : p.getActualTypeArguments()) {
                if (mentionsInternal(argument)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Class<?>> apiTypes() throws IOException, ClassNotFoundException, URISyntaxException {
        List<Class<?>> types = new ArrayList<>();
        for (String pkg : API_PACKAGES) {
            try (Stream<Path> files = Files.list(classesRoot().resolve(pkg.replace('.', '/')))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = pkg + "." + file.getFileName().toString().replace(".class", "");
                    Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
                    if (Modifier.isPublic(type.getModifiers())) {
                        types.add(type);
                    }
                }
            }
        }
        return types;
    }

    /** The module's main classes (target/classes), not the tests'. */
    private static Path classesRoot() {
        try {
            return Path.of(dev.devcycle.cache.RedisCache.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
