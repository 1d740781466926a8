package dev.neptuneguard.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.sinks.FakeSqsQueue;
import java.io.StringWriter;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Each service the guard calls, with its wire protocol and the error each injected fault becomes on that wire:
 * the service's own throttling code and status, its internal-error code, a 503, and the code IAM's denial takes
 * there. Query services (Neptune/RDS, SNS) answer {@code <ErrorResponse>} XML; JSON 1.0/1.1 services a
 * {@code __type} body (SQS also its query-compatible {@code x-amzn-query-error} header); REST-JSON services an
 * {@code x-amzn-ErrorType} header; Slack plain text.
 */
enum Service {
    NEPTUNE(Protocol.QUERY_XML, "Neptune", "http://rds.amazonaws.com/doc/2014-10-31/",
            code(400, "Throttling"), code(500, "InternalFailure"), code(403, "AccessDenied")),
    KMS(Protocol.JSON, "KMS", "application/x-amz-json-1.1",
            code(400, "ThrottlingException"), code(500, "KMSInternalException"), code(400, "AccessDeniedException")),
    SNS(Protocol.QUERY_XML, "SNS", "http://sns.amazonaws.com/doc/2010-03-31/",
            code(429, "Throttled"), code(500, "InternalError"), code(403, "AuthorizationError")),
    DYNAMODB(Protocol.JSON, "DynamoDB", "application/x-amz-json-1.0",
            code(400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException"),
            code(500, "com.amazonaws.dynamodb.v20120810#InternalServerError"),
            code(400, "com.amazonaws.dynamodb.v20120810#AccessDeniedException")),
    SQS(Protocol.SQS_JSON, "SQS", "application/x-amz-json-1.0",
            code(400, "RequestThrottled"), code(500, "InternalFailure"), code(403, "AccessDenied")),
    SECURITY_HUB(Protocol.REST_JSON, "Security Hub", "application/json",
            code(429, "LimitExceededException"), code(500, "InternalException"), code(403, "AccessDeniedException")),
    SECRETS_MANAGER(Protocol.JSON, "Secrets Manager", "application/x-amz-json-1.1",
            code(400, "ThrottlingException"), code(500, "InternalServiceError"), code(400, "AccessDeniedException")),
    SCHEDULER(Protocol.REST_JSON, "Scheduler", "application/json",
            code(429, "ThrottlingException"), code(500, "InternalServerException"), code(403, "AccessDeniedException")),
    CONFIG(Protocol.JSON, "Config", "application/x-amz-json-1.1",
            code(400, "ThrottlingException"), code(500, "InternalFailure"), code(400, "AccessDeniedException")),
    SLACK(Protocol.SLACK, "Slack", "text/plain",
            code(429, "rate_limited"), code(500, "internal_error"), code(403, "invalid_token"));

    enum Protocol { QUERY_XML, JSON, SQS_JSON, REST_JSON, SLACK }

    /** An error as the service sends it: HTTP status and error code. */
    record Code(int status, String code) {
    }

    private final Protocol protocol;
    private final String label;
    /** The XML namespace (Query), or the Content-Type (JSON, REST-JSON, Slack). */
    private final String flavour;
    private final Code throttling;
    private final Code internal;
    private final Code accessDenied;

    Service(Protocol protocol, String label, String flavour, Code throttling, Code internal, Code accessDenied) {
        this.protocol = protocol;
        this.label = label;
        this.flavour = flavour;
        this.throttling = throttling;
        this.internal = internal;
        this.accessDenied = accessDenied;
    }

    private static Code code(int status, String code) {
        return new Code(status, code);
    }

    String label() {
        return label;
    }

    /** The wire error a fault becomes here; {@code null} for faults that are not an HTTP answer. */
    Code errorFor(Injected fault) {
        return switch (fault) {
            case THROTTLING -> throttling;
            case HTTP_500 -> internal;
            case HTTP_503 -> new Code(503, protocol == Protocol.SLACK ? "service_unavailable" : "ServiceUnavailable");
            case ACCESS_DENIED -> accessDenied;
            case CONNECTION_RESET, TIMEOUT -> null;
        };
    }

    ResponseDefinitionBuilder error(Code error) {
        String message = message(error);
        return switch (protocol) {
            case QUERY_XML -> aResponse().withStatus(error.status()).withHeader("Content-Type", "text/xml")
                    .withBody(queryError(error.code(), message));
            case JSON -> aResponse().withStatus(error.status()).withHeader("Content-Type", flavour)
                    .withBody(Json.MAPPER.createObjectNode().put("__type", error.code()).put("message", message)
                            .toString());
            case SQS_JSON -> ResponseDefinitionBuilder.like(FakeSqsQueue.error(error.status(), error.code(), message));
            case REST_JSON -> {
                ObjectNode body = Json.MAPPER.createObjectNode().put("Code", error.code()).put("Message", message);
                yield aResponse().withStatus(error.status()).withHeader("Content-Type", flavour)
                        .withHeader("x-amzn-ErrorType", error.code()).withBody(body.toString());
            }
            case SLACK -> {
                ResponseDefinitionBuilder r = aResponse().withStatus(error.status())
                        .withHeader("Content-Type", flavour).withBody(error.code());
                yield error.status() == 429 ? r.withHeader("Retry-After", "1") : r;
            }
        };
    }

    private String message(Code error) {
        if (error.status() == 503) {
            return "Service Unavailable";
        }
        if (error == throttling) {
            return "Rate exceeded";
        }
        if (error == accessDenied) {
            return "User: arn:aws:sts::111122223333:assumed-role/neptune-guard/fn is not authorized to perform "
                    + "this action";
        }
        return "We encountered an internal error. Please try again.";
    }

    /** {@code <ErrorResponse>} of the Query protocol, built as a document (never by string formatting). */
    private String queryError(String code, String message) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element root = doc.createElementNS(flavour, "ErrorResponse");
            doc.appendChild(root);
            Element error = child(doc, root, "Error", null);
            child(doc, error, "Type", code.startsWith("Internal") || code.equals("ServiceUnavailable")
                    ? "Receiver" : "Sender");
            child(doc, error, "Code", code);
            child(doc, error, "Message", message);
            child(doc, root, "RequestId", "7d8e1a9c-4b3f-4e21-9c6d-2f5a8b0e1d34");
            StringWriter out = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    private Element child(Document doc, Element parent, String name, String text) {
        Element e = doc.createElementNS(flavour, name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }
}
