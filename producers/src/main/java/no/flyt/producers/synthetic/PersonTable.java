package no.flyt.producers.synthetic;

import java.time.LocalDate;
import java.util.Arrays;
import no.flyt.events.CountryBackground;
import no.flyt.events.EducationLevel;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.Sex;

/**
 * Every person of the simulation, held as one packed {@code long} per person plus a few small arrays, so that the
 * full-scale population (about 6.5 million persons ever present) fits in well under a gigabyte and the rejection
 * sampling that picks persons touches one cache line per candidate. Also keeps the residents of Norway as a dense
 * list (for uniform draws) and per municipality.
 *
 * <p>Layout of the packed word, from bit 0: birth day since 1900-01-01 (16), sex (1), immigrant category (2),
 * country background (2), immigration reason + 1 (3), education the person reaches (3), collective protection (1),
 * status (2), municipality index (9), awaiting settlement (1), settlement year - 2000 (5), day of last event since
 * 2014-12-01 (13), background country index (6).
 */
final class PersonTable {

    static final int RESIDENT = 0;
    static final int DEAD = 1;
    static final int EMIGRATED = 2;

    private static final int EPOCH_1900 = (int) LocalDate.of(1900, 1, 1).toEpochDay();
    private static final int EPOCH_LAST_EVENT = (int) LocalDate.of(2014, 12, 1).toEpochDay();

    private static final int BIRTH_SHIFT = 0, BIRTH_BITS = 16;
    private static final int SEX_SHIFT = 16;
    private static final int CATEGORY_SHIFT = 17;
    private static final int BACKGROUND_SHIFT = 19;
    private static final int REASON_SHIFT = 21;
    private static final int EDUCATION_SHIFT = 24;
    private static final int PROTECTION_SHIFT = 27;
    private static final int STATUS_SHIFT = 28;
    private static final int MUNI_SHIFT = 30, MUNI_BITS = 9;
    private static final int AWAITING_SHIFT = 39;
    private static final int SETTLED_SHIFT = 40, SETTLED_BITS = 5;
    private static final int LAST_EVENT_SHIFT = 45, LAST_EVENT_BITS = 13;
    private static final int COUNTRY_SHIFT = 58, COUNTRY_BITS = 6;

    private static final ImmigrantCategory[] CATEGORIES = ImmigrantCategory.values();
    private static final CountryBackground[] BACKGROUNDS = CountryBackground.values();
    private static final ImmigrationReason[] REASONS = ImmigrationReason.values();
    private static final EducationLevel[] EDUCATION = EducationLevel.values();

    private long[] core;
    private short[] immigrationYear;
    private short[] settlementMunicipality; // index + 1, 0 = none
    private byte[] abroadCountry;           // country of the latest emigration, for a return
    private int size;

    private int[] residents;
    private int[] positionInResidents;
    private int residentCount;
    private final int[][] members;
    private final int[] memberCount;
    private int[] positionInMunicipality;

    PersonTable(int capacity, int municipalities) {
        core = new long[capacity];
        immigrationYear = new short[capacity];
        settlementMunicipality = new short[capacity];
        abroadCountry = new byte[capacity];
        residents = new int[capacity];
        positionInResidents = new int[capacity];
        positionInMunicipality = new int[capacity];
        members = new int[municipalities][16];
        memberCount = new int[municipalities];
    }

    /** Adds a person (not yet resident anywhere) and returns its index. */
    int add(int birthDay, Sex sex, ImmigrantCategory category, int country, ImmigrationReason reason,
            EducationLevel education, boolean collectiveProtection) {
        if (size == core.length) {
            grow();
        }
        int offset = birthDay - EPOCH_1900;
        if (offset < 0 || offset >= (1 << BIRTH_BITS)) {
            throw new IllegalArgumentException("birth date out of range: " + LocalDate.ofEpochDay(birthDay));
        }
        CountryBackground background = Countries.background(country);
        long word = (long) offset << BIRTH_SHIFT
            | (long) sex.ordinal() << SEX_SHIFT
            | (long) category.ordinal() << CATEGORY_SHIFT
            | (long) background.ordinal() << BACKGROUND_SHIFT
            | (long) (reason == null ? 0 : reason.ordinal() + 1) << REASON_SHIFT
            | (long) education.ordinal() << EDUCATION_SHIFT
            | (collectiveProtection ? 1L : 0L) << PROTECTION_SHIFT
            | (long) EMIGRATED << STATUS_SHIFT
            | (long) country << COUNTRY_SHIFT;
        core[size] = word;
        return size++;
    }

    private void grow() {
        int capacity = Math.max(16, core.length + (core.length >> 2));
        core = Arrays.copyOf(core, capacity);
        immigrationYear = Arrays.copyOf(immigrationYear, capacity);
        settlementMunicipality = Arrays.copyOf(settlementMunicipality, capacity);
        abroadCountry = Arrays.copyOf(abroadCountry, capacity);
        residents = Arrays.copyOf(residents, capacity);
        positionInResidents = Arrays.copyOf(positionInResidents, capacity);
        positionInMunicipality = Arrays.copyOf(positionInMunicipality, capacity);
    }

    int size() {
        return size;
    }

    // --------------------------------------------------------------------------------- residence

    /** Makes the person resident in municipality {@code m} (birth, immigration). */
    void settleIn(int p, int m) {
        if (status(p) == RESIDENT) {
            throw new IllegalStateException("person " + p + " is already resident");
        }
        setStatus(p, RESIDENT);
        setMunicipalityBits(p, m);
        positionInResidents[p] = residentCount;
        residents[residentCount++] = p;
        addMember(p, m);
    }

    /** Moves a resident to municipality {@code m}. */
    void moveTo(int p, int m) {
        int from = municipality(p);
        if (from == m) {
            return;
        }
        removeMember(p, from);
        setMunicipalityBits(p, m);
        addMember(p, m);
    }

    /** Ends the person's residence (death or emigration). */
    void leave(int p, int status) {
        if (status(p) != RESIDENT) {
            throw new IllegalStateException("person " + p + " is not resident");
        }
        removeMember(p, municipality(p));
        int position = positionInResidents[p];
        int last = residents[--residentCount];
        residents[position] = last;
        positionInResidents[last] = position;
        setStatus(p, status);
    }

    private void addMember(int p, int m) {
        int[] list = members[m];
        if (memberCount[m] == list.length) {
            list = members[m] = Arrays.copyOf(list, list.length * 2);
        }
        positionInMunicipality[p] = memberCount[m];
        list[memberCount[m]++] = p;
    }

    private void removeMember(int p, int m) {
        int[] list = members[m];
        int position = positionInMunicipality[p];
        int last = list[--memberCount[m]];
        list[position] = last;
        positionInMunicipality[last] = position;
    }

    int residentCount() {
        return residentCount;
    }

    /** A uniformly drawn resident of Norway. */
    int anyResident(Rng rng) {
        return residents[rng.nextInt(residentCount)];
    }

    int population(int m) {
        return memberCount[m];
    }

    /** A uniformly drawn resident of municipality {@code m}; the municipality must not be empty. */
    int residentOf(int m, Rng rng) {
        return members[m][rng.nextInt(memberCount[m])];
    }

    // --------------------------------------------------------------------------------- attributes

    long word(int p) {
        return core[p];
    }

    int birthDay(int p) {
        return birthDayOf(core[p]);
    }

    static int birthDayOf(long word) {
        return (int) ((word >>> BIRTH_SHIFT) & ((1 << BIRTH_BITS) - 1)) + EPOCH_1900;
    }

    /** Age in whole years on {@code day}, counted as days / 365.25 (exact enough for propensities). */
    static int ageOf(long word, int day) {
        return (int) ((day - birthDayOf(word)) / 365.25);
    }

    static Sex sexOf(long word) {
        return ((word >>> SEX_SHIFT) & 1) == 0 ? Sex.FEMALE : Sex.MALE;
    }

    static boolean isFemale(long word) {
        return ((word >>> SEX_SHIFT) & 1) == 0;
    }

    static int categoryOrdinal(long word) {
        return (int) ((word >>> CATEGORY_SHIFT) & 3);
    }

    static ImmigrantCategory categoryOf(long word) {
        return CATEGORIES[categoryOrdinal(word)];
    }

    static int backgroundOrdinal(long word) {
        return (int) ((word >>> BACKGROUND_SHIFT) & 3);
    }

    static CountryBackground backgroundOf(long word) {
        return BACKGROUNDS[backgroundOrdinal(word)];
    }

    /** Reason ordinal + 1, 0 for none. */
    static int reasonCode(long word) {
        return (int) ((word >>> REASON_SHIFT) & 7);
    }

    static ImmigrationReason reasonOf(long word) {
        int code = reasonCode(word);
        return code == 0 ? null : REASONS[code - 1];
    }

    static int educationOrdinal(long word) {
        return (int) ((word >>> EDUCATION_SHIFT) & 7);
    }

    /**
     * Highest completed education on {@code day}: the level the person reaches, capped by age (primary and lower
     * secondary done at 16, upper secondary at 19, a short degree at 23, a long one at 25).
     */
    static EducationLevel educationOn(long word, int day) {
        EducationLevel reached = EDUCATION[educationOrdinal(word)];
        if (reached == EducationLevel.UNKNOWN) {
            return reached;
        }
        int age = ageOf(word, day);
        EducationLevel cap = age < 16 ? null
            : age < 19 ? EducationLevel.PRIMARY
            : age < 23 ? EducationLevel.UPPER_SECONDARY
            : age < 25 ? EducationLevel.TERTIARY_SHORT
            : EducationLevel.TERTIARY_LONG;
        if (cap == null) {
            return EducationLevel.UNKNOWN;
        }
        return reached.ordinal() <= cap.ordinal() ? reached : cap;
    }

    static boolean hasCollectiveProtection(long word) {
        return ((word >>> PROTECTION_SHIFT) & 1) != 0;
    }

    static int statusOf(long word) {
        return (int) ((word >>> STATUS_SHIFT) & 3);
    }

    int status(int p) {
        return statusOf(core[p]);
    }

    static int municipalityOf(long word) {
        return (int) ((word >>> MUNI_SHIFT) & ((1 << MUNI_BITS) - 1));
    }

    int municipality(int p) {
        return municipalityOf(core[p]);
    }

    static boolean isAwaitingSettlement(long word) {
        return ((word >>> AWAITING_SHIFT) & 1) != 0;
    }

    /** Year of IMDi settlement, 0 when never settled (or before 2001). */
    static int settlementYearOf(long word) {
        int offset = (int) ((word >>> SETTLED_SHIFT) & ((1 << SETTLED_BITS) - 1));
        return offset == 0 ? 0 : 2000 + offset;
    }

    static int lastEventDayOf(long word) {
        return (int) ((word >>> LAST_EVENT_SHIFT) & ((1 << LAST_EVENT_BITS) - 1)) + EPOCH_LAST_EVENT;
    }

    static int countryOf(long word) {
        return (int) ((word >>> COUNTRY_SHIFT) & ((1 << COUNTRY_BITS) - 1));
    }

    /** True for immigrants and Norwegian-born to two immigrant parents (SSB's "immigrant background"). */
    static boolean hasImmigrantBackground(long word) {
        int category = categoryOrdinal(word);
        return category == ImmigrantCategory.IMMIGRANT.ordinal()
            || category == ImmigrantCategory.NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS.ordinal();
    }

    int immigrationYear(int p) {
        return immigrationYear[p];
    }

    void setImmigrationYear(int p, int year) {
        immigrationYear[p] = (short) year;
    }

    /** IMDi settlement municipality index, or -1. */
    int settlementMunicipality(int p) {
        return settlementMunicipality[p] - 1;
    }

    void setSettlement(int p, int m, int year) {
        settlementMunicipality[p] = (short) (m + 1);
        int offset = year > 2000 && year < 2000 + (1 << SETTLED_BITS) ? year - 2000 : 0;
        core[p] = core[p] & ~(((1L << SETTLED_BITS) - 1) << SETTLED_SHIFT) | (long) offset << SETTLED_SHIFT;
    }

    void setAwaitingSettlement(int p, boolean awaiting) {
        core[p] = awaiting ? core[p] | 1L << AWAITING_SHIFT : core[p] & ~(1L << AWAITING_SHIFT);
    }

    int abroadCountry(int p) {
        return abroadCountry[p];
    }

    void setAbroadCountry(int p, int country) {
        abroadCountry[p] = (byte) country;
    }

    void setLastEventDay(int p, int day) {
        long offset = Math.max(0, Math.min((1 << LAST_EVENT_BITS) - 1, day - EPOCH_LAST_EVENT));
        core[p] = core[p] & ~(((1L << LAST_EVENT_BITS) - 1) << LAST_EVENT_SHIFT) | offset << LAST_EVENT_SHIFT;
    }

    private void setStatus(int p, int status) {
        core[p] = core[p] & ~(3L << STATUS_SHIFT) | (long) status << STATUS_SHIFT;
    }

    private void setMunicipalityBits(int p, int m) {
        core[p] = core[p] & ~(((1L << MUNI_BITS) - 1) << MUNI_SHIFT) | (long) m << MUNI_SHIFT;
    }

    /** Formats the pseudonymous id of person {@code p}: "P" and nine digits, nothing like a national id number. */
    static String personId(int p) {
        return pad('P', p + 1L, 9);
    }

    static String pad(char prefix, long number, int digits) {
        char[] chars = new char[digits + 1];
        chars[0] = prefix;
        for (int i = digits; i >= 1; i--) {
            chars[i] = (char) ('0' + number % 10);
            number /= 10;
        }
        if (number != 0) {
            throw new IllegalArgumentException("number does not fit " + digits + " digits");
        }
        return new String(chars);
    }
}
