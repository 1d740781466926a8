package dev.neptuneguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.InvalidPolicyException;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.PolicySchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads {@code --policy FILE}: a JSON object with the same setting names as everywhere else, e.g.
 * {@code {"requireCustomerManagedKey": true, "allowedKeyArns": ["alias/neptune-prod"],
 * "requiredKeyOrigins": "AWS_CLOUDHSM", "requireKeyRotation": false}}. Lists may be arrays of strings or
 * comma-separated. The file is checked against {@link PolicySchema}: an unknown or misspelt name, a value of the
 * wrong type or an invalid key reference is an input error (exit code 2) naming the file and the setting.
 */
final class PolicyFile {

    /** Settings people put in a policy file that belong elsewhere. */
    private static final Map<String, String> ELSEWHERE = Map.of("resourceTypes",
            "resourceTypes is a parameter of the AWS Config rule, not of a policy: scan evaluates both types");

    private PolicyFile() {
    }

    static Policy read(Path file) {
        if (file == null) {
            return Policy.defaults();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": cannot read policy (" + firstLine(e.getMessage()) + ")", e);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new InputException(file + ": a policy file must be a JSON object such as {\""
                    + Policy.REQUIRE_CUSTOMER_MANAGED_KEY + "\": true, \"" + Policy.ALLOWED_KEY_ARNS
                    + "\": [\"alias/my-key\"]}");
        }
        try {
            return Policy.fromSettings(PolicySchema.policy(ELSEWHERE).read(root));
        } catch (InvalidPolicyException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
