package org.ecowatch.alerts.service.http;

/**
 * A refusal the API answers with its error body (docs/API.md "Errors"):
 * {@code {"error": code, "message": message, "field": field}}.
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    ApiError(int status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static ApiError invalidParameter(String field, String message) {
        return new ApiError(400, "invalid-parameter", message, field);
    }

    static ApiError invalidBody(String field, String message) {
        return new ApiError(400, "invalid-body", message, field);
    }

    static ApiError unauthenticated(String message) {
        return new ApiError(401, "unauthenticated", message, null);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message, null);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not-found", message, null);
    }

    static ApiError unavailable(String message) {
        return new ApiError(503, "unavailable", message, null);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The query parameter or body field at fault; null when none. */
    String field() {
        return field;
    }
}
