package no.flyt.catalogue;

import java.util.ArrayList;
import java.util.List;

/**
 * A group of ages in whole years, {@code from} to {@code to} inclusive ({@link #OPEN}: no upper bound), as a query
 * asks for it: {@code 0-17}, {@code 18-30}, {@code 65+}, {@code 30}.
 */
public record AgeGroup(int from, int to) {

    public static final int OPEN = Integer.MAX_VALUE;

    public AgeGroup {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not an age group: " + from + "-" + to);
        }
    }

    /** A single year of age. */
    public static AgeGroup ofAge(int age) {
        return new AgeGroup(age, age);
    }

    /** Parses {@code 0-17}, {@code 65+} or a single age {@code 30}. */
    public static AgeGroup parse(String text) {
        String s = text.strip();
        try {
            if (s.endsWith("+")) {
                return new AgeGroup(Integer.parseInt(s.substring(0, s.length() - 1)), OPEN);
            }
            int dash = s.indexOf('-');
            if (dash < 0) {
                int age = Integer.parseInt(s);
                return new AgeGroup(age, age);
            }
            return new AgeGroup(Integer.parseInt(s.substring(0, dash)), Integer.parseInt(s.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an age group is written 0-17, 65+ or 30, was '" + text + "'");
        }
    }

    /** Parses a comma-separated list of groups. */
    public static List<AgeGroup> parseList(String text) {
        List<AgeGroup> groups = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                groups.add(parse(part));
            }
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no age group in '" + text + "'");
        }
        return groups;
    }

    public boolean contains(int age) {
        return age >= from && age <= to;
    }

    /** Whether {@code other} lies wholly inside this group. */
    public boolean contains(AgeGroup other) {
        return other.from >= from && other.to <= to;
    }

    public boolean overlaps(AgeGroup other) {
        return other.from <= to && from <= other.to;
    }

    @Override
    public String toString() {
        return to == OPEN ? from + "+" : from == to ? String.valueOf(from) : from + "-" + to;
    }
}
