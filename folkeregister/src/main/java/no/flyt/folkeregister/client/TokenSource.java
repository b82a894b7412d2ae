package no.flyt.folkeregister.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * OAuth2 access tokens for the feed, cached until shortly before they expire. Two grants: Maskinporten's JWT bearer
 * grant (a JWT signed RS256 with the organisation's key: {@code iss} the client id, {@code aud} the token endpoint's
 * audience, {@code scope} e.g. {@code skatteetaten:medhjemmel}), and plain client credentials (client id and secret)
 * for other authorization servers and the fake.
 */
public final class TokenSource {

    /** How long before its expiry a token is no longer used. */
    private static final Duration MARGIN = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Grant { CLIENT_CREDENTIALS, JWT_BEARER }

    private final HttpClient http;
    private final URI tokenUrl;
    private final Grant grant;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final String audience;
    private final PrivateKey key;
    private String token;
    private Instant validUntil = Instant.MIN;

    private TokenSource(HttpClient http, URI tokenUrl, Grant grant, String clientId, String clientSecret, String scope,
                        String audience, PrivateKey key) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.grant = grant;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.audience = audience;
        this.key = key;
    }

    public static TokenSource clientCredentials(HttpClient http, URI tokenUrl, String clientId, String clientSecret, String scope) {
        return new TokenSource(http, tokenUrl, Grant.CLIENT_CREDENTIALS, clientId, clientSecret, scope, null, null);
    }

    /** @param privateKeyFile a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}) */
    public static TokenSource jwtBearer(HttpClient http, URI tokenUrl, String clientId, Path privateKeyFile, String audience, String scope) {
        try {
            String pem = Files.readString(privateKeyFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new TokenSource(http, tokenUrl, Grant.JWT_BEARER, clientId, null, scope, audience, key);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the RSA private key (PKCS#8 PEM) in " + privateKeyFile + ": " + e.getMessage(), e);
        }
    }

    /** A token that has not expired, fetched when needed. */
    public synchronized String token() throws IOException, InterruptedException {
        if (token == null || Instant.now().isAfter(validUntil)) {
            fetch();
        }
        return token;
    }

    /** Forgets the token (the API said 401: it expired or was revoked early). */
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder();
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded");
        if (grant == Grant.CLIENT_CREDENTIALS) {
            form.append("grant_type=client_credentials");
            String basic = Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
            if (scope != null && !scope.isBlank()) {
                form.append("&scope=").append(encode(scope));
            }
        } else {
            form.append("grant_type=").append(encode("urn:ietf:params:oauth:grant-type:jwt-bearer"))
                .append("&assertion=").append(encode(assertion()));
        }
        HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new FeedException("the token endpoint " + tokenUrl + " answered " + response.statusCode() + ": " + response.body(),
                response.statusCode() >= 500 || response.statusCode() == 429);
        }
        JsonNode body = JSON.readTree(response.body());
        String accessToken = body.path("access_token").asText(null);
        if (accessToken == null) {
            throw new FeedException("the token endpoint " + tokenUrl + " gave no access_token", false);
        }
        long expiresIn = body.path("expires_in").asLong(60);
        token = accessToken;
        validUntil = Instant.now().plusSeconds(expiresIn).minus(expiresIn > 2 * MARGIN.toSeconds() ? MARGIN : Duration.ZERO);
    }

    /** Maskinporten's JWT grant: header {alg RS256}, claims {aud, iss, scope, iat, exp, jti}, signed with the key. */
    private String assertion() {
        long now = Instant.now().getEpochSecond();
        String header = b64(JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").toString());
        String claims = b64(JSON.createObjectNode().put("aud", audience).put("iss", clientId).put("scope", scope)
            .put("iat", now).put("exp", now + 120).put("jti", UUID.randomUUID().toString()).toString());
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the JWT grant", e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
