package org.ecowatch.ingest.hj212;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.reading.Reading;

/**
 * Turns verified frames into readings, after checking who sent them.
 *
 * <p>Identity (with a registry): the frame's MN must be registered ({@link Hj212Reasons#MN_UNKNOWN}), belong to
 * the device the topic names ({@link Hj212Reasons#MN_MISMATCH}), and PW must equal the device's
 * {@code hj212Password} when one is configured ({@link Hj212Reasons#PASSWORD}). These checks apply to every CN.
 *
 * <p>Data: CN 2011 gives one {@code Rtd} reading per {@code code-Rtd} field (period 0), plus one per equipment
 * status field {@code SBx-RS} (metric {@code SBx-RS}, kind {@code Rtd}, flag N); CN 2051/2061/2031 give one reading
 * per {@code code-Avg/-Min/-Max/-Cou} field, kind {@code Avg/Min/Max/Cou}, period one minute/hour/day. A code's
 * {@code code-Flag} (default N) applies to all its readings. {@code DataTime} is read in the enterprise's time zone
 * ({@link Enterprise#timeZone()}, else the default zone). 2005 pollutant codes become 2017 codes. Other fields
 * ({@code -ZsRtd}, {@code -SampleTime}, {@code -EFlag} …) are ignored, and other CNs are accepted with no readings.
 */
public final class Hj212Readings {

    /** China Standard Time, UTC+8 all year: the default zone of DataTime. */
    public static final ZoneId CHINA_STANDARD_TIME = ZoneId.of("Asia/Shanghai");

    static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DATA_TIME_TEXT = Pattern.compile("\\d{14}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final String FLAGS = "NFMSDCTB";
    private static final String FLAG_SUFFIX = "Flag";

    private final Registry registry;
    private final ZoneId defaultZone;

    /** With identity checks against {@code registry}, DataTime in China Standard Time unless the enterprise says otherwise. */
    public Hj212Readings(Registry registry) {
        this(registry, CHINA_STANDARD_TIME);
    }

    /** @param registry the devices; {@code null} skips the identity checks (the {@code decode} command without config) */
    public Hj212Readings(Registry registry, ZoneId defaultZone) {
        this.registry = registry;
        this.defaultZone = defaultZone;
    }

    /** Whether frames with this CN are turned into readings (2011, 2051, 2061, 2031). */
    public static boolean isDataCommand(String cn) {
        return DataCommand.ofCn(cn) != null;
    }

    /**
     * Readings of a frame that arrived on the topic of {@code enterpriseId/deviceId}: its MN must be that device's.
     * Without a registry the readings carry the given ids (which may be {@code null}) unchecked.
     */
    public Hj212Result<List<Reading>> readings(Hj212Frame frame, String enterpriseId, String deviceId) {
        return convert(frame, identify(frame, enterpriseId, deviceId, false));
    }

    /** Readings of a frame whose device is known only by its MN (e.g. a frame from the TCP gateway). */
    public Hj212Result<List<Reading>> readings(Hj212Frame frame) {
        return convert(frame, identify(frame, null, null, true));
    }

    /**
     * Who sent the frame, after the MN and PW checks.
     *
     * @param byMnOnly identify the device by MN alone, ignoring the given ids
     */
    Hj212Result<Sender> identify(Hj212Frame frame, String enterpriseId, String deviceId, boolean byMnOnly) {
        if (registry == null) {
            return Hj212Result.accepted(new Sender(enterpriseId, deviceId, defaultZone));
        }
        Optional<Registry.DeviceRef> owner = registry.deviceByMn(frame.mn());
        if (owner.isEmpty()) {
            return Hj212Result.rejected(Hj212Reasons.MN_UNKNOWN, "no device in the registry has MN=" + frame.mn());
        }
        Registry.DeviceRef ref = owner.get();
        if (!byMnOnly && (!ref.enterprise().id().equals(enterpriseId) || !ref.device().id().equals(deviceId))) {
            return Hj212Result.rejected(Hj212Reasons.MN_MISMATCH, "MN=" + frame.mn() + " belongs to " + ref.key()
                    + ", not to " + enterpriseId + "/" + deviceId + " named by the topic");
        }
        String password = ref.device().hj212Password();
        if (password != null && !password.equals(frame.pw())) {
            // never echo the configured password into a dead letter
            return Hj212Result.rejected(Hj212Reasons.PASSWORD, (frame.pw() == null ? "the frame has no PW" : "PW does not match")
                    + " the password configured for " + ref.key() + " (hj212Password)");
        }
        ZoneId zone = ref.enterprise().timeZone() != null ? ref.enterprise().timeZone() : defaultZone;
        return Hj212Result.accepted(new Sender(ref.enterprise().id(), ref.device().id(), zone));
    }

    /** The device a frame comes from and the zone its DataTime is in. */
    record Sender(String enterpriseId, String deviceId, ZoneId zone) {}

    private static Hj212Result<List<Reading>> convert(Hj212Frame frame, Hj212Result<Sender> identified) {
        if (!identified.isAccepted()) {
            return Hj212Result.rejected(identified.rejection());
        }
        Sender sender = identified.value();
        DataCommand command = DataCommand.ofCn(frame.cn());
        if (command == null) {
            return Hj212Result.accepted(List.of());
        }
        String dataTime = frame.cpValue("DataTime");
        if (dataTime == null) {
            return Hj212Result.rejected(Hj212Reasons.DATATIME, "CN " + frame.cn() + " data has no DataTime");
        }
        Long ts = epochMillis(dataTime, sender.zone());
        if (ts == null) {
            return Hj212Result.rejected(Hj212Reasons.DATATIME, "DataTime '" + Texts.abbreviate(dataTime)
                    + "' is not a valid yyyyMMddHHmmss time");
        }
        Hj212Result<Map<String, String>> flags = flags(frame);
        if (!flags.isAccepted()) {
            return Hj212Result.rejected(flags.rejection());
        }
        List<Reading> readings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map<String, String> item : frame.cp()) {
            for (Map.Entry<String, String> field : item.entrySet()) {
                String key = field.getKey();
                int dash = key.lastIndexOf('-');
                if (dash <= 0) {
                    continue; // DataTime and other plain fields
                }
                String code = Hj212Codes.to2017(key.substring(0, dash));
                String suffix = key.substring(dash + 1);
                boolean status = command == DataCommand.REAL_TIME && suffix.equals(DataCommand.RUN_STATUS);
                if (!status && !command.kinds.contains(suffix)) {
                    continue; // -ZsRtd, -SampleTime, -EFlag, -Flag …: not readings
                }
                String metric = status ? code + "-" + DataCommand.RUN_STATUS : code;
                String kind = status ? Reading.REAL_TIME : suffix;
                if (!DECIMAL.matcher(field.getValue()).matches()) {
                    return Hj212Result.rejected(Hj212Reasons.VALUE, key + "='" + Texts.abbreviate(field.getValue())
                            + "' is not a decimal number");
                }
                double value = Double.parseDouble(field.getValue());
                if (!Double.isFinite(value)) {
                    return Hj212Result.rejected(Hj212Reasons.VALUE, key + "=" + Texts.abbreviate(field.getValue()) + " is not finite");
                }
                if (!seen.add(metric + "-" + kind)) {
                    return Hj212Result.rejected(Hj212Reasons.SYNTAX, "CP gives " + key + " twice");
                }
                String flag = status ? "N" : flags.value().getOrDefault(code, "N");
                readings.add(new Reading(sender.enterpriseId(), sender.deviceId(), metric, ts, value, flag, kind, command.periodMillis));
            }
        }
        return Hj212Result.accepted(readings);
    }

    /** A DataTime in the given zone as epoch milliseconds, or {@code null} when it is not a valid time. */
    private static Long epochMillis(String dataTime, ZoneId zone) {
        if (!DATA_TIME_TEXT.matcher(dataTime).matches()) {
            return null;
        }
        try {
            return LocalDateTime.parse(dataTime, DATA_TIME).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The {@code code-Flag} fields by 2017 code. */
    private static Hj212Result<Map<String, String>> flags(Hj212Frame frame) {
        Map<String, String> flags = new HashMap<>();
        for (Map<String, String> item : frame.cp()) {
            for (Map.Entry<String, String> field : item.entrySet()) {
                String key = field.getKey();
                if (!key.endsWith("-" + FLAG_SUFFIX) || key.length() == FLAG_SUFFIX.length() + 1) {
                    continue;
                }
                String flag = field.getValue();
                if (flag.length() != 1 || FLAGS.indexOf(flag.charAt(0)) < 0) {
                    return Hj212Result.rejected(Hj212Reasons.FLAG, key + "='" + Texts.abbreviate(flag)
                            + "' is not a data flag (N F M S D C T B)");
                }
                flags.put(Hj212Codes.to2017(key.substring(0, key.length() - FLAG_SUFFIX.length() - 1)), flag);
            }
        }
        return Hj212Result.accepted(flags);
    }
}
