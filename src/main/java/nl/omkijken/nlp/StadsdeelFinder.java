package nl.omkijken.nlp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Den Haag's eight stadsdelen and the neighbourhood names people use for them ("ik woon in de
 * Schilderswijk" -> Centrum). Matched as whole words on folded text, longest name first so
 * "Haagse Hout" is not read as something shorter.
 */
final class StadsdeelFinder {
    private static final Map<String, List<String>> NAMES = Map.of(
            "Centrum", List.of("centrum", "den haag centrum", "binnenstad", "schilderswijk", "schildersbuurt", "transvaal",
                    "transvaalkwartier", "zeeheldenkwartier", "zeeheldenbuurt", "stationsbuurt", "kortenbos", "voorhout",
                    "rivierenbuurt", "archipelbuurt", "willemspark", "oude centrum", "chinatown", "groente en fruitmarkt",
                    "haagse markt", "hollands spoor"),
            "Escamp", List.of("escamp", "moerwijk", "morgenstond", "bouwlust", "vrederust", "bouwlust vrederust", "leyenburg",
                    "rustenburg", "oostbroek", "rustenburg oostbroek", "zuiderpark", "wateringse veld", "wateringseveld",
                    "zuidwest", "den haag zuidwest", "componistenbuurt"),
            "Haagse Hout", List.of("haagse hout", "bezuidenhout", "benoordenhout", "mariahoeve", "marlot", "haagse bos",
                    "haagsche bos"),
            "Laak", List.of("laak", "laakkwartier", "spoorwijk", "binckhorst", "laakhaven", "laakhavens"),
            "Leidschenveen-Ypenburg", List.of("leidschenveen ypenburg", "leidschenveen", "ypenburg", "ijpenburg",
                    "forepark", "hoornwijck", "beekpark", "morgenweide"),
            "Loosduinen", List.of("loosduinen", "kijkduin", "ockenburgh", "ockenburg", "waldeck", "bohemen",
                    "meer en bos", "kraayenstein", "vroondaal", "houtwijk", "vruchtenbuurt", "oud loosduinen"),
            "Scheveningen", List.of("scheveningen", "scheveninge", "schevening", "duindorp", "statenkwartier",
                    "geuzenkwartier", "belgisch park", "duttendel", "zorgvliet", "van stolkpark", "westbroekpark",
                    "scheveningen haven", "havenkwartier", "oostduinen"),
            "Segbroek", List.of("segbroek", "regentessekwartier", "valkenboskwartier", "valkenbos", "bomen en bloemenbuurt",
                    "bomenbuurt", "bloemenbuurt", "vogelwijk", "duinoord", "heesterbuurt"));

    private record Name(String padded, String stadsdeel) {}

    private final List<Name> names = new ArrayList<>();

    StadsdeelFinder() {
        NAMES.forEach((stadsdeel, list) -> list.forEach(n -> names.add(new Name(" " + TextFolding.fold(n) + " ", stadsdeel))));
        names.sort(Comparator.comparingInt((Name n) -> n.padded().length()).reversed());
    }

    /** The stadsdeel named in a folded text, or null. */
    String find(String folded) {
        String padded = " " + folded + " ";
        for (Name n : names) {
            if (padded.contains(n.padded())) return n.stadsdeel();
        }
        return null;
    }
}
