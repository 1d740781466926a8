package dev.neptuneguard.sinks;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import dev.neptuneguard.model.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders findings as a Slack Block Kit message: a header with the severity, the detail, fields (account, region,
 * resource, key, deletion date with countdown), the affected resources ("+N more" past ten), the remediation
 * steps, console links for the cluster and the key, and a plain {@code text} fallback. Keeps within Slack's
 * limits — 50 blocks a message, 3,000 characters a section text, 150 a header, 10 fields of 2,000 — by cutting
 * lists and text and, for many findings, ending with "+N more findings". Pure: the CLI's
 * {@code replay --render} prints the same JSON the notifier posts.
 */
public final class SlackMessageRenderer {

    public static final int MAX_BLOCKS = 50;
    public static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_HEADER = 150;
    static final int MAX_FIELD = 2000;
    static final int LISTED_RESOURCES = 10;
    private static final int MAX_FALLBACK = 3000;

    /** A finding and the full count of its affected resources (the list may have been cut upstream). */
    public record Item(Finding finding, int affectedResourcesTotal) {
        public static Item of(Finding f) {
            return new Item(f, f.affectedResources().size());
        }
    }

    private SlackMessageRenderer() {
    }

    public static SlackMessage render(Finding finding, String eventId, Instant now) {
        return render(List.of(Item.of(finding)), eventId, now);
    }

    public static SlackMessage render(List<Item> items, String eventId, Instant now) {
        List<LayoutBlock> blocks = new ArrayList<>();
        int rendered = 0;
        for (Item item : items) {
            List<LayoutBlock> next = blocks(item, eventId, now);
            int divider = blocks.isEmpty() ? 0 : 1;
            int reserve = rendered + 1 < items.size() ? 1 : 0;
            if (blocks.size() + divider + next.size() + reserve > MAX_BLOCKS) {
                break;
            }
            if (divider == 1) {
                blocks.add(DividerBlock.builder().build());
            }
            blocks.addAll(next);
            rendered++;
        }
        if (rendered < items.size()) {
            blocks.add(context(List.of(":heavy_plus_sign: " + Text.count(items.size() - rendered)
                    + " more findings in this event are not shown here; the e-mail alerts and "
                    + "`neptune-guard replay` list them all.")));
        }
        return new SlackMessage(fallback(items, now), blocks);
    }

    static List<LayoutBlock> blocks(Item item, String eventId, Instant now) {
        Finding f = item.finding();
        List<LayoutBlock> b = new ArrayList<>();
        b.add(HeaderBlock.builder().text(PlainTextObject.builder().emoji(true)
                .text(Text.cap(ChatbotMessageRenderer.emoji(f) + " " + f.severity() + ": " + Text.accountPrefix(f)
                                + f.ruleId().title(),
                        MAX_HEADER)).build()).build());
        b.add(section("*" + Text.mrkdwn(f.title()) + "*\n" + Text.mrkdwn(f.detail())));
        b.add(SectionBlock.builder().fields(fields(f, now)).build());
        if (item.affectedResourcesTotal() > 0) {
            b.add(section(resources(f, item.affectedResourcesTotal())));
        }
        if (f.remediation() != null && !f.remediation().isBlank()) {
            b.add(section(remediation(f.remediation())));
        }
        List<String> links = links(f);
        if (!links.isEmpty()) {
            b.add(context(links));
        }
        b.add(context(List.of("neptune-guard · `" + f.ruleId() + "` · event " + Text.code(eventId))));
        return b;
    }

    private static List<TextObject> fields(Finding f, Instant now) {
        List<TextObject> fields = new ArrayList<>();
        fields.add(field("Account", f.account()));
        fields.add(field("Region", f.region()));
        String name = f.resourceName() != null ? f.resourceName() : Text.shortName(f.resourceArn());
        fields.add(field("Resource", Text.code(name) + " (" + f.resourceType().awsType() + ")"));
        if (f.keyArn() != null) {
            String key = ConsoleLinks.key(f.keyArn());
            String label = Text.shortName(f.keyArn());
            fields.add(field("Key", key == null ? Text.code(label) : "<" + key + "|" + Text.mrkdwn(Text.visible(label))
                    + ">"));
        }
        if (f.keyState() != null) {
            fields.add(field("Key state", Text.mrkdwn(f.keyState())));
        }
        if (f.deletionDate() != null) {
            fields.add(field("Deletion date", Countdown.withDate(f.deletionDate(), now)));
        }
        if (f.suppressed()) {
            fields.add(field("Exempt", Text.mrkdwn(f.suppressionReason())));
        }
        return fields;
    }

    private static TextObject field(String label, String value) {
        return MarkdownTextObject.builder()
                .text(Text.cap("*" + label + "*\n" + (value == null ? "unknown" : value), MAX_FIELD)).build();
    }

    /** A bulleted list that stops at ten resources or before the section limit, then "+N more". */
    static String resources(Finding f, int total) {
        StringBuilder b = new StringBuilder("*Affected resources (" + Text.count(total) + ")*");
        int shown = 0;
        for (String arn : f.affectedResources()) {
            String line = "\n• " + Text.code(arn);
            if (shown == LISTED_RESOURCES || b.length() + line.length() > MAX_SECTION_TEXT - 40) {
                break;
            }
            b.append(line);
            shown++;
        }
        if (total > shown) {
            b.append("\n+").append(Text.count(total - shown)).append(" more");
        }
        return b.toString();
    }

    static String remediation(String text) {
        String head = "*Remediation*\n```";
        String tail = "```";
        String body = Text.cap(Text.codeBlock(text), MAX_SECTION_TEXT - head.length() - tail.length());
        return head + body + tail;
    }

    private static List<String> links(Finding f) {
        List<String> links = new ArrayList<>();
        String cluster = ConsoleLinks.cluster(f.resourceArn());
        if (cluster != null) {
            links.add(":link: <" + cluster + "|Open cluster " + Text.mrkdwn(Text.shortName(f.resourceArn()))
                    + " in the Neptune console>");
        }
        String key = ConsoleLinks.key(f.keyArn() != null ? f.keyArn() : f.resourceArn());
        if (key != null) {
            links.add(":key: <" + key + "|Open the key in the KMS console>");
        }
        return links;
    }

    private static SectionBlock section(String mrkdwn) {
        return SectionBlock.builder()
                .text(MarkdownTextObject.builder().text(Text.cap(mrkdwn, MAX_SECTION_TEXT)).build()).build();
    }

    private static ContextBlock context(List<String> texts) {
        List<ContextBlockElement> elements = new ArrayList<>();
        texts.forEach(t -> elements.add(MarkdownTextObject.builder().text(Text.cap(t, MAX_SECTION_TEXT)).build()));
        return ContextBlock.builder().elements(elements).build();
    }

    /** The notification text: severity, title, and for key findings what is at stake and by when. */
    static String fallback(List<Item> items, Instant now) {
        if (items.isEmpty()) {
            return "neptune-guard: no findings";
        }
        Finding f = items.get(0).finding();
        StringBuilder b = new StringBuilder(f.severity() + ": " + Text.accountPrefix(f) + f.title());
        int total = items.get(0).affectedResourcesTotal();
        if (total > 0) {
            b.append(" — ").append(Text.count(total)).append(" Neptune resource").append(total == 1 ? "" : "s")
                    .append(" affected");
        }
        if (f.deletionDate() != null) {
            b.append(", key deletion ").append(Countdown.relative(f.deletionDate(), now));
        }
        if (items.size() > 1) {
            b.append(" (+").append(items.size() - 1).append(" more findings)");
        }
        return Text.cap(Text.mrkdwn(b.toString()), MAX_FALLBACK);
    }
}
