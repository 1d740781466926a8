package dev.neptuneguard.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Builds the stack from CDK context the way the app does, with a stand-in code asset, and reads the synthesized
 * template back for the walks that {@code Template} matchers cannot express (every IAM statement, every rule).
 */
final class TestStacks {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String STUB_CODE = "src/test/resources/stub-code";

    private TestStacks() {
    }

    /** The organization of the organization-mode tests, as CI's second synth gives it. */
    static final Map<String, Object> ORGANIZATION = Map.of(
            OrganizationSettings.ORGANIZATION_ID, "o-exampleorgid1",
            OrganizationSettings.MEMBER_ORGANIZATIONAL_UNIT_IDS, "ou-ab12-cdefghij",
            OrganizationSettings.MEMBER_REGIONS, "us-east-1,eu-west-1",
            OrganizationSettings.HUB_ACCOUNT, "111122223333");
    /** The hub's region in the organization-mode tests (the CLI's CDK_DEFAULT_REGION). */
    static final String HUB_REGION = "eu-central-1";

    static NeptuneGuardStack stack(Map<String, Object> context) {
        App app = App.Builder.create().context(context).build();
        return new NeptuneGuardStack(app, "NeptuneGuard", new NeptuneGuardStackProps(
                LambdaArtifacts.same(Code.fromAsset(STUB_CODE)),
                GuardSettings.fromContext(app.getNode()::tryGetContext), null));
    }

    /** The app as NeptuneGuardApp builds it from this context, in region {@link #HUB_REGION}, without account. */
    static App app(Map<String, Object> context) {
        App app = App.Builder.create().context(context).build();
        GuardSettings settings = GuardSettings.fromContext(app.getNode()::tryGetContext);
        OrganizationSettings organization = OrganizationSettings.fromContext(app.getNode()::tryGetContext, null,
                HUB_REGION);
        NeptuneGuardApp.build(app, LambdaArtifacts.same(Code.fromAsset(STUB_CODE)), settings, organization, null,
                HUB_REGION);
        return app;
    }

    /** The hub of {@link #ORGANIZATION} plus {@code more} context. */
    static NeptuneGuardStack hub(Map<String, Object> more) {
        return (NeptuneGuardStack) app(merged(more)).getNode().findChild(NeptuneGuardApp.STACK_NAME);
    }

    /** The standalone member stack of {@link #ORGANIZATION} plus {@code more} context. */
    static MemberStack member(Map<String, Object> more) {
        return (MemberStack) app(merged(more)).getNode().findChild(NeptuneGuardApp.MEMBER_STACK_NAME);
    }

    private static Map<String, Object> merged(Map<String, Object> more) {
        Map<String, Object> context = new LinkedHashMap<>(ORGANIZATION);
        context.putAll(more);
        return context;
    }

    /** The resources of one type as JSON, by logical id. */
    static Map<String, JsonNode> resources(Template template, String type) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        template.findResources(type).forEach((id, resource) -> out.put(id, MAPPER.valueToTree(resource)));
        return out;
    }

    /** Logical id of the Lambda function whose handler is {@code handler}. */
    static String functionId(Template template, String handler) {
        return resources(template, "AWS::Lambda::Function").entrySet().stream()
                .filter(e -> e.getValue().at("/Properties/Handler").asText().equals(handler))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no function with handler " + handler));
    }

    /** Logical id of the {@code live} alias of the function whose handler is {@code handler}. */
    static String aliasId(Template template, String handler) {
        String function = functionId(template, handler);
        return resources(template, "AWS::Lambda::Alias").entrySet().stream()
                .filter(e -> e.getValue().at("/Properties/FunctionName/Ref").asText().equals(function))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no alias for " + handler));
    }

    /** Logical id of the execution role of the function whose handler is {@code handler}. */
    static String roleId(Template template, String handler) {
        JsonNode function = resources(template, "AWS::Lambda::Function").get(functionId(template, handler));
        return function.at("/Properties/Role/Fn::GetAtt/0").asText();
    }

    /** Logical id of the dead-letter queue built by the same GuardFunction as {@code functionId}. */
    static String deadLetterQueueId(Template template, String handler) {
        String prefix = functionId(template, handler).replaceFirst("Function[0-9A-F]{8}$", "DeadLetters");
        return resources(template, "AWS::SQS::Queue").keySet().stream()
                .filter(id -> id.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no dead-letter queue for " + handler));
    }

    /** Every statement of every identity policy (AWS::IAM::Policy and inline role policies), with its owner. */
    static List<OwnedStatement> identityStatements(Template template) {
        List<OwnedStatement> out = new ArrayList<>();
        resources(template, "AWS::IAM::Policy").forEach((id, policy) -> {
            for (JsonNode role : policy.at("/Properties/Roles")) {
                policy.at("/Properties/PolicyDocument/Statement")
                        .forEach(s -> out.add(new OwnedStatement(role.path("Ref").asText(), s)));
            }
        });
        resources(template, "AWS::IAM::Role").forEach((id, role) -> {
            for (JsonNode inline : role.at("/Properties/Policies")) {
                inline.at("/PolicyDocument/Statement").forEach(s -> out.add(new OwnedStatement(id, s)));
            }
        });
        return out;
    }

    static List<String> actions(JsonNode statement) {
        return texts(statement.path("Action"));
    }

    /** A single value or an array, as a list. */
    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (!node.isMissingNode()) {
            out.add(node);
        }
        return out;
    }

    static List<String> texts(JsonNode node) {
        return list(node).stream().map(JsonNode::asText).toList();
    }

    /** The literal text of a resource: the string itself, or the string parts of an Fn::Join. */
    static String literal(JsonNode resource) {
        if (resource.isTextual()) {
            return resource.asText();
        }
        JsonNode join = resource.path("Fn::Join");
        if (join.isArray()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode part : join.get(1)) {
                out.append(part.isTextual() ? part.asText() : "<" + part.fieldNames().next() + ">");
            }
            return out.toString();
        }
        return "<" + resource.fieldNames().next() + ">";
    }

    /** An identity-policy statement and the logical id of the role it is attached to. */
    record OwnedStatement(String roleId, JsonNode statement) {
    }
}
