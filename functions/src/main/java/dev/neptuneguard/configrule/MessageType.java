package dev.neptuneguard.configrule;

/** The {@code invokingEvent.messageType} values AWS Config sends to a custom Lambda rule. */
public enum MessageType {
    /** A configuration item that fits in the event: evaluate the item. */
    CONFIGURATION_ITEM_CHANGE("ConfigurationItemChangeNotification"),
    /** The item was too large for the event: only a summary is sent, the item is fetched from history. */
    OVERSIZED_CONFIGURATION_ITEM_CHANGE("OversizedConfigurationItemChangeNotification"),
    /** A periodic run: no resource is named, every resource in scope is evaluated. */
    SCHEDULED("ScheduledNotification");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    /** The name as it appears in {@code invokingEvent.messageType}. */
    public String wireName() {
        return wireName;
    }

    /** The type for a wire name, case-insensitively; {@code null} for anything else. */
    public static MessageType ofWireName(String name) {
        for (MessageType t : values()) {
            if (t.wireName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
