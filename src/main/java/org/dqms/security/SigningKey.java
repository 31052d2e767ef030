package org.dqms.security;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.SecretKey;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** The key that signs access tokens and checks them: a shared secret (HS256) or an RSA key pair (RS256). */
sealed interface SigningKey {

    JwtEncoder encoder();

    /** A decoder that checks the signature only; {@link AccessTokens} adds the claim checks. */
    NimbusJwtDecoder decoder();

    JwsHeader header();

    /** HS256: every instance holds the same secret. */
    record Hmac(SecretKey secret) implements SigningKey {

        @Override
        public JwtEncoder encoder() {
            return NimbusJwtEncoder.withSecretKey(secret)
                    .algorithm(MacAlgorithm.HS256)
                    .build();
        }

        @Override
        public NimbusJwtDecoder decoder() {
            return NimbusJwtDecoder.withSecretKey(secret)
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
        }

        @Override
        public JwsHeader header() {
            return JwsHeader.with(MacAlgorithm.HS256).build();
        }

        @Override
        public String toString() {
            return "SigningKey.Hmac[redacted]";
        }
    }

    /** RS256: the public key is derived from the private one. */
    record Rsa(RSAPrivateKey privateKey, RSAPublicKey publicKey) implements SigningKey {

        @Override
        public JwtEncoder encoder() {
            return NimbusJwtEncoder.withKeyPair(publicKey, privateKey).build();
        }

        @Override
        public NimbusJwtDecoder decoder() {
            return NimbusJwtDecoder.withPublicKey(publicKey)
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        }

        @Override
        public JwsHeader header() {
            return JwsHeader.with(SignatureAlgorithm.RS256).build();
        }

        @Override
        public String toString() {
            return "SigningKey.Rsa[" + publicKey.getModulus().bitLength() + " bits, private key redacted]";
        }
    }
}
