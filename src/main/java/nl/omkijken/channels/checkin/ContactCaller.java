package nl.omkijken.channels.checkin;

import io.vertx.core.Future;
import nl.omkijken.circle.Participant;

/**
 * Calls a participant's contact person or key holder on a landline, which takes no text message: when they
 * answer, the phone begins the contact dialog about the participant ({@link DialogContactAlert#DIALOG}).
 */
public interface ContactCaller {
    /**
     * @param role  {@link nl.omkijken.circle.ContactSteps#CONTACT} or {@link nl.omkijken.circle.ContactSteps#KEY_HOLDER}
     * @param phone their number
     * @return the call's id
     */
    Future<String> placeContact(Participant p, String role, String phone);
}
