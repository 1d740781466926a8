package dev.neptuneguard.revocation;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ListResourceTagsResponse;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * The only class that changes KMS keys: cancel a deletion, enable a key, tag it; and reads the key's tags to
 * honour {@code neptune-guard:allow-revocation}. Used only when protection is on (tags also in dry-run). Faults
 * escape to the caller, which reports them in the alert.
 */
public final class KmsKeyActions implements KeyActions {

    private final KmsClient kms;

    public KmsKeyActions(KmsClient kms) {
        this.kms = kms;
    }

    @Override
    public Map<String, String> tags(String keyArn) {
        Map<String, String> tags = new LinkedHashMap<>();
        String marker = null;
        do {
            String m = marker;
            ListResourceTagsResponse page = kms.listResourceTags(b -> b.keyId(keyArn).marker(m));
            page.tags().forEach(t -> tags.put(t.tagKey(), t.tagValue()));
            marker = Boolean.TRUE.equals(page.truncated()) ? page.nextMarker() : null;
        } while (marker != null);
        return tags;
    }

    @Override
    public void cancelDeletion(String keyArn) {
        kms.cancelKeyDeletion(b -> b.keyId(keyArn));
    }

    @Override
    public void enable(String keyArn) {
        kms.enableKey(b -> b.keyId(keyArn));
    }

    @Override
    public void tag(String keyArn, Map<String, String> tags) {
        kms.tagResource(b -> b.keyId(keyArn).tags(tags.entrySet().stream()
                .map(e -> Tag.builder().tagKey(e.getKey()).tagValue(e.getValue()).build()).toList()));
    }
}
