package no.flyt.folkeregister.feed;

/**
 * The names of the Folkeregister feed's JSON fields and values that flyt reads, as the published OpenAPI description
 * ("Folkeregisteret - offentlig med hjemmel", v1.5) spells them, declared once for the connector and the fake.
 * Note the spelling: the feed entry says {@code hendelsetype}, the event document {@code hendelsestype}.
 */
public final class FeedFields {

    // the feed entry: LagretHendelseMedDokumentIdentifikatorer / HendelseMedDokumentIdentifikatorer
    public static final String SEQUENCE = "sekvensnummer";
    public static final String EVENT = "hendelse";
    public static final String NATIONAL_ID = "folkeregisteridentifikator";
    public static final String FEED_EVENT_TYPE = "hendelsetype";
    public static final String EVENT_DOCUMENT = "hendelsesdokument";
    public static final String PERSON_DOCUMENT = "persondokument";
    public static final String UPDATED_AT = "ajourholdstidspunkt";

    // the event document: DokumentForHendelse / Hendelse / Registerdata
    public static final String DOCUMENT_ID = "dokumentidentifikator";
    public static final String SCHEMA_VERSION = "skjemaversjon";
    public static final String EVENT_TYPE = "hendelsestype";
    public static final String CHANGES = "egenskapshendelse";
    public static final String ENTITY = "entitet";
    public static final String ENTITY_CHANGE = "entitetsendring";
    public static final String VALID_FROM = "gyldighetstidspunkt";

    // entitetsendring
    public static final String REGISTER_NEW = "registrereNy";
    public static final String CORRECT = "korrigere";
    public static final String CORRECT_HISTORIC = "korrigereHistorisk";
    public static final String ANNUL = "annullere";

    // entities (Registerdata.entitet and the field holding the new value)
    public static final String RESIDENTIAL_ADDRESS = "bostedsadresse";
    public static final String IMMIGRATION = "innflytting";
    public static final String EMIGRATION = "utflytting";
    public static final String BIRTH = "foedsel";
    public static final String BIRTH_IN_NORWAY = "foedselINorge";
    public static final String DEATH = "doedsfall";
    public static final String STATUS = "status";
    public static final String SEX = "kjoenn";
    public static final String IDENTIFICATION_NUMBER = "identifikasjonsnummer";

    // fields of the entities
    public static final String MOVING_DATE = "flyttedato";
    public static final String ADDRESS_GRADING = "adressegradering";
    public static final String STREET_ADDRESS = "vegadresse";
    public static final String STREET_NAME = "adressenavn";
    public static final String CADASTRAL_ADDRESS = "matrikkeladresse";
    public static final String CADASTRAL_NUMBER = "matrikkelnummer";
    public static final String UNKNOWN_RESIDENCE = "ukjentBosted";
    public static final String RESIDENCE_MUNICIPALITY = "bostedskommune";
    public static final String MUNICIPALITY_NUMBER = "kommunenummer";
    public static final String IS_CURRENT = "erGjeldende";
    public static final String FROM_COUNTRY = "fraflyttingsland";
    public static final String TO_COUNTRY = "tilflyttingsland";
    public static final String EMIGRATION_DATE = "utflyttingsdato";
    public static final String BIRTH_DATE = "foedselsdato";
    public static final String BIRTH_YEAR = "foedselsaar";
    public static final String BIRTH_COUNTRY = "foedeland";
    public static final String DEATH_DATE = "doedsdato";
    public static final String NATIONAL_ID_NUMBER = "foedselsEllerDNummer";
    public static final String ID_TYPE = "identifikatortype";
    public static final String FEMALE = "kvinne";
    public static final String MALE = "mann";

    // hendelsestype values flyt reads
    public static final String PERSON_CREATED = "personErOpprettet";
    public static final String PERSON_RESIDENT = "personErBosatt";
    public static final String PERSON_EMIGRATED = "personErUtflyttet";
    public static final String PERSON_DEAD = "personErDoed";
    public static final String ADDRESS_CHANGED = "endringIBostedsadresse";
    public static final String IMMIGRATION_CHANGED = "endringIInnflytting";
    public static final String EMIGRATION_CHANGED = "endringIUtflytting";
    public static final String BIRTH_CHANGED = "endringIFoedsel";
    public static final String BIRTH_IN_NORWAY_CHANGED = "endringIFoedselINorge";
    public static final String DEATH_CHANGED = "endringIDoedsfall";

    // bulk look-ups
    public static final String DOCUMENT_IDS = "dokumentidentifikator";

    // the side input of statistical person attributes (not a Folkeregister API: see docs/FOLKEREGISTER.md)
    public static final String LOOKUPS = "oppslag";
    public static final String VERSIONS = "versjoner";

    private FeedFields() {
    }
}
