package dev.neptuneguard.cdk;

import java.util.Locale;

/** Construct ids from upper snake case names ({@code KMS_KEY_CHANGES} becomes {@code KmsKeyChanges}). */
final class PascalCase {

    private PascalCase() {
    }

    static String of(String upperSnake) {
        StringBuilder out = new StringBuilder();
        for (String part : upperSnake.toLowerCase(Locale.ROOT).split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
