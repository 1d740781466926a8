package dev.neptuneguard.cli.report;

import dev.neptuneguard.model.Finding;
import dev.neptuneguard.sinks.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A finding's own text made safe to show to people: the terminal report, the sink previews, the HTML report. */
public final class FindingText {

    private FindingText() {
    }

    /**
     * Multi-line text of a finding (detail, remediation) for the terminal: the line breaks the rules put there are
     * kept; every identifier of the finding that holds a control character (its name, ARNs, key, exemption, and
     * the names inside the affected resources' ARNs) is shown escaped first, line breaks included, and whatever
     * control character is left after that is escaped too.
     */
    public static String prose(Finding f, String text) {
        if (text == null || !Text.hasControls(text)) {
            return text == null ? "" : text;
        }
        List<String> ids = new ArrayList<>();
        addIdentifier(ids, f.resourceName());
        addIdentifier(ids, f.resourceId());
        addIdentifier(ids, f.suppressionReason());
        addIdentifier(ids, f.keyState());
        addArn(ids, f.resourceArn());
        addArn(ids, f.keyArn());
        f.affectedResources().forEach(arn -> addArn(ids, arn));
        ids.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String id : ids) {
            out = out.replace(id, Text.visible(id));
        }
        return Text.visibleLines(out);
    }

    private static void addArn(List<String> ids, String arn) {
        addIdentifier(ids, arn);
        if (arn == null) {
            return;
        }
        // arn:partition:service:region:account:resource, where resource is "type:name", "type/name" or a name.
        String[] parts = arn.split(":", 6);
        if (parts.length == 6) {
            String resource = parts[5];
            addIdentifier(ids, resource);
            int cut = resource.indexOf(':') >= 0 ? resource.indexOf(':') : resource.indexOf('/');
            if (cut >= 0) {
                addIdentifier(ids, resource.substring(cut + 1));
            }
        }
    }

    private static void addIdentifier(List<String> ids, String id) {
        if (id != null && Text.hasControls(id)) {
            ids.add(id);
        }
    }
}
