package nl.omkijken.console;

import nl.omkijken.people.People;
import nl.omkijken.runner.DeliveryStatusStore;
import nl.omkijken.runner.OutboxStore;

/** What the console reads and writes, besides the runner: implemented in store/redis. */
public record ConsolePorts(People people, Workers workers, ConsoleSessions sessions, AuditLog audit, Presence presence,
                           CannedReplies canned, OutboxStore outbox, DeliveryStatusStore deliveries) {}
