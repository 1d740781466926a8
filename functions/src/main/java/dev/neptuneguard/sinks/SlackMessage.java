package dev.neptuneguard.sinks;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.util.json.GsonContextBlockElementFactory;
import com.slack.api.util.json.GsonLayoutBlockFactory;
import com.slack.api.util.json.GsonTextObjectFactory;
import java.util.List;

/**
 * An incoming-webhook payload: the plain {@code text} (notification and screen-reader fallback) and the Block Kit
 * {@code blocks}, built with Slack's own model classes and serialized the way Slack's SDK does (snake_case field
 * names, polymorphic blocks by {@code type}).
 */
public final class SlackMessage {

    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .registerTypeAdapter(LayoutBlock.class, new GsonLayoutBlockFactory())
            .registerTypeAdapter(TextObject.class, new GsonTextObjectFactory())
            .registerTypeAdapter(ContextBlockElement.class, new GsonContextBlockElementFactory())
            .disableHtmlEscaping()
            .create();

    private final String text;
    private final List<LayoutBlock> blocks;

    public SlackMessage(String text, List<LayoutBlock> blocks) {
        this.text = text;
        this.blocks = List.copyOf(blocks);
    }

    public String text() {
        return text;
    }

    public List<LayoutBlock> blocks() {
        return blocks;
    }

    /** The JSON body to POST to the webhook. */
    public String toJson() {
        return GSON.toJson(this);
    }
}
