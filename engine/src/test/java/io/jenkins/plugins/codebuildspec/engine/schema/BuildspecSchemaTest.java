package io.jenkins.plugins.codebuildspec.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.parse.KeyTable;
import io.jenkins.plugins.codebuildspec.engine.parse.ParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The JSON Schema must agree with the parser: the same keys at every place of {@link KeyTable}, every
 * file the parser accepts is accepted by the schema, and structural mistakes are caught by both.
 */
class BuildspecSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode schema = read();

    /**
     * Loads YAML as an editor's YAML server would, except that a scalar YAML 1.1 calls a float but no
     * number parser can read (such as {@code ._}) stays a string instead of throwing, as in the parser.
     */
    private static Yaml yaml() {
        return new Yaml(new LenientConstructor());
    }

    private static final class LenientConstructor extends SafeConstructor {
        LenientConstructor() {
            super(new LoaderOptions());
            Construct floats = yamlConstructors.get(Tag.FLOAT);
            yamlConstructors.put(Tag.FLOAT, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    try {
                        return floats.construct(node);
                    } catch (NumberFormatException e) {
                        return ((ScalarNode) node).getValue();
                    }
                }
            });
        }
    }

    private static JsonNode read() {
        try {
            return JSON.readTree(BuildspecSchema.json());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            assertThat(ref).startsWith("#/");
            current = schema.at(ref.substring(1));
            assertThat(current.isMissingNode()).as("dangling %s", ref).isFalse();
        }
        return current;
    }

    private JsonNode property(JsonNode object, String name) {
        JsonNode value = resolve(object).path("properties").path(name);
        assertThat(value.isMissingNode()).as("property %s", name).isFalse();
        return resolve(value);
    }

    private Map<KeyTable, JsonNode> places() {
        Map<KeyTable, JsonNode> places = new EnumMap<>(KeyTable.class);
        JsonNode root = resolve(schema);
        JsonNode batch = property(root, "batch");
        JsonNode matrix = property(batch, "build-matrix");
        JsonNode artifacts = property(root, "artifacts");
        places.put(KeyTable.ROOT, root);
        places.put(KeyTable.ENV, property(root, "env"));
        places.put(KeyTable.PROXY, property(root, "proxy"));
        places.put(KeyTable.BATCH, batch);
        places.put(
                KeyTable.BUILD_LIST_ITEM, resolve(property(batch, "build-list").get("items")));
        places.put(
                KeyTable.BUILD_GRAPH_ITEM,
                resolve(property(batch, "build-graph").get("items")));
        places.put(KeyTable.BATCH_ENV, property(places.get(KeyTable.BUILD_LIST_ITEM), "env"));
        places.put(KeyTable.BUILD_MATRIX, matrix);
        places.put(KeyTable.MATRIX_STATIC, property(matrix, "static"));
        places.put(KeyTable.MATRIX_DYNAMIC, property(matrix, "dynamic"));
        places.put(KeyTable.MATRIX_DYNAMIC_ENV, property(places.get(KeyTable.MATRIX_DYNAMIC), "env"));
        places.put(KeyTable.BUILD_FANOUT, property(batch, "build-fanout"));
        places.put(KeyTable.PHASES, property(root, "phases"));
        places.put(KeyTable.PHASE, property(places.get(KeyTable.PHASES), "build"));
        places.put(KeyTable.REPORT_GROUP, resolve(property(root, "reports").get("additionalProperties")));
        places.put(KeyTable.ARTIFACTS, artifacts);
        places.put(
                KeyTable.SECONDARY_ARTIFACT,
                resolve(property(artifacts, "secondary-artifacts").get("additionalProperties")));
        places.put(KeyTable.CACHE, property(root, "cache"));
        return places;
    }

    @Test
    void schemaHasExactlyTheParsersKeysAtEveryPlace() {
        Map<KeyTable, JsonNode> places = places();
        assertThat(places.keySet()).containsExactlyInAnyOrder(KeyTable.values());
        places.forEach((table, node) -> {
            Set<String> names = new TreeSet<>();
            Iterator<String> it = node.path("properties").fieldNames();
            it.forEachRemaining(names::add);
            assertThat(names).as("schema keys at %s", table.where()).containsExactlyInAnyOrderElementsOf(table.keys());
        });
        assertThat(places.get(KeyTable.PHASES).get("additionalProperties").asBoolean(true))
                .isFalse();
    }

    @Test
    void everyPropertyIsDescribedForEditors() {
        List<String> undocumented = new ArrayList<>();
        places().forEach((table, node) -> node.path("properties").fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            if (!p.has("description") && !resolve(p).has("description")) {
                undocumented.add(table.where() + "." + e.getKey());
            }
        }));
        assertThat(undocumented).isEmpty();
    }

    @Test
    void everyBuildspecTheParserAcceptsTheSchemaAcceptsToo() throws Exception {
        JsonSchema validator =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(BuildspecSchema.json());
        Path scenarios = Path.of(getClass().getResource("/scenarios").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(scenarios)) {
            files = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        BuildspecParser parser = new BuildspecParser();
        int checked = 0;
        for (Path file : files) {
            ParseResult result = parser.parse(file);
            if (!result.isValid()) {
                continue;
            }
            Object yaml = yaml().load(Files.readString(file));
            Set<ValidationMessage> messages = validator.validate(JSON.valueToTree(yaml));
            assertThat(messages).as("schema findings for %s", file).isEmpty();
            checked++;
        }
        assertThat(checked).isGreaterThan(25);
    }

    @Test
    void schemaRejectsTheStructuralMistakesTheParserRejects() throws Exception {
        JsonSchema validator =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(BuildspecSchema.json());
        for (String name : List.of(
                "commands-block-string",
                "command-read-as-map",
                "unknown-phase",
                "version-missing",
                "version-unsupported",
                "cache-limits",
                "codebuild-variables-defined")) {
            Path file = Path.of(getClass()
                    .getResource("/scenarios/parse/invalid/" + name + "/buildspec.yml")
                    .toURI());
            assertThat(new BuildspecParser().parse(file).isValid()).isFalse();
            Object yaml = yaml().load(Files.readString(file));
            assertThat(validator.validate(JSON.valueToTree(yaml)))
                    .as("schema on %s", name)
                    .isNotEmpty();
        }
    }
}
