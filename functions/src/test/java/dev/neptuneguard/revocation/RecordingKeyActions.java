package dev.neptuneguard.revocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kms.model.KmsException;

/** KMS actions recorded in memory; can be told to refuse one operation the way KMS does. */
public final class RecordingKeyActions implements KeyActions {

    public final List<String> calls = new ArrayList<>();
    public final Map<String, Map<String, String>> tags = new HashMap<>();
    private String refuse;

    public RecordingKeyActions refusing(String operation) {
        refuse = operation;
        return this;
    }

    public RecordingKeyActions tagged(String keyArn, String key, String value) {
        tags.computeIfAbsent(keyArn, k -> new HashMap<>()).put(key, value);
        return this;
    }

    @Override
    public Map<String, String> tags(String keyArn) {
        calls.add("ListResourceTags");
        return tags.getOrDefault(keyArn, Map.of());
    }

    @Override
    public void cancelDeletion(String keyArn) {
        call("CancelKeyDeletion");
    }

    @Override
    public void enable(String keyArn) {
        call("EnableKey");
    }

    @Override
    public void tag(String keyArn, Map<String, String> newTags) {
        call("TagResource");
        tags.computeIfAbsent(keyArn, k -> new HashMap<>()).putAll(newTags);
    }

    private void call(String operation) {
        if (operation.equals(refuse)) {
            throw KmsException.builder().statusCode(400).message("User is not authorized to perform " + operation)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                            .errorMessage("User is not authorized to perform " + operation).build()).build();
        }
        calls.add(operation);
    }
}
