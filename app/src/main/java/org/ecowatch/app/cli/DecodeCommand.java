package org.ecowatch.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.deadletter.Reason;
import org.ecowatch.ingest.decode.Decoded;
import org.ecowatch.ingest.decode.MessageDecoder;
import org.ecowatch.ingest.hj212.Hj212Decoder;
import org.ecowatch.ingest.hj212.Hj212Rejection;
import org.ecowatch.ingest.hj212.Hj212Result;
import org.ecowatch.ingest.json.JsonBatchDecoder;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.reading.Reading;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./ecowatch decode}: what the pipeline would make of some input, one normalized JSON reading per line,
 * or the reason a batch was rejected (CONTRACT §7).
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode HJ 212 frames or JSON reading batches from FILE or standard input and print one normalized",
                "JSON reading per line, or the reason an input was rejected (exit status 1 if any was).",
                "Input starting with ## is HJ 212 (frames glued or one per line); otherwise JSON: one batch per line",
                "(JSON Lines) or a single JSON document. HJ 212 devices are identified by MN."})
final class DecodeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "DIR", description = "check devices and units against this configuration directory")
    Path configDir;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "the MQTT topic the input arrived on, e.g. ecowatch/v1/telemetry/ent-001/ww-01 (needs --config)")
    String topic;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "input file; standard input when omitted")
    Path file;

    @Override
    public Integer call() throws IOException {
        if (topic != null && configDir == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--topic needs --config: the topic is checked against the registry");
        }
        EcowatchConfig config = configDir == null ? null : ConfigurationProblem.load(configDir);
        ZoneId zone = config == null ? ZoneId.of("UTC") : config.pipeline().timeZone();
        byte[] input = read();
        long now = Instant.now().toEpochMilli();
        PrintWriter out = spec.commandLine().getOut();
        int readings = 0;
        int rejected = 0;
        if (Hj212Input.looksLikeFrames(input)) {
            Hj212Decoder decoder = new Hj212Decoder(config == null ? null : config.registry(), zone);
            for (Hj212Result<Hj212Decoder.Decoded> result : decoder.decode(input, null, null, now)) {
                if (result.isAccepted()) {
                    for (Reading reading : result.value().readings()) {
                        out.println(readingJson(reading, zone).put("mn", result.value().frame().mn()));
                        readings++;
                    }
                } else {
                    out.println(rejectionJson(result.rejection().reason(), result.rejection().detail()));
                    rejected++;
                }
            }
            for (Hj212Rejection expired : decoder.expire(Long.MAX_VALUE)) {
                out.println(rejectionJson(expired.reason(), expired.detail()));
                rejected++;
            }
        } else {
            for (byte[] batch : JsonInputs.split(input)) {
                Decoded decoded = decode(config, batch, now);
                for (Reading reading : decoded.readings()) {
                    out.println(readingJson(reading, zone));
                    readings++;
                }
                for (DeadLetter deadLetter : decoded.rejected()) {
                    out.println(rejectionJson(deadLetter.reason(), deadLetter.detail()));
                    rejected++;
                }
            }
        }
        out.flush();
        spec.commandLine().getErr().printf("decoded %d reading(s); %d rejection(s)%n", readings, rejected);
        return rejected == 0 ? 0 : Ecowatch.FAILED;
    }

    private Decoded decode(EcowatchConfig config, byte[] batch, long now) {
        if (topic != null) {
            MessageDecoder decoder = new MessageDecoder(config.pipeline().mqtt().topicPrefix(), config.registry(), config.thresholds());
            return decoder.decode(new InboundMessage(topic, batch, now));
        }
        Decoded decoded = new JsonBatchDecoder(config == null ? null : config.thresholds()).decode("-", null, null, batch, now);
        if (config == null) {
            return decoded;
        }
        // Without a topic the batch's "device" field names the device: it must still be registered.
        List<Reading> known = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>(decoded.rejected());
        for (Reading r : decoded.readings()) {
            if (r.enterpriseId() != null && config.registry().device(r.enterpriseId(), r.deviceId()).isPresent()) {
                known.add(r);
            } else {
                rejected.add(new DeadLetter("-", now, Reason.DEVICE_UNKNOWN, "device \"" + r.deviceKey()
                        + "\" is not in registry.yaml (name it as \"device\": \"enterpriseId/deviceId\")", batch));
                return new Decoded(List.of(), rejected);
            }
        }
        return new Decoded(known, rejected);
    }

    private byte[] read() throws IOException {
        if (file == null) {
            try (InputStream in = System.in) {
                return in.readAllBytes();
            }
        }
        if (!Files.isReadable(file)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "cannot read " + file);
        }
        return Files.readAllBytes(file);
    }

    static ObjectNode readingJson(Reading r, ZoneId zone) {
        ObjectNode json = JSON.createObjectNode();
        json.put("enterpriseId", r.enterpriseId());
        json.put("deviceId", r.deviceId());
        json.put("metric", r.metric());
        json.put("ts", Instant.ofEpochMilli(r.ts()).atZone(zone).toOffsetDateTime().toString());
        json.put("value", r.value());
        json.put("flag", r.flag());
        json.put("kind", r.kind());
        return json;
    }

    static String rejectionJson(String reason, String detail) {
        ObjectNode json = JSON.createObjectNode();
        json.put("rejected", true);
        json.put("reason", reason);
        json.put("detail", detail);
        return json.toString();
    }

    /** HJ 212 input starts with a frame's {@code ##} (after any blank space); anything else is taken for JSON. */
    static final class Hj212Input {
        private Hj212Input() {}

        static boolean looksLikeFrames(byte[] input) {
            int i = 0;
            while (i < input.length && Character.isWhitespace(input[i])) {
                i++;
            }
            return i + 1 < input.length && input[i] == '#' && input[i + 1] == '#';
        }
    }

    /** Splits decode input into batches: JSON Lines when every line holds an object, else one document. */
    static final class JsonInputs {
        private JsonInputs() {}

        static List<byte[]> split(byte[] input) {
            List<byte[]> lines = new ArrayList<>();
            int from = 0;
            while (from < input.length) {
                int to = from;
                while (to < input.length && input[to] != '\n') {
                    to++;
                }
                // Bytes, not a decoded String: invalid UTF-8 must reach the decoder as it came.
                int start = from;
                int end = to;
                while (start < end && Character.isWhitespace(input[start])) {
                    start++;
                }
                while (end > start && Character.isWhitespace(input[end - 1])) {
                    end--;
                }
                if (end > start) {
                    if (input[start] != '{' || input[end - 1] != '}') {
                        return List.of(input);
                    }
                    lines.add(java.util.Arrays.copyOfRange(input, start, end));
                }
                from = to + 1;
            }
            return lines;
        }
    }
}
