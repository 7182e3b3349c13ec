package org.octavo.cli;

import java.util.HashMap;
import java.util.Map;

public final class Arguments {
    private final Map<String, String> options = new HashMap<>();
    private static final char PREFIX = '-';

    private Arguments() {}

    public static Arguments parse(String[] args) {
        Arguments result = new Arguments();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.charAt(0) != PREFIX) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String value = i + 1 < args.length ? args[++i] : "true";
            result.options.put(arg.substring(1), value);
        }
        return result;
    }

    public int getInt(String name, int fallback) {
        String value = options.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
