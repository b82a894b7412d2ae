package no.flyt.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A Schema Registry call failed. Carries the HTTP status and the registry's error code (Confluent's
 * {@code error_code}, e.g. 40401 subject not found, 40403 schema not found, 409 incompatible), or -1 when
 * the registry could not be reached at all.
 */
public final class SchemaRegistryException extends SerializationException {

    private static final long serialVersionUID = 1L;

    /** Confluent error codes the serdes act on. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** HTTP status of the failed call, or -1 when the registry was not reachable. */
    public int status() {
        return status;
    }

    /** The registry's error code, or the HTTP status when the registry sent none. */
    public int errorCode() {
        return errorCode;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    /** The same failure with a context (topic, subject, id) put in front of the message. */
    SchemaRegistryException withContext(String context) {
        return new SchemaRegistryException(context + ": " + getMessage(), status, errorCode, this);
    }
}
