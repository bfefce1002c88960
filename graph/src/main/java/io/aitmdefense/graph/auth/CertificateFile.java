package io.aitmdefense.graph.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's certificate and private key, from a PFX/PKCS#12 file (what the Entra and Azure portals export) or a
 * PEM file holding both the certificate and an unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}) key (what {@code az ad sp create-for-rbac --create-cert} writes). Public for the
 * console's Entra sign-in, which signs its client assertions with the same kind of certificate.
 */
public record CertificateFile(PrivateKey key, List<X509Certificate> chain) {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    /** @throws TokenException naming the file and what is wrong with it */
    public static CertificateFile load(Path file, Optional<Path> passwordFile) {
        byte[] bytes;
        char[] password;
        try {
            bytes = Files.readAllBytes(file);
            password = passwordFile.isPresent()
                    ? Files.readString(passwordFile.get(), StandardCharsets.UTF_8).strip().toCharArray() : new char[0];
        } catch (IOException e) {
            throw new TokenException("certificate: cannot read " + e.getMessage());
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        try {
            return text.contains("-----BEGIN ") ? pem(text, file) : pkcs12(bytes, password, file);
        } catch (GeneralSecurityException | IOException e) {
            throw new TokenException("certificateFile " + file + ": " + reason(e));
        }
    }

    private static CertificateFile pkcs12(byte[] bytes, char[] password, Path file) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(bytes), password);
        for (Enumeration<String> aliases = ks.aliases(); aliases.hasMoreElements(); ) {
            String alias = aliases.nextElement();
            if (ks.isKeyEntry(alias)) {
                PrivateKey key = (PrivateKey) ks.getKey(alias, password);
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : ks.getCertificateChain(alias)) chain.add((X509Certificate) c);
                return new CertificateFile(key, chain);
            }
        }
        throw new GeneralSecurityException("no private key in the PFX file");
    }

    private static CertificateFile pem(String text, Path file) throws GeneralSecurityException {
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "CERTIFICATE" -> chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
                case "PRIVATE KEY" -> key = rsaOrEc(der);
                case "RSA PRIVATE KEY" -> key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(der)));
                case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException(
                        "the key is encrypted; convert the pair to a PFX file (openssl pkcs12 -export) and give its"
                                + " password in certificatePasswordFile");
                default -> { }
            }
        }
        if (key == null) throw new GeneralSecurityException("no private key (BEGIN PRIVATE KEY) in the PEM file");
        if (chain.isEmpty()) throw new GeneralSecurityException("no certificate (BEGIN CERTIFICATE) in the PEM file");
        return new CertificateFile(key, chain);
    }

    private static PrivateKey rsaOrEc(byte[] pkcs8) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in the PKCS#8 envelope the JDK reads (version 0, rsaEncryption, octet string). */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octet = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octet.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octet, 0, body, version.length + algorithm.length, octet.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] len = n < 0x80 ? new byte[]{(byte) n}
                : n < 0x100 ? new byte[]{(byte) 0x81, (byte) n}
                : n < 0x10000 ? new byte[]{(byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[]{(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(content, 0, out, 1 + len.length, n);
        return out;
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        if (e instanceof IOException && m != null && m.contains("password")) {
            return "wrong password, or the PFX needs one (certificatePasswordFile)";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public String toString() {
        return "CertificateFile[subject=" + chain.get(0).getSubjectX500Principal() + "]";
    }
}
