package dev.devcycle.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority, a server certificate for 127.0.0.1 signed by it, and PKCS12 truststores, made with
 * {@code openssl} and {@code keytool} in a temporary folder at test time: no key is ever committed.
 */
public final class ThrowawayCertificates {

    public static final String STORE_PASSWORD = "changeit";

    private final Path dir;

    private ThrowawayCertificates(Path dir) {
        this.dir = dir;
    }

    /** A CA named {@code name} and a server certificate signed by it. */
    public static ThrowawayCertificates create(String name) {
        try {
            Path dir = Files.createTempDirectory("tls-" + name + "-");
            ThrowawayCertificates certs = new ThrowawayCertificates(dir);
            certs.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=" + name + " test CA", "-keyout", "ca.key", "-out", "ca.crt");
            certs.run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                    "-keyout", "server.key", "-out", "server.csr");
            Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            certs.run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.crt");
            certs.run("keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt",
                    "-keystore", "truststore.p12", "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
            return certs;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** A PKCS12 truststore holding only this CA, password {@value #STORE_PASSWORD}. */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /** The redis-server options serving TLS with this certificate on a port of its own. */
    public List<String> redisServerArgs(int tlsPort) {
        return List.of("--tls-port", String.valueOf(tlsPort), "--tls-cert-file", serverCertificate().toString(),
                "--tls-key-file", serverKey().toString(), "--tls-ca-cert-file", caCertificate().toString(),
                "--tls-auth-clients", "no");
    }

    private void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
