package dev.neptuneguard.revocation;

import dev.neptuneguard.model.KeyFacts;

/** How findings name a key: its first alias when it has one, else its id or ARN. */
final class KeyText {

    private KeyText() {
    }

    /** Short name: {@code alias/neptune-legacy}, else the key id, else whatever reference is known. */
    static String name(KeyFacts key) {
        if (key.primaryAlias() != null) {
            return key.primaryAlias();
        }
        return key.keyId() != null ? key.keyId() : key.displayArn();
    }

    /** Name and ARN: {@code alias/neptune-legacy (arn:aws:kms:…:key/5555…)}. */
    static String full(KeyFacts key) {
        String alias = key.primaryAlias();
        return alias == null ? key.displayArn() : alias + " (" + key.displayArn() + ")";
    }

    /** The key's id as schedule names use it: the part after {@code key/}, without dashes. */
    static String compactId(String keyArnOrId) {
        int i = keyArnOrId.indexOf(":key/");
        String id = i >= 0 ? keyArnOrId.substring(i + 5) : keyArnOrId;
        return id.replace("-", "");
    }
}
