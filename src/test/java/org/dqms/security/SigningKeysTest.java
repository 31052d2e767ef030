package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.dqms.platform.Deployment;
import org.dqms.platform.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    private static final String GOOD_SECRET = "q3ZcX0t8mWQ3k7oYxq2d1v9B8s6Jr4LhT5uNfPzA0eE=";

    @TempDir
    Path directory;

    private static SecuritySettings settings(String secret, String secretFile, String privateKeyFile) {
        return new SecuritySettings(
                secret, secretFile, privateKeyFile, Duration.ofMinutes(15), Duration.ofDays(30), false, List.of());
    }

    private Deployment production() {
        return new Deployment(true, false, directory);
    }

    private Deployment development() {
        return new Deployment(false, false, directory);
    }

    @Test
    void productionRefusesToStartWithoutAKey() {
        assertThatThrownBy(() -> SigningKeys.resolve(settings(null, null, null), production()))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo("DQMS_JWT_SECRET");
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
        assertThat(directory.resolve("jwt-secret")).doesNotExist();
    }

    @Test
    void aSecretShorterThan256BitsIsRefusedWithoutRepeatingIt() {
        String short31Bytes = Base64.getEncoder().encodeToString(new byte[31]).replace('A', 'x');

        for (Deployment deployment : List.of(production(), development())) {
            assertThatThrownBy(() -> SigningKeys.resolve(settings(short31Bytes, null, null), deployment))
                    .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                        assertThat(e.setting()).isEqualTo("DQMS_JWT_SECRET");
                        assertThat(e.getMessage()).contains("256 bits").doesNotContain(short31Bytes);
                    });
        }
    }

    @Test
    void aSecretThatIsNotBase64IsRefused() {
        String secret = "this is not base64 but it is long enough to be 256 bits!";

        assertThatThrownBy(() -> SigningKeys.resolve(settings(secret, null, null), production()))
                .isInstanceOfSatisfying(
                        InvalidSettingException.class,
                        e -> assertThat(e.getMessage())
                                .startsWith("DQMS_JWT_SECRET: is not base64")
                                .doesNotContain(secret));
    }

    @Test
    void aSecretOf32BytesInEitherBase64AlphabetIsAccepted() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 37 + 250);
        }

        SigningKey standard =
                SigningKeys.resolve(settings(Base64.getEncoder().encodeToString(key), null, null), production());
        SigningKey urlSafe = SigningKeys.resolve(
                settings(Base64.getUrlEncoder().withoutPadding().encodeToString(key), null, null), production());

        assertThat(((SigningKey.Hmac) standard).secret().getEncoded()).isEqualTo(key);
        assertThat(((SigningKey.Hmac) urlSafe).secret().getEncoded()).isEqualTo(key);
    }

    @Test
    void theSecretCanComeFromAFile() throws Exception {
        Path file = Files.writeString(directory.resolve("secret"), GOOD_SECRET + "\n");

        assertThat(SigningKeys.resolve(settings(null, file.toString(), null), production()))
                .isInstanceOf(SigningKey.Hmac.class);
    }

    @Test
    void anUnreadableSecretFileIsRefusedNamingTheFileVariable() {
        String missing = directory.resolve("missing").toString();

        assertThatThrownBy(() -> SigningKeys.resolve(settings(null, missing, null), production()))
                .isInstanceOfSatisfying(
                        InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("DQMS_JWT_SECRET_FILE"));
    }

    @Test
    void aShortSecretInAFileIsRefusedNamingTheFileVariable() throws Exception {
        Path file = Files.writeString(directory.resolve("secret"), "c2hvcnQ=");

        assertThatThrownBy(() -> SigningKeys.resolve(settings(null, file.toString(), null), production()))
                .isInstanceOfSatisfying(
                        InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("DQMS_JWT_SECRET_FILE"));
    }

    @Test
    void aSecretAndAPrivateKeyTogetherAreRefused() {
        assertThatThrownBy(() -> SigningKeys.resolve(settings(GOOD_SECRET, null, "/some/key.pem"), production()))
                .isInstanceOfSatisfying(
                        InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("DQMS_JWT_PRIVATE_KEY_FILE"));
    }

    @Test
    void anRsaPrivateKeyInPkcs8PemSignsWithRs256AndItsPublicKeyChecks() throws Exception {
        KeyPair pair = rsa(2048);
        Path file = writePkcs8(pair);

        SigningKey key = SigningKeys.resolve(settings(null, null, file.toString()), production());

        assertThat(key).isInstanceOf(SigningKey.Rsa.class);
        assertThat(((SigningKey.Rsa) key).publicKey()).isEqualTo(pair.getPublic());
        String token = key.encoder()
                .encode(org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(
                        key.header(),
                        org.springframework.security.oauth2.jwt.JwtClaimsSet.builder()
                                .subject("1")
                                .build()))
                .getTokenValue();
        assertThat(key.decoder().decode(token).getSubject()).isEqualTo("1");
        assertThat(JwtClaims.header(token).path("alg").asString()).isEqualTo("RS256");
    }

    @Test
    void anRsaKeyShorterThan2048BitsIsRefused() throws Exception {
        Path file = writePkcs8(rsa(1024));

        assertThatThrownBy(() -> SigningKeys.resolve(settings(null, null, file.toString()), production()))
                .isInstanceOfSatisfying(
                        InvalidSettingException.class,
                        e -> assertThat(e.getMessage())
                                .startsWith("DQMS_JWT_PRIVATE_KEY_FILE: ")
                                .contains("1024-bit"));
    }

    @Test
    void aFileThatIsNotAPrivateKeyIsRefused() throws Exception {
        Path file = Files.writeString(directory.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nbm9wZQ==\n");
        Path missing = directory.resolve("missing.pem");

        for (Path path : List.of(file, missing)) {
            assertThatThrownBy(() -> SigningKeys.resolve(settings(null, null, path.toString()), production()))
                    .isInstanceOfSatisfying(
                            InvalidSettingException.class,
                            e -> assertThat(e.setting()).isEqualTo("DQMS_JWT_PRIVATE_KEY_FILE"));
        }
    }

    @Test
    void developmentMakesAKeyOnceAndKeepsItForTheOwnerOnly() throws Exception {
        SigningKey first = SigningKeys.resolve(settings(null, null, null), development());
        SigningKey second = SigningKeys.resolve(settings(null, null, null), development());

        Path file = directory.resolve("jwt-secret");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(((SigningKey.Hmac) second).secret().getEncoded())
                .isEqualTo(((SigningKey.Hmac) first).secret().getEncoded());
    }

    @Test
    void aDamagedDevelopmentKeyFileIsRefusedNamingTheDataDirectory() throws Exception {
        Files.writeString(directory.resolve("jwt-secret"), "short");

        assertThatThrownBy(() -> SigningKeys.resolve(settings(null, null, null), development()))
                .isInstanceOfSatisfying(
                        InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("DQMS_DATA_DIR"));
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private Path writePkcs8(KeyPair pair) throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return Files.writeString(directory.resolve("key-" + System.nanoTime() + ".pem"), pem);
    }
}
