package dev.neptuneguard.iac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudFormation intrinsic functions as text, so that a value built with {@code Fn::Join} or {@code Fn::Sub} can
 * be read: literals stay, {@code {"Ref": "X"}} becomes {@code ${X}} and {@code {"Fn::GetAtt": ["K", "Arn"]}} becomes
 * {@code ${K.Arn}} (the {@code Fn::Sub} notation); anything else becomes {@code ${?}}.
 */
final class Intrinsics {

    private Intrinsics() {
    }

    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isObject() && node.size() == 1) {
            String fn = node.fieldNames().next();
            JsonNode arg = node.get(fn);
            switch (fn) {
                case "Ref":
                    return "${" + arg.asText() + "}";
                case "Fn::GetAtt":
                    return "${" + getAtt(arg) + "}";
                case "Fn::Sub":
                    return arg.isArray() ? arg.path(0).asText() : arg.asText();
                case "Fn::Join": {
                    List<String> parts = new ArrayList<>();
                    arg.path(1).forEach(p -> parts.add(text(p)));
                    return String.join(arg.path(0).asText(), parts);
                }
                default:
                    return "${?}";
            }
        }
        return "${?}";
    }

    /** {@code ["K", "Arn"]} or {@code "K.Arn"} as {@code K.Arn}. */
    static String getAtt(JsonNode arg) {
        return arg.isArray() ? arg.path(0).asText() + "." + arg.path(1).asText() : arg.asText();
    }

    /** The single intrinsic function name of {@code node}, or {@code null} when it is not one. */
    static String function(JsonNode node) {
        if (node != null && node.isObject() && node.size() == 1) {
            String name = node.fieldNames().next();
            if (name.equals("Ref") || name.startsWith("Fn::") || name.equals("Condition")) {
                return name;
            }
        }
        return null;
    }
}
