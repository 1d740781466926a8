package dev.neptuneguard.revocation;

import java.util.Map;

/** The KMS writes (and the tag read) protection needs, behind one interface so tests need no AWS. */
public interface KeyActions {

    /** The key's tags ({@code ListResourceTags}). */
    Map<String, String> tags(String keyArn);

    /** {@code CancelKeyDeletion}: the key goes back to Disabled. */
    void cancelDeletion(String keyArn);

    /** {@code EnableKey}. */
    void enable(String keyArn);

    /** {@code TagResource}. */
    void tag(String keyArn, Map<String, String> tags);
}
