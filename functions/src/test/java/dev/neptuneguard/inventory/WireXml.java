package dev.neptuneguard.inventory;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Query-protocol XML answers built from the one-resource wire templates as documents (never by string formatting):
 * parse a template, set a child element's text, write it back for the stub to send.
 */
public final class WireXml {

    private WireXml() {
    }

    /** A namespace-aware document of {@code xml}. */
    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read a wire template", e);
        }
    }

    /** Sets the text of {@code parent}'s direct child element named {@code child}, which must exist. */
    public static void set(Element parent, String child, String value) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(child)) {
                e.setTextContent(value);
                return;
            }
        }
        throw new IllegalArgumentException("no <" + child + "> in the template");
    }

    public static String write(Document doc) {
        try {
            StringWriter out = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
