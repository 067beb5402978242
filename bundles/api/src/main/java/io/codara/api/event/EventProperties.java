package io.codara.api.event;

/** Property names every event delivered from the outbox carries. */
public final class EventProperties {

    /** The outbox id (a {@code Long}): unique per event, the same on every redelivery. */
    public static final String EVENT_ID = "codara.event.id";

    /** When the event was recorded (ISO-8601 string). */
    public static final String OCCURRED_AT = "codara.event.occurred_at";

    private EventProperties() {
    }
}
