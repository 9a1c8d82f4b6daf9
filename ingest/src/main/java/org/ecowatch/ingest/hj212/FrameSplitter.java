package org.ecowatch.ingest.hj212;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into HJ 212 frames by {@code ##} + 4-digit length, never by line ends: frames may be
 * glued together with or without CRLF, split across reads, or preceded by garbage. Feed it the chunks as
 * they arrive (a TCP read, an MQTT payload) and call {@link #finish} at the end of the stream.
 *
 * <p>Each item it emits is either the bytes of one frame ({@code ##…} up to and including the CRC, without
 * the CRLF; check them with {@link Hj212Parser}) or a rejection: {@link Hj212Reasons#GARBAGE} for bytes
 * outside frames, {@link Hj212Reasons#TOO_LARGE} for a frame declaring more than the limit, whose bytes are
 * skipped without being buffered, and {@link Hj212Reasons#LENGTH} for a frame whose CRC is not where its
 * length says (the frame then ends at the next CRLF or {@code ##}).
 *
 * <p>Memory is bounded: it never holds more than one frame of the maximum size plus 6 bytes. Not thread-safe:
 * one splitter per stream.
 */
public final class FrameSplitter {

    private static final int HEADER = 6;
    private static final int CRC = 4;

    private enum State { SEEK, HASH, LENGTH_DIGITS, BODY, OVERRUN, DISCARD }

    private final int maxDataLength;
    /** A frame of the maximum size with its CRLF; also the size at which a run of garbage is reported. */
    private final int capacity;

    private State state = State.SEEK;
    private byte[] buffer = new byte[256];
    private int size;
    private int declared;
    private int digits;
    private final byte[] digitBytes = new byte[4];
    private long discardRemaining;
    private boolean lastWasCr;
    private final byte[] garbageSample = new byte[Texts.SAMPLE];
    private long garbageCount;
    private Consumer<? super Hj212Result<byte[]>> out;

    public FrameSplitter() {
        this(Hj212Parser.DEFAULT_MAX_DATA_LENGTH);
    }

    /** @param maxDataLength largest data segment accepted, in bytes (1..9999) */
    public FrameSplitter(int maxDataLength) {
        this.maxDataLength = Hj212Parser.checkMaxDataLength(maxDataLength);
        this.capacity = HEADER + maxDataLength + CRC + 2;
    }

    /** Splits one complete input (e.g. an MQTT payload): {@link #feed} then {@link #finish}. */
    public static List<Hj212Result<byte[]>> splitAll(byte[] input, int maxDataLength) {
        FrameSplitter splitter = new FrameSplitter(maxDataLength);
        List<Hj212Result<byte[]>> items = new ArrayList<>();
        splitter.feed(input, 0, input.length, items::add);
        splitter.finish(items::add);
        return items;
    }

    public List<Hj212Result<byte[]>> feed(byte[] chunk) {
        List<Hj212Result<byte[]>> items = new ArrayList<>();
        feed(chunk, 0, chunk.length, items::add);
        return items;
    }

    public void feed(byte[] chunk, int offset, int length, Consumer<? super Hj212Result<byte[]>> sink) {
        out = sink;
        try {
            for (int i = offset; i < offset + length; i++) {
                accept(chunk[i]);
            }
        } finally {
            out = null;
        }
    }

    public List<Hj212Result<byte[]>> finish() {
        List<Hj212Result<byte[]>> items = new ArrayList<>();
        finish(items::add);
        return items;
    }

    /** The stream ended: reports what is left (garbage, a truncated frame) and starts afresh. */
    public void finish(Consumer<? super Hj212Result<byte[]>> sink) {
        out = sink;
        try {
            switch (state) {
                case HASH -> garbage((byte) '#');
                case LENGTH_DIGITS -> unreadHeader();
                case BODY, OVERRUN -> reject(Hj212Reasons.LENGTH, "the input ended " + (size - HEADER)
                        + " bytes into a frame that declares a data segment of " + declared + " bytes plus 4 CRC digits");
                default -> { }
            }
            flushGarbage();
            state = State.SEEK;
            size = 0;
        } finally {
            out = null;
        }
    }

    /** Bytes currently held for an incomplete frame (for monitoring and for tests of the memory bound). */
    public int bufferedBytes() {
        return size;
    }

    private void accept(byte b) {
        switch (state) {
            case SEEK -> seek(b);
            case HASH -> {
                if (b == '#') {
                    startLength();
                } else {
                    garbage((byte) '#');
                    state = State.SEEK;
                    seek(b);
                }
            }
            case LENGTH_DIGITS -> lengthDigit(b);
            case BODY -> body(b);
            case OVERRUN -> overrun(b);
            case DISCARD -> discard(b);
        }
    }

    private void seek(byte b) {
        if (b == '#') {
            state = State.HASH;
        } else if (garbageCount == 0 && (b == '\r' || b == '\n')) {
            // the CRLF that ends a frame (or a stray one between frames) is not garbage
        } else {
            garbage(b);
        }
    }

    private void startLength() {
        state = State.LENGTH_DIGITS;
        digits = 0;
        declared = 0;
    }

    private void lengthDigit(byte b) {
        if (b >= '0' && b <= '9') {
            digitBytes[digits++] = b;
            declared = declared * 10 + (b - '0');
            if (digits == 4) {
                startBody();
            }
        } else if (b == '#' && digits == 0) {
            garbage((byte) '#'); // "###": the last two start the frame
        } else {
            unreadHeader();
            state = State.SEEK;
            seek(b);
        }
    }

    /** A "##" and some digits turned out not to start a frame: they were garbage. */
    private void unreadHeader() {
        garbage((byte) '#');
        garbage((byte) '#');
        for (int i = 0; i < digits; i++) {
            garbage(digitBytes[i]);
        }
    }

    private void startBody() {
        flushGarbage();
        if (declared > maxDataLength) {
            reject(Hj212Reasons.TOO_LARGE, "a frame declares a data segment of " + declared + " bytes; the limit is "
                    + maxDataLength + ", so its bytes are skipped");
            state = State.DISCARD;
            discardRemaining = declared + CRC;
            lastWasCr = false;
            return;
        }
        size = 0;
        append((byte) '#');
        append((byte) '#');
        for (byte d : digitBytes) {
            append(d);
        }
        state = State.BODY;
    }

    private void body(byte b) {
        append(b);
        if (endsWithCrLf()) {
            // No data segment holds a CRLF: the frame ended earlier than its length said.
            endWrongLength("CRLF", size - 2);
        } else if (size == HEADER + declared + CRC) {
            if (Hj212Parser.hex(buffer, size - CRC, CRC) >= 0) {
                out.accept(Hj212Result.accepted(Arrays.copyOf(buffer, size)));
                size = 0;
                state = State.SEEK;
            } else {
                state = State.OVERRUN;
            }
        }
    }

    /** The length pointed at no CRC: look for where the frame really ends (CRLF, or the next "##"). */
    private void overrun(byte b) {
        append(b);
        if (endsWithCrLf()) {
            endWrongLength("CRLF", size - 2);
        } else if (b == '#' && buffer[size - 2] == '#') {
            endWrongLength("the next ##", size - 2);
            startLength();
        } else if (size == capacity) {
            reject(Hj212Reasons.LENGTH, "a frame declares a data segment of " + declared + " bytes but has no CRC there, "
                    + "and no CRLF or ## follows within " + capacity + " bytes; skipped them");
            size = 0;
            state = State.SEEK;
        }
    }

    private void endWrongLength(String end, int frameEnd) {
        int dataLength = frameEnd - HEADER - CRC;
        reject(Hj212Reasons.LENGTH, "a frame declares a data segment of " + declared + " bytes, but " + end + " ends it after "
                + (dataLength >= 0 ? dataLength + " bytes of data segment and 4 CRC digits" : (frameEnd - HEADER) + " bytes"));
        size = 0;
        state = State.SEEK;
    }

    private void discard(byte b) {
        discardRemaining--;
        if ((lastWasCr && b == '\n') || discardRemaining == 0) {
            state = State.SEEK; // a CRLF ends an oversized frame early too
        }
        lastWasCr = b == '\r';
    }

    private boolean endsWithCrLf() {
        return size >= HEADER + 2 && buffer[size - 1] == '\n' && buffer[size - 2] == '\r';
    }

    private void append(byte b) {
        if (size == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, capacity));
        }
        buffer[size++] = b;
    }

    private void garbage(byte b) {
        if (garbageCount < garbageSample.length) {
            garbageSample[(int) garbageCount] = b;
        }
        garbageCount++;
        if (garbageCount >= capacity) {
            flushGarbage(); // report long runs as they go, so an endless stream of junk is still seen
        }
    }

    private void flushGarbage() {
        if (garbageCount > 0) {
            reject(Hj212Reasons.GARBAGE, "skipped " + garbageCount + " bytes that are not part of a frame (a frame starts with ## "
                    + "and 4 digits of length): \"" + Texts.sample(garbageSample, (int) Math.min(garbageCount, garbageSample.length), garbageCount) + "\"");
            garbageCount = 0;
        }
    }

    private void reject(String reason, String detail) {
        out.accept(Hj212Result.rejected(reason, detail));
    }
}
