package org.ecowatch.configs;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The registry's enterprises, an unmodifiable list that also finds an enterprise by id and a device by its HJ 212
 * MN without scanning: the pipeline looks a device up for every message and every reading, and a province registers
 * 10^5 devices. The indexes are built on first use, again in each copy the job deserializes.
 */
final class Enterprises extends AbstractList<Enterprise> implements RandomAccess, Serializable {
    private final List<Enterprise> list;
    private transient volatile Map<String, Enterprise> byId;
    private transient volatile Map<String, Registry.DeviceRef> byMn;

    Enterprises(List<Enterprise> list) {
        this.list = List.copyOf(list);
    }

    @Override
    public Enterprise get(int index) {
        return list.get(index);
    }

    @Override
    public int size() {
        return list.size();
    }

    /** The first enterprise with this id, or null. */
    Enterprise byId(String id) {
        Map<String, Enterprise> index = byId;
        if (index == null) {
            index = new HashMap<>(list.size() * 2);
            for (Enterprise e : list) {
                index.putIfAbsent(e.id(), e);
            }
            byId = index;
        }
        return index.get(id);
    }

    /** The first device with this MN, with its enterprise, or null. */
    Registry.DeviceRef byMn(String mn) {
        Map<String, Registry.DeviceRef> index = byMn;
        if (index == null) {
            index = new HashMap<>();
            for (Enterprise e : list) {
                for (Device d : e.devices()) {
                    if (d.mn() != null) {
                        index.putIfAbsent(d.mn(), new Registry.DeviceRef(e, d));
                    }
                }
            }
            byMn = index;
        }
        return index.get(mn);
    }
}
