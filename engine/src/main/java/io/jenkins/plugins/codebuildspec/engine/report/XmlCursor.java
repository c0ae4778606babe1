package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Streams the elements of an XML report through StAX with DTDs and external entities off (no XXE). */
final class XmlCursor implements AutoCloseable {
    /** Deeper nesting than this is no report any tool writes; stopping bounds the memory of the element stack. */
    private static final int MAX_DEPTH = 1_000;

    /** Root elements of the other formats, so that a wrong {@code file-format} gets a hint. */
    private static final Map<String, ReportFormat> KNOWN_ROOTS = Map.of(
            "testsuites", ReportFormat.JUNITXML,
            "testsuite", ReportFormat.JUNITXML,
            "testng-results", ReportFormat.TESTNGXML,
            "test-results", ReportFormat.NUNITXML,
            "test-run", ReportFormat.NUNIT3XML,
            "TestRun", ReportFormat.VISUALSTUDIOTRX,
            "report", ReportFormat.JACOCOXML);

    private static final XMLInputFactory FACTORY = factory();

    private final ReportFile file;
    private final InputStream in;
    private final XMLStreamReader reader;
    /** Local names of the open elements, the root first. */
    private final List<String> open = new ArrayList<>();

    private boolean start;
    private boolean popPending;

    private XmlCursor(ReportFile file, InputStream in, XMLStreamReader reader) {
        this.file = file;
        this.in = in;
        this.reader = reader;
    }

    private static XMLInputFactory factory() {
        // The JDK's own implementation, whatever else is on the classpath (Jenkins ships Woodstox).
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException e) {
            // Older implementations lack the property; with DTD support off it is only a second lock.
        }
        return factory;
    }

    /**
     * Opens the report and moves to its root element, which must be one of {@code roots}.
     *
     * @throws MalformedReportException when the file is unreadable, not XML, or has another root element
     */
    static XmlCursor open(ReportFile file, Set<String> roots) throws MalformedReportException {
        InputStream in = file.open();
        XmlCursor cursor;
        try {
            cursor = new XmlCursor(file, in, FACTORY.createXMLStreamReader(in));
        } catch (XMLStreamException | RuntimeException e) {
            closeQuietly(in);
            throw new MalformedReportException(file.name(), "XML error: " + message(e), e);
        }
        try {
            if (!cursor.next()) {
                throw file.notA("it has no root element");
            }
            String root = cursor.name();
            if (!roots.contains(root)) {
                throw file.notA("root element is <" + root + ">" + hint(file.format(), root, roots));
            }
            return cursor;
        } catch (MalformedReportException | RuntimeException e) {
            cursor.close();
            throw e;
        }
    }

    private static String hint(ReportFormat expected, String root, Set<String> roots) {
        ReportFormat other = KNOWN_ROOTS.get(root);
        String wanted = roots.stream().sorted().map(r -> "<" + r + ">").collect(Collectors.joining(" or "));
        if (other != null && other != expected) {
            return ", expected " + wanted + "; it looks like a " + ReportFile.title(other) + " report (file-format: "
                    + other.name() + ")";
        }
        if (root.equalsIgnoreCase("html")) {
            return ", an HTML page; point the report group at the tool's XML output instead";
        }
        return ", expected " + wanted;
    }

    /**
     * Moves to the next start or end of an element; false at the end of the document.
     *
     * @throws MalformedReportException on any XML error, with its line
     */
    boolean next() throws MalformedReportException {
        if (popPending) {
            open.remove(open.size() - 1);
            popPending = false;
        }
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (open.size() >= MAX_DEPTH) {
                        throw error("elements nested deeper than " + MAX_DEPTH + " levels", reader.getLocation());
                    }
                    open.add(reader.getLocalName());
                    start = true;
                    return true;
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    start = false;
                    popPending = true;
                    return true;
                }
            }
            return false;
        } catch (XMLStreamException e) {
            throw error(message(e), e.getLocation());
        } catch (RuntimeException e) {
            // The JDK parser signals some broken input (bad encodings, say) with unchecked exceptions.
            throw error(message(e), null);
        }
    }

    private MalformedReportException error(String what, Location location) {
        int line = location == null ? -1 : location.getLineNumber();
        return file.problem("XML error" + (line > 0 ? " at line " + line : "") + ": " + what);
    }

    /** The parser's own explanation, without the "ParseError at [row,col]" prefix the line number replaces. */
    private static String message(Exception e) {
        String text = String.valueOf(e.getMessage());
        int at = text.indexOf("Message: ");
        return at >= 0 ? text.substring(at + "Message: ".length()).strip() : text.strip();
    }

    /** Whether the current event starts an element (rather than ends one). */
    boolean isStart() {
        return start;
    }

    /** Local name of the element the current event starts or ends; namespaces are ignored. */
    String name() {
        return open.get(open.size() - 1);
    }

    /** Local name of the current element's parent, or "" for the root. */
    String parent() {
        return open.size() >= 2 ? open.get(open.size() - 2) : "";
    }

    /** Nesting depth of the current element: 1 for the root. */
    int depth() {
        return open.size();
    }

    /** Whether an element of this local name is open around the current one (not counting itself). */
    boolean inside(String name) {
        for (int i = open.size() - 2; i >= 0; i--) {
            if (open.get(i).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** An attribute of the element just started, by local name; null when absent or at an end event. */
    String attr(String localName) {
        if (!start) {
            return null;
        }
        for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
            if (reader.getAttributeLocalName(i).equals(localName)) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    /** An attribute, or {@code fallback} when absent. */
    String attr(String localName, String fallback) {
        String value = attr(localName);
        return value == null ? fallback : value;
    }

    ReportFile file() {
        return file;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // Nothing was written; the stream below is closed either way.
        }
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // A read-only stream: closing cannot lose data.
        }
    }
}
