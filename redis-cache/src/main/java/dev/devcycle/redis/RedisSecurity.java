package dev.devcycle.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * ACL user and TLS settings: {@code REDIS_USERNAME} (with {@code REDIS_PASSWORD}), {@code REDIS_SSL},
 * {@code REDIS_SSL_TRUSTSTORE} / {@code REDIS_SSL_TRUSTSTORE_PASSWORD} / {@code REDIS_SSL_TRUSTSTORE_TYPE}, and an
 * optional client certificate {@code REDIS_SSL_KEYSTORE} / {@code REDIS_SSL_KEYSTORE_PASSWORD} /
 * {@code REDIS_SSL_KEYSTORE_TYPE}. Without a truststore, the JVM's default trust applies.
 */
public record RedisSecurity(Optional<String> username, boolean ssl, Optional<Path> truststore,
                            Optional<String> truststorePassword, String truststoreType, Optional<Path> keystore,
                            Optional<String> keystorePassword, String keystoreType) {

    public static final String USERNAME = "redis.username";
    public static final String SSL = "redis.ssl";
    public static final String TRUSTSTORE = "redis.ssl.truststore";
    public static final String TRUSTSTORE_PASSWORD = "redis.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "redis.ssl.truststore.type";
    public static final String KEYSTORE = "redis.ssl.keystore";
    public static final String KEYSTORE_PASSWORD = "redis.ssl.keystore.password";
    public static final String KEYSTORE_TYPE = "redis.ssl.keystore.type";

    public static RedisSecurity none() {
        return new RedisSecurity(Optional.empty(), false, Optional.empty(), Optional.empty(), "PKCS12",
                Optional.empty(), Optional.empty(), "PKCS12");
    }

    /** Reads the settings from a source of raw values; see {@link SettingReader}. */
    public static RedisSecurity from(Function<String, Optional<String>> source) {
        return from(SettingReader.of(source));
    }

    /**
     * Reads the settings; a store that is not a readable file, or a malformed {@code REDIS_SSL}, is rejected naming
     * the variable.
     */
    public static RedisSecurity from(SettingReader settings) {
        return new RedisSecurity(settings.text(USERNAME), settings.flag(SSL, false), file(settings, TRUSTSTORE),
                settings.raw(TRUSTSTORE_PASSWORD), settings.text(TRUSTSTORE_TYPE).orElse("PKCS12"),
                file(settings, KEYSTORE), settings.raw(KEYSTORE_PASSWORD),
                settings.text(KEYSTORE_TYPE).orElse("PKCS12"));
    }

    private static Optional<Path> file(SettingReader settings, String name) {
        Optional<String> path = settings.text(name);
        if (path.isPresent() && !Files.isReadable(Path.of(path.get()))) {
            throw settings.invalid(name, "is not a readable file");
        }
        return path.map(Path::of);
    }

    /** The socket factory for TLS connections, from the configured stores (the JVM defaults where none is set). */
    public SSLSocketFactory socketFactory() {
        try {
            TrustManagerFactory tmf = null;
            if (truststore.isPresent()) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(truststore.get(), truststoreType, truststorePassword));
            }
            KeyManagerFactory kmf = null;
            if (keystore.isPresent()) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(keystore.get(), keystoreType, keystorePassword),
                        keystorePassword.orElse("").toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Redis TLS stores cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path path, String type, Optional<String> password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password.map(String::toCharArray).orElse(null));
        }
        return store;
    }

    /** Passwords never appear in the text form. */
    @Override
    public String toString() {
        return "RedisSecurity[username=" + username.orElse("default") + ", ssl=" + ssl + ", truststore="
                + truststore.map(Path::toString).orElse("JVM default") + ", keystore="
                + keystore.map(Path::toString).orElse("none") + "]";
    }
}
