package nl.omkijken.circle;

/**
 * How the ladder reaches people: the daily call, the text message, the contact person or key holder, the
 * coordinator. The phone channel provides them all.
 */
public record CheckInChannels(CallPlacer calls, TextCheckIn text, ContactAlert contacts, CoordinatorAlert coordinator) {}
