package nl.omkijken.circle;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Set;

/**
 * Phone numbers as a coordinator types them ("06 12345678", "020-1234567", "+32 470 12 34 56"), checked
 * and written in E.164 (+31612345678), the form Twilio dials, with libphonenumber. A number that cannot be
 * called for a check-in is refused with the reason: too short or too long, a premium-rate or shared-cost
 * number, a service number such as 112.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Numbers a person can be rung on: mobiles, landlines, VoIP (085/088 and the like). */
    private static final Set<PhoneNumberUtil.PhoneNumberType> CALLABLE = Set.of(PhoneNumberUtil.PhoneNumberType.MOBILE,
            PhoneNumberUtil.PhoneNumberType.FIXED_LINE, PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE,
            PhoneNumberUtil.PhoneNumberType.VOIP, PhoneNumberUtil.PhoneNumberType.PERSONAL_NUMBER);

    /** A number in E.164, or why it is not one a person can be called on (in the console's Dutch). */
    public record Checked(String e164, String problem) {
        public boolean ok() {
            return e164 != null;
        }
    }

    private PhoneNumbers() {}

    /** Reads a number as written in the Netherlands (a number without +country is Dutch). */
    public static Checked check(String raw) {
        if (raw == null || raw.isBlank()) return new Checked(null, "Vul een telefoonnummer in.");
        if (raw.length() > 40) return new Checked(null, "Dat is geen telefoonnummer.");
        Phonenumber.PhoneNumber n;
        try {
            n = UTIL.parse(raw.strip(), "NL");
        } catch (NumberParseException e) {
            return new Checked(null, "Dat is geen telefoonnummer. Schrijf het zo: 06 12345678 of 020 1234567.");
        }
        // A too-short number still formats to E.164 (+3161234): validity first.
        if (!UTIL.isValidNumber(n)) {
            return new Checked(null, "Dit nummer bestaat niet: tel de cijfers na (06 en 8 cijfers, of een netnummer en het abonneenummer).");
        }
        PhoneNumberUtil.PhoneNumberType type = UTIL.getNumberType(n);
        if (!CALLABLE.contains(type)) {
            return new Checked(null, switch (type) {
                case PREMIUM_RATE, SHARED_COST -> "Een betaalnummer (0900, 0906, 0909) kan niet.";
                case TOLL_FREE -> "Een 0800-nummer is geen nummer van een persoon.";
                default -> "Dit nummer kan niet gebeld worden voor een check-in.";
            });
        }
        return new Checked(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164), null);
    }

    /**
     * Whether a text message can reach this number: a mobile (or a number that may be one). A landline cannot
     * take an SMS, so the ladder does not wait for an answer to one that never arrives.
     */
    public static boolean textable(String e164) {
        try {
            PhoneNumberUtil.PhoneNumberType type = UTIL.getNumberType(UTIL.parse(e164, "NL"));
            return type == PhoneNumberUtil.PhoneNumberType.MOBILE || type == PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE;
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** How a number is shown to staff: +31 6 12345678. */
    public static String display(String e164) {
        try {
            return UTIL.format(UTIL.parse(e164, "NL"), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }
}
