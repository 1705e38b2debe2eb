// Reads the files that vcard_convert wrote with ez-vcard, an independent reader, and compares
// what it finds with the .expect.json that vcard_convert wrote next to each.
//
// usage: java EzVcardCheck FORMAT DIR [FORMAT DIR]...    FORMAT: vcard4, vcard3, xcard, jcard
//
// A file passes when it is UTF-8, ez-vcard reads as many cards as we wrote, each card has the
// vCard version we meant (4.0; 3.0 for vcard3), each card's first FN equals ours, and ez-vcard
// reports no parse warning that our output introduced. Rule for warnings, printed either way:
//  - tolerated: codes after which ez-vcard still holds the whole value, as text: 6 (a date it
//    cannot parse), 18 (a TEL that is not a tel: URI), 20 (a UTC offset it cannot parse);
//  - inherited: ez-vcard gives the same warning (code and property) when it reads the original
//    file: a defect of the source that we carried over, not one we made;
//  - older property: codes 0, 31 and 34 on a property that vCard 4.0 no longer has (AGENT,
//    CLASS, LABEL, MAILER, NAME, PROFILE, SORT-STRING): xCard and jCard can carry those only as
//    unknown values, while ez-vcard expects its vCard 3.0 form (text, or an embedded vCard);
//  - empty value: code 0 ("no property value found") on a property whose value we wrote empty
//    in xCard (<org><text/></org>), which RFC 6351 allows and ez-vcard takes for no value;
//  - every other warning fails the file: ez-vcard skipped a line or property, could not parse
//    a value or a version, or found no value at all. So does a warning without a code.
//
// Prints every problem and one summary line per format ("ez-vcard xcard: 58 files, 97 cards,
// OK"); exits 1 on any problem, 2 on a usage error.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.ParseWarning;
import ezvcard.property.FormattedName;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

public final class EzVcardCheck {
    private static final Set<Integer> TOLERATED = Set.of(6, 18, 20);
    private static final Set<String> NOT_IN_VCARD_4 =
        Set.of("AGENT", "CLASS", "LABEL", "MAILER", "NAME", "PROFILE", "SORT-STRING");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String format;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int excused = 0;  // warnings that the rule at the top lets pass
    // (code, property) of each warning ez-vcard gives on the original file, with its count.
    private final Map<String, Integer> sourceWarnings = new HashMap<>();
    // xCard properties whose value elements we wrote empty.
    private final Set<String> emptyXmlValues = new HashSet<>();

    private EzVcardCheck(String format) {
        this.format = format;
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: java EzVcardCheck FORMAT DIR [FORMAT DIR]...");
            System.exit(2);
        }
        boolean allOk = true;
        for (int i = 0; i < args.length; i += 2) {
            if (!Set.of("vcard4", "vcard3", "xcard", "jcard").contains(args[i])) {
                System.err.println("EzVcardCheck: unknown format " + args[i]);
                System.exit(2);
            }
            allOk &= checkDirectory(args[i], Paths.get(args[i + 1]));
        }
        System.exit(allOk ? 0 : 1);
    }

    private static boolean checkDirectory(String format, Path root) throws IOException {
        String extension = extension(format);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> Files.isRegularFile(p))
                        .filter(p -> p.toString().endsWith(extension))
                        .filter(p -> !p.toString().endsWith(".expect.json"))
                        .sorted()
                        .collect(Collectors.toList());
        }
        int cards = 0;
        int failed = 0;
        int excused = 0;
        for (Path file : files) {
            EzVcardCheck check = new EzVcardCheck(format);
            cards += check.checkFile(file);
            excused += check.excused;
            if (!check.problems.isEmpty() || !check.notes.isEmpty()) {
                System.out.println("ez-vcard " + format + ": " + root.relativize(file) + ":");
                check.problems.forEach(p -> System.out.println("  " + p));
                check.notes.forEach(n -> System.out.println("  " + n));
            }
            if (!check.problems.isEmpty()) failed++;
        }
        String verdict = failed == 0 ? "OK" : "FAILED (" + failed + " files)";
        if (files.isEmpty()) verdict = "FAILED (no " + extension + " files under " + root + ")";
        if (excused > 0) verdict += ", " + excused + " warnings let pass by the rule";
        System.out.println(
            "ez-vcard " + format + ": " + files.size() + " files, " + cards + " cards, " + verdict);
        return failed == 0 && !files.isEmpty();
    }

    private static String extension(String format) {
        switch (format) {
            case "xcard": return ".xml";
            case "jcard": return ".json";
            default: return ".vcf";
        }
    }

    // Checks one output file and returns the number of cards ez-vcard read from it.
    private int checkFile(Path file) throws IOException {
        Path expectPath = file.resolveSibling(file.getFileName() + ".expect.json");
        if (!Files.exists(expectPath)) {
            problems.add("no " + expectPath.getFileName());
            return 0;
        }
        JsonNode expect = JSON.readTree(expectPath.toFile());
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                       .onMalformedInput(CodingErrorAction.REPORT)
                       .onUnmappableCharacter(CodingErrorAction.REPORT)
                       .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                       .toString();
        } catch (CharacterCodingException e) {
            problems.add("not UTF-8: " + e);
            return 0;
        }
        List<List<ParseWarning>> warnings = new ArrayList<>();
        List<VCard> cards;
        try {
            cards = parse(text, warnings);
        } catch (IOException | RuntimeException e) {
            problems.add("ez-vcard cannot read it: " + e);
            return 0;
        }
        int expected = expect.get("card_count").asInt();
        if (cards.size() != expected) {
            problems.add("ez-vcard reads " + cards.size() + " cards, we wrote " + expected);
        }
        VCardVersion version =
            expect.get("version").asText().equals("3.0") ? VCardVersion.V3_0 : VCardVersion.V4_0;
        JsonNode wanted = expect.get("cards");
        for (int i = 0; i < cards.size() && i < wanted.size(); i++) {
            checkCard(i + 1, cards.get(i), wanted.get(i).get("fn").asText(), version);
        }
        readSourceWarnings(Paths.get(expect.get("source").asText()));
        if (format.equals("xcard")) findEmptyXmlValues(text);
        for (int i = 0; i < warnings.size(); i++) {
            for (ParseWarning warning : warnings.get(i)) {
                String line = "card " + (i + 1) + ": warning " + warning;
                String excuse = excuse(warning);
                if (excuse == null) {
                    problems.add(line);
                } else {
                    notes.add(excuse + ": " + line);
                    excused++;
                }
            }
        }
        return cards.size();
    }

    // Why a warning does not fail the file (the rule at the top), or null when it does.
    private String excuse(ParseWarning warning) {
        Integer code = warning.getCode();
        if (code == null) return null;
        String property = propertyName(warning);
        if (TOLERATED.contains(code)) return "tolerated (value kept as text)";
        if (sourceWarnings.merge(key(warning), -1, Integer::sum) >= 0) {
            return "inherited (ez-vcard warns on the original too)";
        }
        if (Set.of(0, 31, 34).contains(code) && NOT_IN_VCARD_4.contains(property)) {
            return "older property (not in vCard 4.0)";
        }
        if (code == 0 && emptyXmlValues.contains(property)) return "empty value";
        return null;
    }

    private static String propertyName(ParseWarning warning) {
        String property = warning.getPropertyName();
        return property == null ? "" : property.toUpperCase(Locale.ROOT);
    }

    private static String key(ParseWarning warning) {
        return warning.getCode() + " " + propertyName(warning);
    }

    // Remembers the xCard properties whose value elements we wrote all empty.
    private void findEmptyXmlValues(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document =
                factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            NodeList cards = document.getElementsByTagNameNS("*", "vcard");
            for (int i = 0; i < cards.getLength(); i++) {
                for (Node p = cards.item(i).getFirstChild(); p != null; p = p.getNextSibling()) {
                    if (p.getNodeType() == Node.ELEMENT_NODE && hasOnlyEmptyValues(p)) {
                        emptyXmlValues.add(p.getLocalName().toUpperCase(Locale.ROOT));
                    }
                }
            }
        } catch (Exception e) {
            problems.add("the JDK's XML parser cannot read it: " + e);
        }
    }

    private static boolean hasOnlyEmptyValues(Node property) {
        boolean any = false;
        for (Node v = property.getFirstChild(); v != null; v = v.getNextSibling()) {
            if (v.getNodeType() != Node.ELEMENT_NODE || v.getLocalName().equals("parameters")) {
                continue;
            }
            if (v.hasChildNodes() && (v.getFirstChild().getNodeType() == Node.ELEMENT_NODE
                                      || !v.getTextContent().isEmpty())) {
                return false;
            }
            any = true;
        }
        return any;
    }

    // Remembers the warnings ez-vcard gives when it reads the original file, in its own format.
    private void readSourceWarnings(Path source) {
        List<List<ParseWarning>> warnings = new ArrayList<>();
        try {
            byte[] bytes = Files.readAllBytes(source);
            String start = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1);
            start = start.replace("\u00EF\u00BB\u00BF", "").strip();  // a UTF-8 byte order mark
            if (start.startsWith("<")) {
                Ezvcard.parseXml(source.toFile()).warnings(warnings).all();
            } else if (start.startsWith("[")) {
                Ezvcard.parseJson(source.toFile()).warnings(warnings).all();
            } else {
                Ezvcard.parse(source.toFile()).warnings(warnings).all();
            }
        } catch (IOException | RuntimeException e) {
            notes.add("note: ez-vcard cannot read the original " + source + ": " + e);
        }
        for (List<ParseWarning> card : warnings) {
            for (ParseWarning warning : card) sourceWarnings.merge(key(warning), 1, Integer::sum);
        }
    }

    private List<VCard> parse(String text, List<List<ParseWarning>> warnings) throws IOException {
        switch (format) {
            case "xcard": return Ezvcard.parseXml(text).warnings(warnings).all();
            case "jcard": return Ezvcard.parseJson(text).warnings(warnings).all();
            default: return Ezvcard.parse(text).warnings(warnings).all();
        }
    }

    private void checkCard(int number, VCard card, String expectedFn, VCardVersion version) {
        if (card.getVersion() != version) {
            problems.add("card " + number + ": version " + card.getVersion() + ", expected "
                         + version);
        }
        FormattedName fn = card.getFormattedName();
        if (fn == null) {
            problems.add("card " + number + ": no FN (expected \"" + expectedFn + "\")");
        } else if (!expectedFn.equals(fn.getValue())) {
            problems.add("card " + number + ": FN is \"" + fn.getValue() + "\", expected \""
                         + expectedFn + "\"");
        }
    }
}
