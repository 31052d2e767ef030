package org.dqms.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a JWT's header and claims without checking it, to see what a client sees. */
final class JwtClaims {

    private JwtClaims() {}

    static JsonNode claims(String token) {
        return part(token, 1);
    }

    static JsonNode header(String token) {
        return part(token, 0);
    }

    private static JsonNode part(String token, int index) {
        String part = token.split("\\.")[index];
        return JsonMapper.builder()
                .build()
                .readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }
}
