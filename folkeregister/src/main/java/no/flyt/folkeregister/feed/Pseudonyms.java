package no.flyt.folkeregister.feed;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms: what stands in for a national identity number (fødsels- or d-nummer) everywhere after the
 * connector. HMAC-SHA256 with a secret from configuration, so the same person gets the same {@code personId} across
 * restarts and on every worker, while nobody without the secret can go back from a pseudonym to the number (a plain
 * hash of the 11 digits could be reversed by trying all of them).
 *
 * <p>Not thread-safe (one {@link Mac} per instance): each task has its own.
 */
public final class Pseudonyms {

    /** Any run of exactly 11 digits: the shape of a fødselsnummer or d-nummer. */
    private static final Pattern ELEVEN_DIGITS = Pattern.compile("(?<!\\d)\\d{11}(?!\\d)");
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    /** 15 bytes (120 bits) of the HMAC: 20 characters, no collision in any population. */
    private static final int ID_BYTES = 15;

    private final Mac mac;

    public Pseudonyms(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the pseudonym secret must have at least 16 characters");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The person id for a national identity number: "F" and 20 characters of the keyed hash. */
    public String personId(String nationalId) {
        return "F" + hash("person|" + nationalId);
    }

    /**
     * The id of a register fact that later corrections and annulments refer to: the person, the entity and the
     * occurrence's validity time (gyldighetstidspunkt), hashed with the secret so that the id says nothing.
     */
    public String occurrenceId(String nationalId, String entity, String validFrom) {
        return "H" + hash("occurrence|" + nationalId + "|" + entity + "|" + validFrom);
    }

    /** Replaces every run of 11 digits in {@code text} by its pseudonym (for dead letters, which keep the raw text). */
    public String scrub(String text) {
        Matcher m = ELEVEN_DIGITS.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, personId(m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String hash(String input) {
        byte[] digest = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        byte[] id = new byte[ID_BYTES];
        System.arraycopy(digest, 0, id, 0, ID_BYTES);
        return BASE64.encodeToString(id);
    }
}
