package no.flyt.folkeregister.fake;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives each synthetic person a fødselsnummer of the right shape: birth date (ddMMyy), an individual number in the
 * range of the birth century (000-499 for 1900-1999, 500-999 for 2000-2039) and the two mod-11 check digits. Numbers
 * are handed out in order of first sight per birth date, so the same event set always gets the same numbers. When a
 * date's range is used up a d-number (day + 40) takes over.
 */
final class SyntheticIdentities {

    private static final int[] WEIGHTS_1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] WEIGHTS_2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    private final Map<String, String> byPerson = new HashMap<>();
    private final Map<Long, Integer> nextByDate = new HashMap<>();

    String nationalId(String personId, LocalDate birthDate) {
        return byPerson.computeIfAbsent(personId, p -> next(birthDate));
    }

    private String next(LocalDate birthDate) {
        boolean twentyFirst = birthDate.getYear() >= 2000;
        int low = twentyFirst ? 500 : 0;
        long key = birthDate.toEpochDay();
        int n = nextByDate.getOrDefault(key, 0);
        while (n < 1000) {
            int dayOffset = n < 500 ? 0 : 40;
            int individual = low + n % 500;
            n++;
            String number = withCheckDigits(String.format("%02d%02d%02d%03d", birthDate.getDayOfMonth() + dayOffset,
                birthDate.getMonthValue(), birthDate.getYear() % 100, individual));
            if (number != null) {
                nextByDate.put(key, n);
                return number;
            }
        }
        throw new IllegalStateException("no national identity numbers left for birth date " + birthDate);
    }

    /** The nine digits with both check digits, or null when a check digit would be 10 (such numbers are not issued). */
    static String withCheckDigits(String nine) {
        int k1 = check(nine, WEIGHTS_1);
        if (k1 < 0) {
            return null;
        }
        int k2 = check(nine + k1, WEIGHTS_2);
        return k2 < 0 ? null : nine + k1 + k2;
    }

    private static int check(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int k = 11 - sum % 11;
        return k == 11 ? 0 : k == 10 ? -1 : k;
    }
}
