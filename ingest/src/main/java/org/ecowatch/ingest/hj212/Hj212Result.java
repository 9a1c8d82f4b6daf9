package org.ecowatch.ingest.hj212;

/**
 * Either a value (a frame's bytes, a frame, readings …) or the {@link Hj212Rejection} saying why there is none.
 * Every stage of the codec answers with one of these instead of throwing, so bad input can never stop a
 * stream: the caller sends rejections to the dead letter and carries on.
 */
public sealed interface Hj212Result<T> permits Hj212Result.Accepted, Hj212Result.Rejected {

    record Accepted<T>(T value) implements Hj212Result<T> {}

    record Rejected<T>(Hj212Rejection rejection) implements Hj212Result<T> {}

    static <T> Hj212Result<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Hj212Result<T> rejected(Hj212Rejection rejection) {
        return new Rejected<>(rejection);
    }

    static <T> Hj212Result<T> rejected(String reason, String detail) {
        return new Rejected<>(new Hj212Rejection(reason, detail));
    }

    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    /** The value; throws {@link IllegalStateException} on a rejection (check {@link #isAccepted()} first). */
    default T value() {
        if (this instanceof Accepted<T> accepted) {
            return accepted.value();
        }
        throw new IllegalStateException("rejected: " + rejection());
    }

    /** The rejection; throws {@link IllegalStateException} on an accepted result. */
    default Hj212Rejection rejection() {
        if (this instanceof Rejected<T> rejected) {
            return rejected.rejection();
        }
        throw new IllegalStateException("accepted, not rejected");
    }
}
