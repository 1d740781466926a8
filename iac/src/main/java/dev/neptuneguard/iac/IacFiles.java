package dev.neptuneguard.iac;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one IaC input file into an {@link IacModel}: a CloudFormation template in JSON or YAML (the short-form
 * intrinsics {@code !Ref}, {@code !GetAtt}, {@code !Sub}, {@code !ImportValue}, {@code !If}... become their long
 * forms), or a Terraform plan in the JSON of {@code terraform show -json}. The line of each resource is kept for
 * findings. A file that is neither is an {@link IacInputException}, never a crash.
 */
public final class IacFiles {

    private static final int MAX_BYTES = 50 * 1024 * 1024;

    private IacFiles() {
    }

    /** A parsed file: its tree, and the line of each CloudFormation resource's logical id. */
    record Parsed(JsonNode tree, Map<String, Integer> lines) {
    }

    public static IacModel read(Path file) {
        Parsed parsed = parse(file);
        String name = file.toString();
        if (TerraformPlanReader.isPlan(parsed.tree())) {
            return new TerraformPlanReader(parsed.tree(), name).read();
        }
        if (CloudFormationReader.isTemplate(parsed.tree())) {
            return new CloudFormationReader(parsed.tree(), parsed.lines(), name).read();
        }
        throw new IacInputException(name + ": neither a CloudFormation template (no Resources with a Type) nor a "
                + "Terraform plan in JSON (terraform show -json PLAN: no resource_changes)");
    }

    static Parsed parse(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IacInputException(file + ": larger than " + MAX_BYTES / 1024 / 1024 + " MB");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IacInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{")) {
            return parseJson(file, text);
        }
        return parseYaml(file, text);
    }

    private static Parsed parseJson(Path file, String text) {
        try {
            JsonNode tree = Json.MAPPER.readTree(text);
            return new Parsed(tree, jsonResourceLines(text));
        } catch (IOException e) {
            throw new IacInputException(file + ": not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    /** Lines of the members of the top-level {@code Resources} object, by streaming the tokens. */
    private static Map<String, Integer> jsonResourceLines(String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(text)) {
            int depth = 0;
            boolean inResources = false;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                    if (depth == 1) {
                        inResources = false;
                    }
                } else if (t == JsonToken.FIELD_NAME) {
                    if (depth == 1) {
                        inResources = "Resources".equals(p.currentName());
                    } else if (depth == 2 && inResources) {
                        lines.put(p.currentName(), p.currentTokenLocation().getLineNr());
                    }
                }
            }
        }
        return lines;
    }

    private static Parsed parseYaml(Path file, String text) {
        Node root;
        try (Reader reader = new java.io.StringReader(text)) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            options.setCodePointLimit(MAX_BYTES);
            root = new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (RuntimeException | IOException e) {
            throw new IacInputException(file + ": not valid YAML or JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (root == null) {
            throw new IacInputException(file + ": empty");
        }
        Map<String, Integer> lines = new HashMap<>();
        if (root instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && "Resources".equals(k.getValue())
                        && t.getValueNode() instanceof MappingNode resources) {
                    for (NodeTuple r : resources.getValue()) {
                        if (r.getKeyNode() instanceof ScalarNode id) {
                            lines.put(id.getValue(), id.getStartMark().getLine() + 1);
                        }
                    }
                }
            }
        }
        return new Parsed(toJson(root), lines);
    }

    /** A YAML node as JSON; a CloudFormation short-form tag ({@code !Ref x}) becomes its long form. */
    static JsonNode toJson(Node node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String tag = node.getTag().getValue();
        JsonNode value;
        if (node instanceof MappingNode m) {
            ObjectNode o = f.objectNode();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
                o.set(key, toJson(t.getValueNode()));
            }
            value = o;
        } else if (node instanceof SequenceNode s) {
            ArrayNode a = f.arrayNode();
            s.getValue().forEach(n -> a.add(toJson(n)));
            value = a;
        } else {
            ScalarNode s = (ScalarNode) node;
            value = scalar(s);
        }
        if (tag.startsWith("!")) {
            String name = tag.substring(1);
            if (name.equals("GetAtt") && value.isTextual()) {
                String[] parts = value.asText().split("\\.", 2);
                ArrayNode a = f.arrayNode().add(parts[0]);
                if (parts.length > 1) {
                    a.add(parts[1]);
                }
                value = a;
            }
            String fn = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
            return f.objectNode().set(fn, value);
        }
        return value;
    }

    private static JsonNode scalar(ScalarNode s) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Tag tag = s.getTag();
        String v = s.getValue();
        if (Tag.NULL.equals(tag)) {
            return f.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            return f.booleanNode(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on"));
        }
        if (Tag.INT.equals(tag)) {
            try {
                return f.numberNode(Long.parseLong(v.replace("_", "")));
            } catch (NumberFormatException e) {
                return f.textNode(v);
            }
        }
        return f.textNode(v);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
