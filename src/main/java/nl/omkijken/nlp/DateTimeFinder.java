package nl.omkijken.nlp;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates, times and parts of the day in Dutch and English, resolved against the clock:
 * "morgen" and "tomorrow" become tomorrow's ISO date, "dinsdagmiddag" the coming Tuesday plus
 * "afternoon", "over een week" today + 7, "half drie" 14:30. A weekday means the next such day
 * after today. A bare hour from 1 to 7 is taken as the afternoon or evening (nobody books 3 a.m.).
 */
final class DateTimeFinder {
    private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(
            Map.entry("maandag", DayOfWeek.MONDAY), Map.entry("dinsdag", DayOfWeek.TUESDAY),
            Map.entry("woensdag", DayOfWeek.WEDNESDAY), Map.entry("donderdag", DayOfWeek.THURSDAY),
            Map.entry("vrijdag", DayOfWeek.FRIDAY), Map.entry("zaterdag", DayOfWeek.SATURDAY),
            Map.entry("zondag", DayOfWeek.SUNDAY), Map.entry("monday", DayOfWeek.MONDAY),
            Map.entry("tuesday", DayOfWeek.TUESDAY), Map.entry("tues", DayOfWeek.TUESDAY),
            Map.entry("wednesday", DayOfWeek.WEDNESDAY), Map.entry("weds", DayOfWeek.WEDNESDAY),
            Map.entry("thursday", DayOfWeek.THURSDAY), Map.entry("thurs", DayOfWeek.THURSDAY),
            Map.entry("friday", DayOfWeek.FRIDAY), Map.entry("saturday", DayOfWeek.SATURDAY),
            Map.entry("sunday", DayOfWeek.SUNDAY));
    private static final Map<String, String> DAYPARTS = Map.ofEntries(
            Map.entry("ochtend", "morning"), Map.entry("ochtends", "morning"), Map.entry("morgens", "morning"),
            Map.entry("voormiddag", "morning"), Map.entry("morning", "morning"),
            Map.entry("middag", "afternoon"), Map.entry("middags", "afternoon"), Map.entry("namiddag", "afternoon"),
            Map.entry("afternoon", "afternoon"), Map.entry("avond", "evening"), Map.entry("avonds", "evening"),
            Map.entry("evening", "evening"), Map.entry("tonight", "evening"), Map.entry("tonite", "evening"),
            Map.entry("nacht", "night"), Map.entry("nachts", "night"), Map.entry("night", "night"));
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("een", 1), Map.entry("1", 1), Map.entry("one", 1), Map.entry("a", 1), Map.entry("twee", 2),
            Map.entry("two", 2), Map.entry("drie", 3), Map.entry("three", 3), Map.entry("vier", 4), Map.entry("four", 4),
            Map.entry("vijf", 5), Map.entry("five", 5), Map.entry("zes", 6), Map.entry("six", 6), Map.entry("zeven", 7),
            Map.entry("seven", 7), Map.entry("acht", 8), Map.entry("eight", 8), Map.entry("negen", 9),
            Map.entry("nine", 9), Map.entry("tien", 10), Map.entry("ten", 10), Map.entry("elf", 11),
            Map.entry("eleven", 11), Map.entry("twaalf", 12), Map.entry("twelve", 12));
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("januari", 1), Map.entry("january", 1), Map.entry("jan", 1), Map.entry("februari", 2),
            Map.entry("february", 2), Map.entry("feb", 2), Map.entry("maart", 3), Map.entry("march", 3),
            Map.entry("mrt", 3), Map.entry("mar", 3), Map.entry("april", 4), Map.entry("apr", 4), Map.entry("mei", 5),
            Map.entry("may", 5), Map.entry("juni", 6), Map.entry("june", 6), Map.entry("jun", 6), Map.entry("juli", 7),
            Map.entry("july", 7), Map.entry("jul", 7), Map.entry("augustus", 8), Map.entry("august", 8),
            Map.entry("aug", 8), Map.entry("september", 9), Map.entry("sept", 9), Map.entry("sep", 9),
            Map.entry("oktober", 10), Map.entry("october", 10), Map.entry("okt", 10), Map.entry("oct", 10),
            Map.entry("november", 11), Map.entry("nov", 11), Map.entry("december", 12), Map.entry("dec", 12));
    private static final String MONTH_NAMES = String.join("|", MONTHS.keySet());
    private static final Pattern ISO_DATE = Pattern.compile("(?<!\\d)(20\\d\\d)-(\\d{1,2})-(\\d{1,2})(?!\\d)");
    private static final Pattern NUMERIC_DATE = Pattern.compile("(?<![\\d.:])(\\d{1,2})[-/](\\d{1,2})(?:[-/](\\d{2}|\\d{4}))?(?![\\d:])"
            + "|(?<![\\d.:])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{2}|\\d{4})(?!\\d)");
    private static final Pattern DAY_MONTH = Pattern.compile("(?<!\\S)(\\d{1,2})(?:e|ste|de|st|nd|rd|th)? (?:of )?(" + MONTH_NAMES + ")(?: (\\d{4}))?(?!\\S)");
    private static final Pattern MONTH_DAY = Pattern.compile("(?<!\\S)(" + MONTH_NAMES + ") (\\d{1,2})(?:st|nd|rd|th)?(?: (\\d{4}))?(?!\\S)");
    private static final Pattern CLOCK = Pattern.compile("(?<![\\d€$.,]|€ |\\$ )([01]?\\d|2[0-3])[:.hu]([0-5]\\d)(?!\\.?\\d)\\s*(am|pm|a\\.m\\.|p\\.m\\.)?");
    private static final Pattern HOUR_AMPM = Pattern.compile("(?<![\\d€$.,:])(1[0-2]|0?[1-9])\\s*(am|pm|a\\.m\\.|p\\.m\\.)(?![a-z])");
    // "8 uur per week" is an amount of time, not a time of day.
    private static final String NOT_DURATION = "(?!\\s*(?:per|in de week|a week|an hour|lang|extra|achter elkaar|werk|vrijwilligers)(?![a-z]))";
    private static final Pattern HOUR_UUR = Pattern.compile("(?<![\\d€$.,:])([01]?\\d|2[0-3])\\s*(?:uur|u|o clock|oclock)(?![a-z])" + NOT_DURATION);
    private static final Pattern AT_HOUR = Pattern.compile("(?<![a-z])(?:om|at|rond|around|tegen) ([01]?\\d|2[0-3])(?=\\s*(?:$|[,.!?]|en |of |or |graag|please|ofzo|ongeveer))");
    private static final Pattern WORD_TIME = Pattern.compile("(?<![a-z])(half|kwart over|kwart voor|half past|quarter past|quarter to) ("
            + "\\d{1,2}|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?![a-z0-9])");
    private static final Pattern WORD_HOUR = Pattern.compile("(?<![a-z])(twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:uur|o clock)(?![a-z])" + NOT_DURATION);
    private static final Pattern IN_PERIOD = Pattern.compile("(?<![a-z])(?:over|in|within|binnen) (een|1|one|a|twee|2|two|drie|3|three|vier|4|four|vijf|5|five|zes|6|six|zeven|7|seven|acht|8|eight|negen|9|nine|tien|10|ten|een paar|a couple of|a few)"
            + " (dag|dagen|day|days|week|weken|weeks|maand|maanden|month|months)(?![a-z])");

    private final Clock clock;

    DateTimeFinder(Clock clock) {
        this.clock = clock;
    }

    void find(String raw, String folded, Map<String, String> into) {
        LocalDate today = LocalDate.now(clock);
        String lower = raw.length() > 2000 ? raw.substring(0, 2000).toLowerCase(java.util.Locale.ROOT) : raw.toLowerCase(java.util.Locale.ROOT);
        String[] tokens = TextFolding.tokens(folded);
        String daypart = daypart(tokens);
        // Most messages hold no digit: skip every pattern that needs one.
        boolean digits = hasDigit(folded);
        LocalDate date = digits ? explicitDate(lower, folded, today) : null;
        if (date == null) date = relativeDate(tokens, folded, today);
        if (date != null) into.put("date", date.toString());
        if (daypart != null) into.put("daypart", daypart);
        String time = time(lower, folded, daypart, digits);
        if (time != null) into.put("time", time);
    }

    private static String daypart(String[] t) {
        for (int i = 0; i < t.length; i++) {
            boolean greeting = i > 0 && (t[i - 1].equals("goede") || t[i - 1].equals("goeie") || t[i - 1].equals("good"));
            String part = DAYPARTS.get(t[i]);
            if (part != null && !greeting) return part;
            if (i > 0 && t[i].equals("morgen") && t[i - 1].equals("de") && i > 1 && t[i - 2].equals("in")) return "morning";
            String compound = compoundDaypart(t[i]);
            if (compound != null) return compound;
        }
        return null;
    }

    // "dinsdagmiddag", "morgenavond", "vanochtend", "zaterdagmorgen" (but not "goedemiddag").
    private static String compoundDaypart(String token) {
        for (String head : new String[] {"van", "morgen", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"}) {
            if (token.startsWith(head) && token.length() > head.length()) {
                String tail = token.substring(head.length());
                if (tail.equals("morgen") || tail.equals("vroeg")) return "morning";
                String part = DAYPARTS.get(tail);
                if (part != null) return part;
            }
        }
        return null;
    }

    private static LocalDate relativeDate(String[] t, String folded, LocalDate today) {
        String padded = " " + folded + " ";
        boolean nextWeek = padded.contains(" volgende week ") || padded.contains(" next week ") || padded.contains(" komende week ");
        for (int i = 0; i < t.length; i++) {
            String w = t[i];
            DayOfWeek day = weekday(w);
            if (day != null) {
                LocalDate d = today.with(TemporalAdjusters.next(day));
                if (nextWeek) d = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).with(TemporalAdjusters.nextOrSame(day));
                return d;
            }
            if (w.equals("overmorgen") || (w.equals("day") && padded.contains(" day after tomorrow "))) return today.plusDays(2);
            if (w.equals("eergisteren")) return today.minusDays(2);
            if (w.equals("vandaag") || w.equals("today") || w.equals("tonight") || w.equals("tonite")
                    || (w.startsWith("van") && compoundDaypart(w) != null)) return today;
            if (isTomorrow(t, i)) return today.plusDays(1);
            if (w.equals("gisteren") || w.equals("yesterday")) return today.minusDays(1);
        }
        LocalDate period = inPeriod(folded, today);
        if (period != null) return period;
        if (nextWeek) return today.plusWeeks(1);
        if (padded.contains(" volgende maand ") || padded.contains(" next month ")) return today.plusMonths(1);
        if (padded.contains(" weekend ")) return today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
        return null;
    }

    private static DayOfWeek weekday(String token) {
        DayOfWeek d = WEEKDAYS.get(token);
        if (d != null) return d;
        for (Map.Entry<String, DayOfWeek> e : WEEKDAYS.entrySet()) {
            if (token.startsWith(e.getKey()) && compoundDaypart(token) != null) return e.getValue();
        }
        return null;
    }

    private static boolean isTomorrow(String[] t, int i) {
        String w = t[i];
        if (w.equals("tomorrow") || w.equals("tmrw") || w.equals("tmr") || w.equals("tomorow") || w.equals("tommorow")
                || w.equals("morgn") || w.equals("mrgn") || w.equals("2morrow")) {
            return !(w.equals("tomorrow") && i > 1 && t[i - 1].equals("after") && t[i - 2].equals("day"));
        }
        if (w.startsWith("morgen") && !w.equals("morgens")) {
            if (w.length() > "morgen".length()) return compoundDaypart(w) != null;
            boolean greeting = i > 0 && (t[i - 1].equals("goede") || t[i - 1].equals("goeie"));
            boolean inTheMorning = i > 1 && t[i - 1].equals("de") && t[i - 2].equals("in");
            return !greeting && !inTheMorning;
        }
        return false;
    }

    private static LocalDate inPeriod(String folded, LocalDate today) {
        if (!folded.contains("dag") && !folded.contains("day") && !folded.contains("week") && !folded.contains("weken") && !folded.contains("maand")
                && !folded.contains("month")) {
            return null;
        }
        Matcher m = IN_PERIOD.matcher(folded);
        if (!m.find()) return null;
        String n = m.group(1);
        int count = NUMBERS.containsKey(n) ? NUMBERS.get(n) : n.matches("\\d+") ? Integer.parseInt(n) : n.equals("a couple of") ? 2 : 3;
        String unit = m.group(2);
        if (unit.startsWith("d")) return today.plusDays(count);
        if (unit.startsWith("w")) return today.plusWeeks(count);
        return today.plusMonths(count);
    }

    private static LocalDate explicitDate(String lower, String folded, LocalDate today) {
        Matcher iso = ISO_DATE.matcher(lower);
        if (iso.find()) return date(iso.group(1), iso.group(2), iso.group(3), today);
        Matcher num = NUMERIC_DATE.matcher(lower);
        while (num.find()) {
            LocalDate d = num.group(1) != null ? date(num.group(3), num.group(2), num.group(1), today)
                    : date(num.group(6), num.group(5), num.group(4), today);
            if (d != null) return d;
        }
        Matcher dm = DAY_MONTH.matcher(folded);
        if (dm.find()) return date(dm.group(3), String.valueOf(MONTHS.get(dm.group(2))), dm.group(1), today);
        Matcher md = MONTH_DAY.matcher(folded);
        if (md.find()) return date(md.group(3), String.valueOf(MONTHS.get(md.group(1))), md.group(2), today);
        return null;
    }

    // A date without a year is the next such date from today on.
    private static LocalDate date(String year, String month, String day, LocalDate today) {
        try {
            int m = Integer.parseInt(month), d = Integer.parseInt(day);
            if (year == null) {
                LocalDate thisYear = LocalDate.of(today.getYear(), m, d);
                return thisYear.isBefore(today) ? thisYear.plusYears(1) : thisYear;
            }
            int y = Integer.parseInt(year);
            return LocalDate.of(y < 100 ? 2000 + y : y, m, d);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isDigit(s.charAt(i))) return true;
        return false;
    }

    private static String time(String lower, String folded, String daypart, boolean digits) {
        if (!digits) return wordTime(folded, daypart);
        Matcher c = CLOCK.matcher(lower);
        if (c.find()) return hhmm(Integer.parseInt(c.group(1)), Integer.parseInt(c.group(2)), c.group(3), daypart, c.group(1).startsWith("0"));
        Matcher ap = HOUR_AMPM.matcher(lower);
        if (ap.find()) return hhmm(Integer.parseInt(ap.group(1)), 0, ap.group(2), daypart, true);
        String words = wordTime(folded, daypart);
        if (words != null) return words;
        Matcher u = HOUR_UUR.matcher(lower);
        if (u.find()) return hhmm(Integer.parseInt(u.group(1)), 0, null, daypart, false);
        Matcher at = AT_HOUR.matcher(folded);
        if (at.find()) return hhmm(Integer.parseInt(at.group(1)), 0, null, daypart, false);
        return null;
    }

    // "half drie", "kwart over 10", "drie uur": only looked for when such a word is there.
    private static String wordTime(String folded, String daypart) {
        boolean fraction = folded.contains("half") || folded.contains("kwart") || folded.contains("quarter");
        Matcher w = WORD_TIME.matcher(folded);
        if (fraction && w.find()) {
            int h = hour(w.group(2));
            if (h < 1 || h > 23) return null;
            return switch (w.group(1)) {
                case "half" -> hhmm(h - 1 == 0 ? 12 : h - 1, 30, null, daypart, false);
                case "kwart over", "quarter past" -> hhmm(h, 15, null, daypart, false);
                case "half past" -> hhmm(h, 30, null, daypart, false);
                default -> hhmm(h - 1 == 0 ? 12 : h - 1, 45, null, daypart, false);
            };
        }
        if (!folded.contains("uur") && !folded.contains("clock")) return null;
        Matcher wh = WORD_HOUR.matcher(folded);
        if (wh.find()) return hhmm(hour(wh.group(1)), 0, null, daypart, false);
        return null;
    }

    private static int hour(String word) {
        Integer n = NUMBERS.get(word);
        return n != null ? n : Integer.parseInt(word);
    }

    // "07:30" with a leading zero is meant as morning; a bare 1 to 7 as afternoon or evening.
    private static String hhmm(int hour, int minute, String ampm, String daypart, boolean leadingZero) {
        int h = hour;
        if (ampm != null) {
            boolean pm = ampm.startsWith("p");
            if (h == 12) h = pm ? 12 : 0;
            else if (pm) h += 12;
        } else if (h < 12) {
            if ("afternoon".equals(daypart) || "evening".equals(daypart)) h += 12;
            else if (daypart == null && h >= 1 && h <= 7 && !leadingZero) h += 12;
        }
        if (h > 23) return null;
        return String.format("%02d:%02d", h, minute);
    }
}
