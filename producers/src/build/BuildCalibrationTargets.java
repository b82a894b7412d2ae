import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the synthetic register's calibration resources from the published figures collected in the shared data
 * directory (see its SOURCES.md):
 *
 * <ul>
 *   <li>{@code calibration-targets.csv}: every published figure the generator is calibrated to or compared with,
 *       in the project's own vocabulary (figure id, period, region, value, precision, check, source, publication);
 *   <li>{@code refugee-settlement-by-municipality.csv}: IMDi settlement per 2024 municipality and year 2022-2024,
 *       the allocation weights of the model and the base of the per-class comparison.
 * </ul>
 *
 * Run from the repository root (plain Java 17, no build needed):
 * <pre>java producers/src/build/BuildCalibrationTargets.java ../shared/data producers/src/main/resources/no/flyt/producers/synthetic</pre>
 */
public class BuildCalibrationTargets {

    record Source(String id, String address, String title, String type) {
    }

    /** How a shared-data variable maps onto a figure of ours, and whether the test asserts it. */
    record Mapping(String figure, String check) {
    }

    static final int FIRST_YEAR = 2015;
    static final int LAST_YEAR = 2024;

    static final java.util.Set<String> seen = new java.util.HashSet<>();

    static final Map<String, Mapping> NATIONAL = new LinkedHashMap<>();
    static final Map<String, Mapping> OSLO = new LinkedHashMap<>();
    static final Map<String, Mapping> REFUGEES = new LinkedHashMap<>();

    static {
        NATIONAL.put("folkemengde_1jan", new Mapping("POPULATION_JAN1", "calibrate"));
        NATIONAL.put("levendefodte", new Mapping("BIRTHS", "calibrate"));
        NATIONAL.put("dode", new Mapping("DEATHS", "calibrate"));
        NATIONAL.put("fodselsoverskudd", new Mapping("NATURAL_INCREASE", "compare"));
        NATIONAL.put("innvandringer", new Mapping("IMMIGRATIONS", "calibrate"));
        NATIONAL.put("utvandringer", new Mapping("EMIGRATIONS", "calibrate"));
        NATIONAL.put("nettoinnvandring", new Mapping("NET_IMMIGRATION", "calibrate"));
        NATIONAL.put("folkevekst", new Mapping("POPULATION_GROWTH", "compare"));
        NATIONAL.put("flyttinger_mellom_kommuner", new Mapping("MOVES_BETWEEN_MUNICIPALITIES", "calibrate"));
        NATIONAL.put("flyttinger_innen_kommuner", new Mapping("MOVES_WITHIN_MUNICIPALITIES", "calibrate"));
        NATIONAL.put("flyttinger_mellom_fylker", new Mapping("MOVES_BETWEEN_COUNTIES", "compare"));
        NATIONAL.put("flyttinger_mellom_landsdeler", new Mapping("MOVES_BETWEEN_REGIONS", "compare"));
        NATIONAL.put("innvandringer_ukrainske_statsborgere", new Mapping("UKRAINIAN_IMMIGRATIONS", "calibrate"));
        NATIONAL.put("nettoinnvandring_ukrainske_statsborgere", new Mapping("UKRAINIAN_NET_IMMIGRATION", "calibrate"));

        OSLO.put("folkemengde_1jan", new Mapping("POPULATION_JAN1", "calibrate"));
        OSLO.put("fodte", new Mapping("BIRTHS", "calibrate"));
        OSLO.put("dode", new Mapping("DEATHS", "calibrate"));
        OSLO.put("fodselsoverskudd", new Mapping("NATURAL_INCREASE", "compare"));
        OSLO.put("folketilvekst", new Mapping("POPULATION_GROWTH", "compare"));
        OSLO.put("innflytting_innenlands", new Mapping("DOMESTIC_IN", "calibrate"));
        OSLO.put("utflytting_innenlands", new Mapping("DOMESTIC_OUT", "calibrate"));
        OSLO.put("nettoinnflytting_innenlands", new Mapping("NET_DOMESTIC", "compare"));
        OSLO.put("innvandring", new Mapping("IMMIGRATIONS", "calibrate"));
        OSLO.put("utvandring", new Mapping("EMIGRATIONS", "calibrate"));
        OSLO.put("nettoinnvandring", new Mapping("NET_IMMIGRATION", "compare"));
        OSLO.put("nettoinnflytting_totalt", new Mapping("NET_MIGRATION", "compare"));
        OSLO.put("utflytting_totalt_inkl_utvandring", new Mapping("OUT_MIGRATION_INCL_EMIGRATION", "compare"));
        OSLO.put("innvandrere", new Mapping("IMMIGRANTS_JAN1", "compare"));
        OSLO.put("norskfodte_med_innvandrerforeldre", new Mapping("NORWEGIAN_BORN_TO_IMMIGRANT_PARENTS_JAN1", "compare"));
        OSLO.put("innvandrere_og_norskfodte_med_innvandrerforeldre", new Mapping("IMMIGRANT_BACKGROUND_JAN1", "compare"));
        OSLO.put("andel_innenlandske_utflyttere_til_viken", new Mapping("DOMESTIC_OUT_SHARE_TO_FORMER_VIKEN", "calibrate"));
        OSLO.put("andel_innenlandske_utflyttere_til_baerum_lillestrom_lorenskog_asker_nordrefollo",
            new Mapping("DOMESTIC_OUT_SHARE_TO_NEAR_NEIGHBOURS", "calibrate"));

        REFUGEES.put("bosatte_flyktninger", new Mapping("REFUGEES_SETTLED", "calibrate"));
        REFUGEES.put("bosatte_flyktninger_sum_kommuner", new Mapping("REFUGEES_SETTLED", "calibrate"));
        REFUGEES.put("bosatte_ukrainere", new Mapping("UKRAINIANS_SETTLED", "calibrate"));
        REFUGEES.put("bosatte_ukrainere_sum_kommuner", new Mapping("UKRAINIANS_SETTLED", "calibrate"));
        REFUGEES.put("ukrainske_flyktninger_ankommet_sokt_beskyttelse", new Mapping("UKRAINIAN_ARRIVALS", "compare"));
        REFUGEES.put("soknader_kollektiv_beskyttelse_ukrainske_statsborgere", new Mapping("UKRAINIAN_ARRIVALS", "compare"));
        REFUGEES.put("innvandringer_ukrainske_statsborgere", new Mapping("UKRAINIAN_IMMIGRATIONS", "calibrate"));
        REFUGEES.put("nettoinnvandring_ukrainske_statsborgere", new Mapping("UKRAINIAN_NET_IMMIGRATION", "calibrate"));
        // settlement requests (anmodning) are plans, not outcomes: not a figure the register can reproduce
    }

    /**
     * SSB publications on the register's Ukrainian immigrations and emigrations of 2023 that the shared data directory
     * does not hold (found among the stored SSB pages), and a press report of SSB's quarterly figures.
     */
    static final Map<String, Source> EXTRA_SOURCES = Map.of(
        "SSB_FOLKEVEKST_2023", new Source("SSB_FOLKEVEKST_2023",
            "https://www.ssb.no/befolkning/folketall/statistikk/befolkning/artikler/folkevekst-pa-61-200-personar-i-2023",
            "SSB-artikkel: Folkevekst på 61 200 personar i 2023", "SSB (primær)"),
        "SSB_FLYTTEBOLGER_2023", new Source("SSB_FLYTTEBOLGER_2023",
            "https://www.ssb.no/befolkning/flytting/statistikk/flyttinger/artikler/ukrainerne-lager-flyttebolger",
            "SSB-artikkel: Ukrainerne lager flyttebølger (flytting i 2023)", "SSB (primær)"),
        "BANETT_2023K3", new Source("BANETT_2023K3",
            "https://www.banett.no/nyheter/i/O8KrrE/oekning-i-ukrainske-flyktninger-bidro-til-voksende-norsk-befolkning",
            "Banett: Økning i ukrainske flyktninger bidro til voksende norsk befolkning (SSB, 3. kvartal 2023)", "avis (siterer SSB)"));

    /** figure, period, region, value, precision, check, source id, note. */
    static final String[][] REGISTER_UKRAINIANS = {
        {"UKRAINIAN_IMMIGRATIONS", "2023", "NO", "33000", "rounded", "calibrate", "SSB_FOLKEVEKST_2023",
            "\"33 000 ukrainske statsborgarar\" of 86 600 immigrations; \"nearly 33 000\" in SSB_FLYTTEBOLGER_2023"},
        {"UKRAINIAN_IMMIGRATIONS", "2022", "NO", "32300", "rounded_100", "compare", "SSB_FOLKEVEKST_2023",
            "2022 as given a year later (\"ein liten oppgang frå 32 300 året før\"); the 2022 article gave 32 600"},
        {"UKRAINIAN_EMIGRATIONS", "2023", "NO", "2400", "rounded_100", "calibrate", "SSB_FLYTTEBOLGER_2023",
            "\"2 400 ukrainere utvandret\""},
        {"UKRAINIAN_IMMIGRATIONS", "2023Q3", "NO", "8200", "rounded_100", "compare", "BANETT_2023K3",
            "8 200 in the third quarter, 500-2 200 more than in each of the first two quarters of 2023"},
        {"IMMIGRATIONS", "2023", "NO", "86600", "rounded_100", "calibrate", "SSB_FLYTTEBOLGER_2023",
            "86 600 immigrations, 3 900 fewer than 2022"},
        {"EMIGRATIONS", "2023", "NO", "34300", "rounded_100", "compare", "SSB_FLYTTEBOLGER_2023",
            "preliminary: with the exact net immigration 52 578 of the later table, emigrations are 34 022"},
    };

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java BuildCalibrationTargets.java <shared data dir> <resource output dir>");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);

        Map<String, Source> sources = new LinkedHashMap<>();
        for (List<String> row : readCsv(data.resolve("kilder.csv"))) {
            sources.put(row.get(0), new Source(row.get(0), row.get(1), row.get(2), row.get(3)));
        }

        List<String> lines = new ArrayList<>();
        lines.add("# flyt synthetic register: published figures the generator is calibrated to ('calibrate': the calibration");
        lines.add("# test asserts them within tolerance; 'at_least': a published lower bound) or only compared with ('compare').");
        lines.add("# Built by producers/src/build/BuildCalibrationTargets.java from the collected SSB, IMDi, UDI and Oslo kommune");
        lines.add("# figures; do not edit by hand. period: yyyy, yyyyQn, yyyy-yyyy, or an ISO date interval from/to.");
        lines.add("# region: NO = Norway, or a 2024 municipality code. value: a count, or a share between 0 and 1.");
        lines.add("figure,period,region,value,precision,check,source,publication,note");
        add(lines, data.resolve("nasjonale_tall_2010_2024.csv"), "NO", NATIONAL, sources);
        add(lines, data.resolve("oslo_befolkning_og_flytting_2011_2024.csv"), "0301", OSLO, sources);
        add(lines, data.resolve("flyktninger_og_ukraina_2015_2024.csv"), "NO", REFUGEES, sources);
        // SSB gives Ukrainian emigrations of 2024 in a note to the immigration figure; keep it as a figure of its own.
        lines.add(csv("UKRAINIAN_EMIGRATIONS", "2024", "NO", "5487", "exact", "calibrate", organisation(sources.get("SSB_FLYTT_EN_2025")),
            publication(sources.get("SSB_FLYTT_EN_2025")), "from the note to Ukrainian immigrations 2024: emigrations 5 487, net 14 802"));
        for (String[] extra : REGISTER_UKRAINIANS) {
            Source source = EXTRA_SOURCES.get(extra[6]);
            lines.add(csv(extra[0], extra[1], extra[2], extra[3], extra[4], extra[5], organisation(source), publication(source), extra[7]));
        }
        Files.write(out.resolve("calibration-targets.csv"), lines, StandardCharsets.UTF_8);

        List<String> settlement = new ArrayList<>();
        settlement.add("# IMDi: refugees settled per 2024 municipality and year (2024 up to about 27 November), of which Ukrainians.");
        settlement.add("# Source: " + publication(sources.get("P02_UKRAINA")) + ". Built by producers/src/build/BuildCalibrationTargets.java.");
        settlement.add("municipality,year,settled,of_which_ukrainians");
        for (List<String> row : readCsv(data.resolve("flyktninger_bosatt_kommune_2022_2024.csv"))) {
            settlement.add(String.join(",", row.get(0), row.get(2), row.get(3), row.get(4)));
        }
        Files.write(out.resolve("refugee-settlement-by-municipality.csv"), settlement, StandardCharsets.UTF_8);
        System.out.println("wrote " + (lines.size() - 6) + " figures and " + (settlement.size() - 3) + " settlement rows to " + out);
    }

    private static void add(List<String> lines, Path file, String region, Map<String, Mapping> mappings,
                            Map<String, Source> sources) throws IOException {
        for (List<String> row : readCsv(file)) {
            String period = period(row.get(0));
            Mapping mapping = mappings.get(row.get(1));
            if (mapping == null || period == null) {
                continue;
            }
            String precision = precision(row.get(3));
            String check = check(mapping, period, precision);
            String key = mapping.figure() + "|" + period + "|" + region + "|" + row.get(2);
            if (!seen.add(key)) {
                continue; // the same figure collected from two files
            }
            String[] ids = row.get(4).split("\\|");
            Source source = sources.get(ids[0]);
            if (source == null) {
                throw new IllegalStateException("unknown source " + row.get(4) + " in " + file);
            }
            String publication = publication(source);
            for (int i = 1; i < ids.length; i++) {
                publication += " | " + publication(sources.get(ids[i]));
            }
            lines.add(csv(mapping.figure(), partialPeriod(period, row.get(3)), region, row.get(2), precision, check,
                organisation(source), publication, row.get(5)));
        }
    }

    /**
     * Whether the test asserts a figure. Published lower bounds are checked as such; quarterly press figures and
     * "nearly N" statements are only compared. The register records immigrations, which is what the model follows:
     * SSB's Ukrainian immigrations are calibrated for each year (the cumulative figure to mid-2023 only compared), UDI's
     * arrivals (applications for protection, more than the register records) only compared.
     */
    static String check(Mapping mapping, String period, String precision) {
        if (precision.equals("lower_bound")) {
            return "at_least";
        }
        if (period.matches("\\d{4}Q\\d")) {
            return "compare";
        }
        if (mapping.figure().equals("REFUGEES_SETTLED") && period.equals("2022-2023")) {
            return "compare";
        }
        if (mapping.figure().equals("UKRAINIAN_IMMIGRATIONS") && !period.matches("\\d{4}")) {
            return "compare";
        }
        return mapping.check();
    }

    /** The period in our notation, or null when outside 2015-2024. */
    static String period(String p) {
        if (p.matches("\\d{4}")) {
            int year = Integer.parseInt(p);
            return year >= FIRST_YEAR && year <= LAST_YEAR ? p : null;
        }
        if (p.matches("\\d{4}K[1-4]")) {
            int year = Integer.parseInt(p.substring(0, 4));
            return year >= FIRST_YEAR && year <= LAST_YEAR ? p.substring(0, 4) + "Q" + p.charAt(5) : null;
        }
        if (p.matches("\\d{4}-\\d{4}")) {
            return p;
        }
        if (p.matches("\\d{4}-\\d{4}K[1-4]")) {
            int quarter = p.charAt(10) - '0';
            String end = new String[] {"03-31", "06-30", "09-30", "12-31"}[quarter - 1];
            return p.substring(0, 4) + "-01-01/" + p.substring(5, 9) + "-" + end;
        }
        if (p.matches("\\d{4}-\\d{2}\\.\\.\\d{2}")) {
            String year = p.substring(0, 4);
            int toMonth = Integer.parseInt(p.substring(9, 11));
            int lastDay = java.time.YearMonth.of(Integer.parseInt(year), toMonth).lengthOfMonth();
            return year + "-" + p.substring(5, 7) + "-01/" + year + "-" + p.substring(9, 11) + "-" + lastDay;
        }
        throw new IllegalArgumentException("unknown period notation " + p);
    }

    /** 2024 settlement sums are partial: the data were updated about 27 November 2024 (see SOURCES.md). */
    static String partialPeriod(String period, String precision) {
        return precision.startsWith("delaar") && period.matches("\\d{4}") ? period + "-01-01/" + period + "-11-27" : period;
    }

    static String precision(String p) {
        return switch (p) {
            case "eksakt" -> "exact";
            case "avrundet" -> "rounded";
            case "avrundet_100" -> "rounded_100";
            case "nedre_grense" -> "lower_bound";
            case "utledet" -> "derived";
            case "eksakt_tolket" -> "exact_interpreted";
            case "sum_med_prikking" -> "sum_of_municipalities";
            case "delaar_sum_med_prikking" -> "partial_year_sum_of_municipalities";
            default -> throw new IllegalArgumentException("unknown precision " + p);
        };
    }

    /** The organisation behind a source, in English. */
    static String organisation(Source s) {
        String t = s.type();
        if (s.id().startsWith("SSB") || t.startsWith("SSB")) {
            return "SSB";
        }
        if (s.id().startsWith("OSLO")) {
            return "Oslo kommune (SSB figures)";
        }
        if (s.id().startsWith("IMDI")) {
            return "IMDi";
        }
        if (s.id().startsWith("UDI")) {
            return "UDI";
        }
        if (s.id().startsWith("REGJERINGEN")) {
            return "Government (regjeringen.no)";
        }
        if (s.id().equals("P02_UKRAINA")) {
            return "IMDi and SSB (compiled by Samarbeidsdesken p02-ukraina)";
        }
        if (s.id().equals("APRESTMO_GEODATA")) {
            return "SSB (compiled by aprestmo/norway-geodata)";
        }
        if (s.id().equals("WIKI_OSLO_DEMOGRAFI")) {
            return "Wikipedia citing SSB (secondary)";
        }
        if (t.contains("SSB")) {
            return "press citing SSB";
        }
        if (t.contains("IMDi")) {
            return "press citing IMDi";
        }
        if (t.contains("departementet")) {
            return "press citing the ministry";
        }
        return "press";
    }

    static String publication(Source s) {
        return s.title() + " <" + s.address() + ">";
    }

    static String csv(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields[i] == null ? "" : fields[i];
            if (f.contains(",") || f.contains("\"") || f.contains("\n")) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.toString();
    }

    /** RFC 4180 rows after the header. */
    static List<List<String>> readCsv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                if (!(row.size() == 1 && row.get(0).isEmpty())) {
                    rows.add(row);
                }
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows.subList(1, rows.size());
    }
}
