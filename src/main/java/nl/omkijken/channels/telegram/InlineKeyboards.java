package nl.omkijken.channels.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * Reply buttons as a Telegram inline keyboard. Pressing a button sends its callback_data back to us;
 * the data is the label itself (cut to Telegram's 64 bytes), and the webhook turns it back into the
 * full label from the keyboard the update carries, so the dialog sees what the person pressed.
 */
final class InlineKeyboards {
    /** Telegram's limit for callback_data, in bytes of UTF-8. */
    static final int MAX_CALLBACK_BYTES = 64;
    /** Labels up to this many characters fit two to a row on a phone. */
    static final int SHORT_LABEL = 16;

    private InlineKeyboards() {}

    /** One button per row, or two per row when every label is short and there are more than two. */
    static InlineKeyboardMarkup of(List<String> labels) {
        boolean pairs = labels.size() > 2 && labels.stream().allMatch(l -> l.strip().length() <= SHORT_LABEL);
        List<InlineKeyboardRow> rows = new ArrayList<>();
        InlineKeyboardRow row = new InlineKeyboardRow();
        for (String label : labels) {
            row.add(InlineKeyboardButton.builder().text(label).callbackData(callbackData(label)).build());
            if (!pairs || row.size() == 2) {
                rows.add(row);
                row = new InlineKeyboardRow();
            }
        }
        if (!row.isEmpty()) rows.add(row);
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }

    /** The label, cut to at most 64 bytes of UTF-8 at a code point boundary. */
    static String callbackData(String label) {
        String s = label.isEmpty() ? " " : label;
        if (s.getBytes(StandardCharsets.UTF_8).length <= MAX_CALLBACK_BYTES) return s;
        int bytes = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int n = utf8Length(cp);
            if (bytes + n > MAX_CALLBACK_BYTES) break;
            bytes += n;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    private static int utf8Length(int cp) {
        if (cp < 0x80) return 1;
        if (cp < 0x800) return 2;
        if (cp < 0x10000) return 3;
        return 4;
    }
}
