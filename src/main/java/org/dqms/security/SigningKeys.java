package org.dqms.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.dqms.platform.Deployment;
import org.dqms.platform.InvalidSettingException;
import org.dqms.platform.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the signing key in the settings. No key is refused in production; in development a key is
 * generated once and kept in {@code <DQMS_DATA_DIR>/jwt-secret}, so sessions survive restarts.
 * Messages name the variable and never contain the key.
 */
final class SigningKeys {

    static final String SECRET = "DQMS_JWT_SECRET";
    static final String PRIVATE_KEY_FILE = "DQMS_JWT_PRIVATE_KEY_FILE";
    static final String DEVELOPMENT_FILE = "jwt-secret";

    /** HS256 needs a key at least as long as its hash (RFC 7518, section 3.2). */
    static final int MIN_SECRET_BYTES = 32;

    static final int MIN_RSA_BITS = 2048;

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HOW_TO_MAKE_ONE = "generate one with `openssl rand -base64 32`";

    private SigningKeys() {}

    static SigningKey resolve(SecuritySettings settings, Deployment deployment) {
        boolean hasSecret = isSet(settings.jwtSecret()) || isSet(settings.jwtSecretFile());
        if (hasSecret && isSet(settings.jwtPrivateKeyFile())) {
            throw new InvalidSettingException(
                    PRIVATE_KEY_FILE,
                    "set either " + SECRET + " (or " + SECRET + "_FILE) or " + PRIVATE_KEY_FILE + ", not both");
        }
        if (isSet(settings.jwtPrivateKeyFile())) {
            return rsa(Path.of(settings.jwtPrivateKeyFile().strip()));
        }
        Optional<String> secret = Secrets.read(SECRET, settings.jwtSecret(), settings.jwtSecretFile());
        if (secret.isPresent()) {
            String variable = isSet(settings.jwtSecretFile()) ? SECRET + "_FILE" : SECRET;
            return hmac(variable, secret.get());
        }
        if (deployment.production()) {
            throw new InvalidSettingException(
                    SECRET,
                    "not set; production needs a key to sign sessions: " + SECRET + " or " + SECRET + "_FILE (HS256, "
                            + HOW_TO_MAKE_ONE + ") or " + PRIVATE_KEY_FILE + " (RS256)");
        }
        return development(deployment.dataDir());
    }

    /** The secret is base64 (standard or URL-safe alphabet), so that its length counts random bytes. */
    static SigningKey.Hmac hmac(String variable, String encoded) {
        byte[] key;
        try {
            String compact = encoded.replaceAll("\\s", "").replace('-', '+').replace('_', '/');
            key = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(variable, "is not base64; " + HOW_TO_MAKE_ONE);
        }
        if (key.length < MIN_SECRET_BYTES) {
            throw new InvalidSettingException(
                    variable,
                    "is shorter than 256 bits; HS256 needs at least " + MIN_SECRET_BYTES + " random bytes in base64, "
                            + HOW_TO_MAKE_ONE);
        }
        return new SigningKey.Hmac(new SecretKeySpec(key, "HmacSHA256"));
    }

    static SigningKey.Rsa rsa(Path file) {
        String pem = Secrets.readFile(PRIVATE_KEY_FILE, file);
        if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new InvalidSettingException(
                    PRIVATE_KEY_FILE,
                    file + " is not an unencrypted PKCS#8 key; convert it with"
                            + " `openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem`");
        }
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!(rsa.generatePrivate(
                            new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)))
                    instanceof RSAPrivateCrtKey privateKey)) {
                throw new InvalidSettingException(PRIVATE_KEY_FILE, file + " has no public exponent to derive from");
            }
            if (privateKey.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new InvalidSettingException(
                        PRIVATE_KEY_FILE,
                        file + " holds a " + privateKey.getModulus().bitLength() + "-bit key; RS256 needs at least "
                                + MIN_RSA_BITS + " bits");
            }
            RSAPublicKey publicKey = (RSAPublicKey)
                    rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new SigningKey.Rsa(privateKey, publicKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidSettingException(
                    PRIVATE_KEY_FILE,
                    file + " is not an RSA private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----); make one with"
                            + " `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out key.pem`");
        }
    }

    private static SigningKey development(Path dataDir) {
        Path file = dataDir.resolve(DEVELOPMENT_FILE);
        if (Files.exists(file)) {
            SigningKey key;
            try {
                key = hmac(SECRET, Secrets.readFile("DQMS_DATA_DIR", file));
            } catch (InvalidSettingException e) {
                throw new InvalidSettingException(
                        "DQMS_DATA_DIR", file + " does not hold a valid key; delete it and dqms makes a new one");
            }
            log.info("{} not set: sessions are signed with the development key in {}", SECRET, file);
            return key;
        }
        byte[] secret = new byte[MIN_SECRET_BYTES];
        RANDOM.nextBytes(secret);
        write(file, Base64.getEncoder().encodeToString(secret));
        log.info("{} not set: sessions are signed with a new development key, kept in {}", SECRET, file);
        return new SigningKey.Hmac(new SecretKeySpec(secret, "HmacSHA256"));
    }

    private static void write(Path file, String content) {
        Path temporary = file.resolveSibling(DEVELOPMENT_FILE + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(temporary);
            Files.createFile(temporary);
            if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temporary, content + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
