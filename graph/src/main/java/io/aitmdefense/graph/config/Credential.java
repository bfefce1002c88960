package io.aitmdefense.graph.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the product proves who it is. Exactly one per tenant file. Only file names and the command are held here,
 * never a secret: the secret is read when a token is needed, so it cannot reach a log through this object.
 */
public sealed interface Credential {

    /** The tenant-file key that chose this credential, for messages. */
    String key();

    /** App-only with a certificate (preferred): a PFX/PKCS#12 file, or a PEM file holding the certificate and its key. */
    record Certificate(Path file, Optional<Path> passwordFile) implements Credential {
        public String key() {
            return "certificateFile";
        }
    }

    /** App-only with a client secret kept in a file. */
    record ClientSecret(Path file) implements Credential {
        public String key() {
            return "clientSecretFile";
        }
    }

    /** A ready access token in a file (for example an analyst's delegated token); renewed by whoever writes the file. */
    record AccessTokenFile(Path file) implements Credential {
        public String key() {
            return "accessTokenFile";
        }
    }

    /**
     * A command that prints an access token, run without a shell; {@code {resource}} in an argument is replaced by
     * the API's resource (e.g. {@code https://outlook.office365.com}) so one command can serve every API.
     */
    record AccessTokenCommand(List<String> command) implements Credential {
        public AccessTokenCommand {
            command = List.copyOf(command);
        }

        public String key() {
            return "accessTokenCommand";
        }
    }
}
