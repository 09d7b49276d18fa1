package dev.emporium.customers.internal.store;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * VAT identification numbers of the European Union, the United Kingdom and Switzerland: the country prefix, the national
 * format, and the check digits where the rule is public and cheap (France, Belgium, Italy). A number that passes is
 * well-formed, not proven registered (VIES answers that, online).
 */
final class TaxIds {

    private static final Map<String, Pattern> FORMATS = Map.ofEntries(
            Map.entry("AT", Pattern.compile("U\\d{8}")),
            Map.entry("BE", Pattern.compile("[01]\\d{9}")),
            Map.entry("BG", Pattern.compile("\\d{9,10}")),
            Map.entry("CH", Pattern.compile("E\\d{9}(MWST|TVA|IVA)?")),
            Map.entry("CY", Pattern.compile("\\d{8}[A-Z]")),
            Map.entry("CZ", Pattern.compile("\\d{8,10}")),
            Map.entry("DE", Pattern.compile("\\d{9}")),
            Map.entry("DK", Pattern.compile("\\d{8}")),
            Map.entry("EE", Pattern.compile("\\d{9}")),
            Map.entry("EL", Pattern.compile("\\d{9}")),
            Map.entry("ES", Pattern.compile("[A-Z0-9]\\d{7}[A-Z0-9]")),
            Map.entry("FI", Pattern.compile("\\d{8}")),
            Map.entry("FR", Pattern.compile("[A-HJ-NP-Z0-9]{2}\\d{9}")),
            Map.entry("GB", Pattern.compile("\\d{9}|\\d{12}|GD\\d{3}|HA\\d{3}")),
            Map.entry("HR", Pattern.compile("\\d{11}")),
            Map.entry("HU", Pattern.compile("\\d{8}")),
            Map.entry("IE", Pattern.compile("\\d{7}[A-W][A-I]?|\\d[A-Z+*]\\d{5}[A-W]")),
            Map.entry("IT", Pattern.compile("\\d{11}")),
            Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")),
            Map.entry("LU", Pattern.compile("\\d{8}")),
            Map.entry("LV", Pattern.compile("\\d{11}")),
            Map.entry("MT", Pattern.compile("\\d{8}")),
            Map.entry("NL", Pattern.compile("\\d{9}B\\d{2}")),
            Map.entry("PL", Pattern.compile("\\d{10}")),
            Map.entry("PT", Pattern.compile("\\d{9}")),
            Map.entry("RO", Pattern.compile("\\d{2,10}")),
            Map.entry("SE", Pattern.compile("\\d{10}01")),
            Map.entry("SI", Pattern.compile("\\d{8}")),
            Map.entry("SK", Pattern.compile("\\d{10}")));

    private TaxIds() {
    }

    /** The number as stored: upper case, without spaces, dots or dashes. */
    static String normalize(String taxId) {
        return taxId == null ? null : taxId.replaceAll("[\\s.-]", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** The ISO 3166 country of a normalized number's prefix (EL is Greece). */
    static String country(String normalized) {
        String prefix = normalized.length() < 2 ? "" : normalized.substring(0, 2);
        return prefix.equals("EL") ? "GR" : prefix;
    }

    /** Why a normalized number is not a VAT number, or empty when it is well-formed. */
    static Optional<String> problem(String normalized) {
        if (normalized == null || normalized.isEmpty()) {
            return Optional.of("is required");
        }
        Pattern format = normalized.length() < 2 ? null : FORMATS.get(normalized.substring(0, 2));
        if (format == null) {
            return Optional.of("must start with a European VAT country prefix such as FR, DE or EL");
        }
        String body = normalized.substring(2);
        if (!format.matcher(body).matches()) {
            return Optional.of("is not a " + normalized.substring(0, 2) + " VAT number (wrong length or characters)");
        }
        boolean checked = switch (normalized.substring(0, 2)) {
            case "FR" -> france(body);
            case "BE" -> belgium(body);
            case "IT" -> luhn(body);
            default -> true;
        };
        return checked ? Optional.empty() : Optional.of("has wrong check digits");
    }

    /** FR: key = (12 + 3 × (SIREN mod 97)) mod 97, when the key is numeric. */
    private static boolean france(String body) {
        String key = body.substring(0, 2);
        if (!key.chars().allMatch(Character::isDigit)) {
            return true;
        }
        long siren = Long.parseLong(body.substring(2));
        return Integer.parseInt(key) == (12 + 3 * (siren % 97)) % 97;
    }

    /** BE: the last two digits are 97 − (the first eight mod 97). */
    private static boolean belgium(String body) {
        long first = Long.parseLong(body.substring(0, 8));
        return Integer.parseInt(body.substring(8)) == 97 - first % 97;
    }

    /** IT: the partita IVA's eleventh digit is a Luhn check digit. */
    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
