package nl.omkijken.console;

import java.util.Locale;

/** What a worker may do in the console. Each role may do what the roles before it may. */
public enum Role {
    /** Takes conversations of their queues; sees a pseudonym and the last two digits of a number. */
    VOLUNTEER("vrijwilliger"),
    /** As a volunteer, and sees phone numbers (a social worker, helpdesk staff). */
    STAFF("medewerker"),
    /**
     * As staff, acts on colleagues' conversations, reads the audit log, manages canned replies, adds and
     * changes volunteers and staff.
     */
    COORDINATOR("coördinator"),
    /** As a coordinator, and adds, changes and removes every worker, coordinators and admins too. */
    ADMIN("beheerder");

    private final String dutch;

    Role(String dutch) {
        this.dutch = dutch;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String dutch() {
        return dutch;
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** Sees phone numbers and chat ids in full. */
    public boolean seesNumbers() {
        return atLeast(STAFF);
    }

    /** May act on a conversation a colleague has, and close or move what nobody has. */
    public boolean supervises() {
        return atLeast(COORDINATOR);
    }

    /** @return the role of {@code id} ("volunteer", "staff", "coordinator", "admin"), or null */
    public static Role fromId(String id) {
        if (id == null) return null;
        for (Role r : values()) if (r.id().equals(id.trim().toLowerCase(Locale.ROOT))) return r;
        return null;
    }
}
