package nl.omkijken.nlp;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values a dialog can take from a message: {@code stadsdeel}, {@code postcode}, {@code phone},
 * {@code email}, {@code date} (ISO, relative to the clock), {@code time} (HH:mm), {@code daypart}
 * (morning, afternoon, evening, night) and {@code yes_no} (yes, no). Thread-safe.
 */
public final class EntityExtractor {
    private final StadsdeelFinder places = new StadsdeelFinder();
    private final ContactFinder contacts = new ContactFinder();
    private final DateTimeFinder dates;
    private final YesNoFinder yesNo = new YesNoFinder();

    public EntityExtractor(Clock clock) {
        this.dates = new DateTimeFinder(clock);
    }

    /** @param raw the message as written; @param folded the same folded by {@link TextFolding#fold} */
    public Map<String, String> extract(String raw, String folded) {
        Map<String, String> out = new LinkedHashMap<>();
        String place = places.find(folded);
        if (place != null) out.put("stadsdeel", place);
        contacts.find(raw, out);
        dates.find(raw, folded, out);
        String yn = yesNo.find(folded);
        if (yn != null) out.put("yes_no", yn);
        return out;
    }

    public Map<String, String> extract(String raw) {
        return extract(raw == null ? "" : raw, TextFolding.fold(raw));
    }
}
