package org.ecowatch.configs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds {@code registry.yaml} to {@link Registry}: districts, enterprises with devices, maintenance windows.
 * Checks ids, uniqueness (district, officer and enterprise ids; device ids within an enterprise; MNs across the
 * registry), references, the role each device kind allows, and that declared metrics are known.
 */
final class RegistryBinder {
    private static final List<String> ROOT_KEYS = List.of("districts", "enterprises", "maintenance");
    private static final List<String> DISTRICT_KEYS = List.of("id", "name", "officers");
    private static final List<String> OFFICER_KEYS = List.of("id", "name");
    private static final List<String> ENTERPRISE_KEYS = List.of("id", "name", "district", "industry", "supervision",
            "positiveList", "address", "contact", "timeZone", "devices");
    private static final List<String> DEVICE_KEYS = List.of("id", "kind", "metrics", "interval", "mn", "hj212Password",
            "hj212ModbusCrc", "role", "runningAbove", "ratedPower");
    private static final List<String> MAINTENANCE_KEYS = List.of("device", "from", "to", "reason");

    private final Set<String> knownMetrics;
    /** Where each id was first seen, to name it in "duplicate" problems. */
    private final Map<String, String> districtIds = new LinkedHashMap<>();
    private final Map<String, String> officerIds = new LinkedHashMap<>();
    private final Map<String, String> enterpriseIds = new LinkedHashMap<>();
    private final Map<String, String> mns = new LinkedHashMap<>();
    /** Every well-formed {@code enterpriseId/deviceId}, even of devices with other problems, for references. */
    private final Set<String> deviceKeys = new LinkedHashSet<>();

    /**
     * The bound registry (meaningful only when no problem was reported) and the ids it defines, collected even
     * where an entry has other problems, so that references to them are not reported as missing too.
     */
    record Result(Registry registry, Set<String> enterpriseIds, Set<String> deviceKeys) {}

    /** @param knownMetrics the metrics a device may declare, or null when thresholds.yaml could not be read */
    private RegistryBinder(Set<String> knownMetrics) {
        this.knownMetrics = knownMetrics;
    }

    static Result bind(Node root, Set<String> knownMetrics) {
        RegistryBinder binder = new RegistryBinder(knownMetrics);
        Registry registry = binder.registry(root);
        return new Result(registry, binder.enterpriseIds.keySet(), binder.deviceKeys);
    }

    private Registry registry(Node root) {
        root.checkKeys(ROOT_KEYS);
        List<District> districts = new ArrayList<>();
        for (Node d : root.get("districts").required("[{id: north, name: 北片区}]").items()) {
            add(districts, district(d));
        }
        List<Enterprise> enterprises = new ArrayList<>();
        for (Node e : root.get("enterprises").required("[{id: ent-001, name: …, district: …, industry: …, supervision: KEY, devices: […]}]").items()) {
            add(enterprises, enterprise(e));
        }
        List<MaintenanceWindow> maintenance = new ArrayList<>();
        for (Node m : root.get("maintenance").items()) {
            add(maintenance, maintenanceWindow(m));
        }
        return new Registry(List.copyOf(districts), List.copyOf(enterprises), List.copyOf(maintenance));
    }

    private District district(Node d) {
        if (!d.isMapping()) {
            return null;
        }
        d.checkKeys(DISTRICT_KEYS);
        String id = unique(d.get("id").required("north").id(), districtIds, d, "district id", "district");
        String name = d.get("name").required("北片区").text();
        List<District.Officer> officers = new ArrayList<>();
        for (Node o : d.get("officers").items()) {
            if (o.isMapping()) {
                o.checkKeys(OFFICER_KEYS);
                String officerId = unique(o.get("id").required("officer-01").id(), officerIds, o, "officer id",
                        "officer");
                String officerName = o.get("name").required("张三").text();
                if (officerId != null && officerName != null) {
                    officers.add(new District.Officer(officerId, officerName));
                }
            }
        }
        return id == null || name == null ? null : new District(id, name, List.copyOf(officers));
    }

    private Enterprise enterprise(Node e) {
        if (!e.isMapping()) {
            return null;
        }
        e.checkKeys(ENTERPRISE_KEYS);
        String id = unique(e.get("id").required("ent-001").id(), enterpriseIds, e, "enterprise id", "enterprise");
        String name = e.get("name").required("某造纸有限公司").text();
        Node districtNode = e.get("district").required(districtIds.isEmpty() ? "north" : districtIds.keySet().iterator().next());
        String district = districtNode.id();
        if (district != null && !districtIds.containsKey(district)) {
            districtNode.problem("no district \"" + district + "\" in `districts`",
                    Suggestions.didYouMean(district, districtIds.keySet())
                            + (districtIds.isEmpty() ? "" : "use one of " + String.join(", ", districtIds.keySet()) + ", or ")
                            + "add it to `districts`");
        }
        String industry = e.get("industry").required("paper").text();
        Enterprise.Supervision supervision = e.get("supervision").required("KEY").oneOf(Enterprise.Supervision.class);
        boolean positiveList = e.get("positiveList").bool(false);
        String address = e.get("address").text();
        String contact = e.get("contact").text();
        ZoneId timeZone = e.get("timeZone").zone();

        List<Device> devices = new ArrayList<>();
        Map<String, String> deviceIds = new LinkedHashMap<>();
        for (Node d : e.get("devices").required("[{id: ww-01, kind: WASTEWATER_OUTLET, …}]").items()) {
            add(devices, device(d, id, deviceIds));
        }
        if (id == null || name == null || district == null || industry == null || supervision == null) {
            return null;
        }
        return new Enterprise(id, name, district, industry, supervision, positiveList, address, contact, timeZone,
                List.copyOf(devices));
    }

    private Device device(Node d, String enterpriseId, Map<String, String> deviceIds) {
        if (!d.isMapping()) {
            return null;
        }
        d.checkKeys(DEVICE_KEYS);
        String id = unique(d.get("id").required("ww-01").id(), deviceIds, d, "device id in this enterprise", "device");
        Device.Kind kind = d.get("kind").required("WASTEWATER_OUTLET").oneOf(Device.Kind.class);
        List<String> metrics = metrics(d.get("metrics"), kind);
        Duration interval = d.get("interval").required("PT30S").duration();

        Node mnNode = d.get("mn");
        String mn = mnNode.id();
        if (enterpriseId != null && id != null) {
            deviceKeys.add(enterpriseId + "/" + id);
        }
        if (mn != null && enterpriseId != null && id != null) {
            String owner = enterpriseId + "/" + id;
            String earlier = mns.putIfAbsent(mn, owner);
            if (earlier != null) {
                mnNode.problem("duplicate MN \"" + mn + "\" also used by " + earlier, "give each device its own MN");
            }
        }
        String password = d.get("hj212Password").text();
        boolean modbusCrc = d.get("hj212ModbusCrc").bool(false);

        Device.Role role = null;
        Node roleNode = d.get("role");
        if (kind != null && kind.isMeter()) {
            List<Device.Role> allowed = kind == Device.Kind.POWER_METER
                    ? List.of(Device.Role.PRODUCTION, Device.Role.TREATMENT)
                    : List.of(Device.Role.INTAKE, Device.Role.DISCHARGE);
            role = roleNode.required(allowed.get(0).name()).oneOf(Device.Role.class, allowed);
        } else if (kind != null && roleNode.present()) {
            roleNode.problem("a " + kind + " has no role; roles are for POWER_METER (PRODUCTION | TREATMENT) and"
                    + " WATER_METER (INTAKE | DISCHARGE)", "remove `role`");
        }

        Double runningAbove = null;
        Double ratedPower = null;
        if (kind == Device.Kind.POWER_METER) {
            runningAbove = d.get("runningAbove").positive();
            ratedPower = d.get("ratedPower").positive();
            if (runningAbove != null && ratedPower != null && runningAbove > ratedPower) {
                d.get("runningAbove").problem("running threshold " + runningAbove + " kW is above the rated power "
                        + ratedPower + " kW, so the equipment could never count as running",
                        "write a `runningAbove` below `ratedPower`, typically 5–20 % of it");
            }
        } else if (kind != null) {
            for (String powerKey : List.of("runningAbove", "ratedPower")) {
                if (d.get(powerKey).present()) {
                    d.get(powerKey).problem("`" + powerKey + "` applies to POWER_METER devices only, not " + kind,
                            "remove `" + powerKey + "`");
                }
            }
        }
        if (id == null || kind == null || metrics == null || interval == null) {
            return null;
        }
        return new Device(id, kind, metrics, interval, mn, password, modbusCrc, role, runningAbove, ratedPower);
    }

    /** The declared metrics; meters default to their kind's metrics, outlets must list theirs. */
    private List<String> metrics(Node metricsNode, Device.Kind kind) {
        if (!metricsNode.present()) {
            if (kind == null) {
                return null;
            }
            if (!kind.isMeter()) {
                metricsNode.required("[w01018, w21003, w01001, w00000]");
                return null;
            }
            return kind.defaultMetrics();
        }
        Set<String> metrics = new LinkedHashSet<>();
        List<Node> items = metricsNode.items();
        if (items.isEmpty() && metricsNode.raw() instanceof List && kind != null && !kind.isMeter()) {
            metricsNode.problem("an outlet must declare at least one metric",
                    "list the codes it reports, such as `metrics: [w01018, w21003, w01001, w00000]`");
        }
        for (Node item : items) {
            String metric = item.id();
            if (metric == null) {
                continue;
            }
            if (!metrics.add(metric)) {
                item.problem("metric \"" + metric + "\" is listed twice", "remove the second `" + metric + "`");
            } else if (knownMetrics != null && !knownMetrics.contains(metric)) {
                item.problem("unknown metric \"" + metric + "\": neither in thresholds.yaml `metrics` nor a meter metric",
                        Suggestions.didYouMean(metric, knownMetrics)
                                + "or add it to thresholds.yaml, e.g. `metrics: {" + metric
                                + ": {unit: mg/L, limit: …, range: [0, …]}}`");
            }
        }
        return List.copyOf(metrics);
    }

    private MaintenanceWindow maintenanceWindow(Node m) {
        if (!m.isMapping()) {
            return null;
        }
        m.checkKeys(MAINTENANCE_KEYS);
        String example = deviceKeys.isEmpty() ? "ent-001/ww-01" : deviceKeys.iterator().next();
        Node deviceNode = m.get("device").required(example);
        String device = deviceNode.text();
        if (device != null && !deviceKeys.contains(device)) {
            deviceNode.problem("no device \"" + device + "\" in the registry",
                    Suggestions.didYouMean(device, deviceKeys)
                            + "write `enterpriseId/deviceId` of a registered device, such as `" + example + "`");
        }
        Instant from = m.get("from").required("2026-11-20T09:00:00+08:00").instant();
        Instant to = m.get("to").required("2026-11-20T12:00:00+08:00").instant();
        if (from != null && to != null && !from.isBefore(to)) {
            m.get("to").problem("the window ends before it starts (`to` is not after `from`)",
                    "write a `to` later than `from`");
        }
        String reason = m.get("reason").text();
        return device == null || from == null || to == null ? null : new MaintenanceWindow(device, from, to, reason);
    }

    /** Records an id and reports it when already taken; returns the id (null stays null). */
    private static String unique(String id, Map<String, String> seen, Node owner, String what, String noun) {
        if (id == null) {
            return null;
        }
        String earlier = seen.putIfAbsent(id, owner.path());
        if (earlier != null) {
            owner.get("id").problem("duplicate " + what + " \"" + id + "\", also used by " + earlier,
                    "give each " + noun + " its own id");
        }
        return id;
    }

    private static <T> void add(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }
}
