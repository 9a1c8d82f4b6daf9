package org.ecowatch.app.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecowatch.ingest.hj212.Hj212Crc;
import org.ecowatch.ingest.hj212.Hj212Encoder;
import org.ecowatch.ingest.simulator.SimulatedMessage;

/**
 * Breaks valid telemetry (JSON batches and HJ 212 frames) in the ways the issue lists. Pure and seeded: the same
 * seed gives the same mutants. Whether a mutant is still acceptable is not decided here but by the pipeline's own
 * decoder ({@link FuzzOracle}): a bit flip in a digit may well leave a valid message.
 */
final class Mutants {
    /** How a message is broken. */
    enum Mutation {
        TRUNCATION, BIT_FLIP, HUGE_NUMBER, NAN, DEEP_NESTING, WRONG_TYPE, OVERSIZE, WRONG_CRC, UNKNOWN_ID;

        /** Oversize mutants weigh ~65 KiB each, and twice that back as dead letters: one in ten of a share. */
        static Mutation pick(Random random) {
            int r = random.nextInt(8 * 10 + 1);
            return r == 80 ? OVERSIZE : List.of(TRUNCATION, BIT_FLIP, HUGE_NUMBER, NAN, DEEP_NESTING, WRONG_TYPE, WRONG_CRC, UNKNOWN_ID)
                    .get(r / 10);
        }
    }

    /** A broken message and how it was broken. */
    record Mutant(Mutation mutation, SimulatedMessage message) {}

    private static final Pattern JSON_VALUE = Pattern.compile("\"value\":(-?[0-9.eE+-]+)");
    private static final Pattern HJ212_VALUE = Pattern.compile("-(Rtd|Avg|Min|Max|Cou)=([^,;&]*)");
    private static final Pattern HJ212_MN = Pattern.compile("MN=([0-9A-Za-z]+)");
    private static final String[] HUGE = {"1e400", "-1e400", "9".repeat(70), "1" + "0".repeat(65) + ".5", "1.7976931348623159e308"};
    private static final String[] NOT_A_NUMBER = {"NaN", "Infinity", "-Infinity", "+NaN", "nan"};

    private final Random random;
    private final String prefix;

    Mutants(long seed, String prefix) {
        this.random = new Random(seed);
        this.prefix = prefix;
    }

    Mutant mutate(SimulatedMessage seed) {
        Mutation mutation = Mutation.pick(random);
        boolean hj212 = seed.topic().startsWith(prefix + "/hj212/");
        String text = new String(seed.payload(), StandardCharsets.UTF_8);
        String topic = seed.topic();
        byte[] payload = switch (mutation) {
            case TRUNCATION -> Arrays.copyOf(seed.payload(), 1 + random.nextInt(seed.payload().length - 1));
            case BIT_FLIP -> flipBits(seed.payload());
            case HUGE_NUMBER -> hj212 ? reframe(replaceValue(HJ212_VALUE, hj212Segment(text), pick(HUGE)))
                    : bytes(replaceValue(JSON_VALUE, text, pick(HUGE)));
            case NAN -> hj212 ? reframe(replaceValue(HJ212_VALUE, hj212Segment(text), pick(NOT_A_NUMBER)))
                    : bytes(replaceValue(JSON_VALUE, text, pick(NOT_A_NUMBER)));
            case DEEP_NESTING -> hj212 ? reframe(hj212Segment(text).replace("CP=&&", "CP=&&" + "&&".repeat(20 + random.nextInt(200))))
                    : bytes(deeplyNested(text));
            case WRONG_TYPE -> hj212 ? reframe(wrongHj212Type(hj212Segment(text))) : bytes(wrongJsonType(text));
            case OVERSIZE -> oversize(text, hj212);
            case WRONG_CRC -> hj212 ? wrongCrc(seed.payload()) : flipBits(seed.payload());
            case UNKNOWN_ID -> {
                if (hj212 && random.nextBoolean()) {
                    yield reframe(HJ212_MN.matcher(hj212Segment(text)).replaceFirst("MN=" + (10_000_000_000_000L + random.nextInt(1_000_000))));
                }
                topic = topic.substring(0, topic.lastIndexOf('/') + 1) + "ghost-" + random.nextInt(1000);
                yield seed.payload();
            }
        };
        return new Mutant(mutation, new SimulatedMessage(topic, payload, 0, mutation.name()));
    }

    private byte[] flipBits(byte[] original) {
        byte[] copy = original.clone();
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(copy.length);
            copy[at] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private String replaceValue(Pattern value, String text, String replacement) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = value.matcher(text);
        while (m.find()) {
            int group = m.groupCount();
            spans.add(new int[] {m.start(group), m.end(group)});
        }
        if (spans.isEmpty()) {
            return text + replacement;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return text.substring(0, span[0]) + replacement + text.substring(span[1]);
    }

    private String deeplyNested(String json) {
        int depth = 17 + random.nextInt(300);
        String open = "[".repeat(depth);
        String close = "]".repeat(depth);
        return switch (random.nextInt(3)) {
            case 0 -> json.replaceFirst("\"readings\":\\[", "\"readings\":[" + open).replaceFirst("\\]\\}$", close + "]}");
            case 1 -> open + json + close;
            default -> json.replaceFirst("\\{", "{\"x\":" + "{\"y\":".repeat(depth) + "1" + "}".repeat(depth) + ",");
        };
    }

    private String wrongJsonType(String json) {
        return switch (random.nextInt(9)) {
            case 0 -> json.replaceFirst("\"value\":(-?[0-9.eE+-]+)", "\"value\":\"$1\"");
            case 1 -> json.replaceFirst("\"value\":(-?[0-9.eE+-]+)", "\"value\":true");
            case 2 -> json.replaceFirst("\"value\":(-?[0-9.eE+-]+)", "\"value\":{\"v\":$1}");
            case 3 -> json.replaceFirst("\"ts\":[0-9]+", "\"ts\":\"yesterday\"");
            case 4 -> json.replaceFirst("\"ts\":[0-9]+", "\"ts\":[1]");
            case 5 -> json.replaceFirst("\"readings\":\\[.*\\]", "\"readings\":{}");
            case 6 -> json.replaceFirst("\"metric\":\"[^\"]*\"", "\"metric\":42");
            case 7 -> json.replaceFirst("\"schema\":\"[^\"]*\"", "\"schema\":1");
            default -> json.replaceFirst("\"readings\":\\[", "\"readings\":[\"x\",");
        };
    }

    private String wrongHj212Type(String segment) {
        return switch (random.nextInt(4)) {
            case 0 -> replaceValue(HJ212_VALUE, segment, "abc");
            case 1 -> segment.replaceFirst("DataTime=[0-9]+", "DataTime=yesterday");
            case 2 -> segment.replaceFirst("CN=[0-9]+", "CN=20x1");
            default -> segment.replaceFirst("Flag=[0-9]+", "Flag=-1");
        };
    }

    private byte[] oversize(String text, boolean hj212) {
        int target = 64 * 1024 + 1 + random.nextInt(2048);
        if (hj212) {
            // Longer than the 4-digit length field can say: the length is written modulo 10 000, the CRC is right.
            byte[] segment = bytes(hj212Segment(text).replace("CP=&&", "CP=&&" + "x".repeat(target)));
            return bytes(String.format("##%04d", segment.length % 10_000) + new String(segment, StandardCharsets.UTF_8)
                    + Hj212Crc.hex(Hj212Crc.hj212(segment)) + "\r\n");
        }
        return bytes(text.replaceFirst("\\{", "{" + " ".repeat(target)));
    }

    private byte[] wrongCrc(byte[] frame) {
        String text = new String(frame, StandardCharsets.US_ASCII);
        int crcAt = text.length() - 6; // 4 hex digits, then CR LF
        int crc = Integer.parseInt(text.substring(crcAt, crcAt + 4), 16);
        int wrong = (crc + 1 + random.nextInt(0xFFFE)) & 0xFFFF;
        return bytes(text.substring(0, crcAt) + String.format("%04X", wrong) + text.substring(crcAt + 4));
    }

    /** The data segment of a frame {@code ##LLLL<segment>CCCC\r\n}. */
    private static String hj212Segment(String frame) {
        return frame.substring(6, frame.length() - 6);
    }

    /** A frame around a broken segment, with the right length and CRC, so the parser looks inside. */
    private static byte[] reframe(String segment) {
        return Hj212Encoder.frame(segment);
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
