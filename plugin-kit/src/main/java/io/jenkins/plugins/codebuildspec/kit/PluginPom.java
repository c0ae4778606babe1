package io.jenkins.plugins.codebuildspec.kit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What the packager needs from the plugin's own {@code pom.xml}, so that the full build and the kit build
 * share one description of the plugin: coordinates, names, the Jenkins version and plugin dependencies.
 */
record PluginPom(
        String groupId,
        String artifactId,
        String version,
        String name,
        String url,
        String jenkinsVersion,
        List<Dependency> pluginDependencies) {
    /** A dependency on another Jenkins plugin; optional ones are used only when installed. */
    record Dependency(String artifactId, boolean optional) {}

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    static PluginPom read(Path pom) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(pom.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(pom + ": not a readable POM: " + e.getMessage(), e);
        }
        Element project = doc.getDocumentElement();
        Map<String, String> properties = new HashMap<>();
        Element props = child(project, "properties");
        if (props != null) {
            for (Element p : children(props)) {
                properties.put(p.getTagName(), p.getTextContent().trim());
            }
        }
        List<Dependency> deps = new ArrayList<>();
        Element dependencies = child(project, "dependencies");
        if (dependencies != null) {
            for (Element d : children(dependencies)) {
                String group = text(d, "groupId");
                String scope = text(d, "scope");
                boolean pluginGroup = group.startsWith("org.jenkins-ci.plugins")
                        || group.equals("io.jenkins.plugins")
                        || group.startsWith("io.jenkins.plugins.aws-java-sdk");
                if (pluginGroup
                        && (scope.isEmpty() || scope.equals("compile"))
                        && text(d, "classifier").isEmpty()) {
                    deps.add(new Dependency(text(d, "artifactId"), "true".equals(text(d, "optional"))));
                }
            }
        }
        return new PluginPom(
                text(project, "groupId"),
                text(project, "artifactId"),
                text(project, "version"),
                text(project, "name"),
                text(project, "url"),
                resolve(properties.getOrDefault("jenkins.version", ""), properties),
                List.copyOf(deps));
    }

    private static String resolve(String value, Map<String, String> properties) {
        String current = value;
        for (int i = 0; i < 10 && current.contains("${"); i++) {
            Matcher m = PROPERTY.matcher(current);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(properties.getOrDefault(m.group(1), m.group())));
            }
            m.appendTail(out);
            current = out.toString();
        }
        return current;
    }

    private static Element child(Element parent, String tag) {
        for (Element e : children(parent)) {
            if (e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }

    private static String text(Element parent, String tag) {
        Element e = child(parent, tag);
        return e == null ? "" : e.getTextContent().trim();
    }
}
