package dev.devcycle.redis;

import java.util.HashMap;
import java.util.Map;

/** Parses the text of Redis' INFO reply ({@code name:value} lines, {@code #} section headers). */
public final class RedisInfo {

    private RedisInfo() {
    }

    /** The fields of an INFO reply by name (the section headers dropped); empty for {@code null}. */
    public static Map<String, String> parse(String info) {
        Map<String, String> fields = new HashMap<>();
        if (info == null) {
            return fields;
        }
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }
}
