package io.aitmdefense.graph.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away RSA key and self-signed certificate made by the JDK's own {@code keytool} (no test keys are kept in
 * the repository), written as a password-protected PFX and as one unencrypted PEM file (certificate + PKCS#8 key).
 * The certificate names 127.0.0.1 and localhost, so it also serves as {@link LocalMicrosoft}'s TLS certificate.
 */
public record SelfSignedCertificate(Path pfx, Path pfxPasswordFile, String password, Path pem, PrivateKey key,
                                    X509Certificate certificate) {

    public static SelfSignedCertificate create(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path pfx = dir.resolve(name + ".pfx");
            String password = "pw-" + Long.toHexString(System.nanoTime());
            Files.deleteIfExists(pfx);
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize",
                    "2048", "-validity", "3", "-dname", "CN=" + name, "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-storetype", "PKCS12", "-keystore", pfx.toString(), "-storepass", password, "-keypass", password))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("keytool failed: " + out);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(pfx)) {
                ks.load(in, password.toCharArray());
            }
            PrivateKey key = (PrivateKey) ks.getKey(name, password.toCharArray());
            X509Certificate cert = (X509Certificate) ks.getCertificate(name);
            Path pem = dir.resolve(name + ".pem");
            Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            Path pw = dir.resolve(name + ".pfx.password");
            Files.writeString(pw, password + "\n");
            return new SelfSignedCertificate(pfx, pw, password, pem, key, cert);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
