package io.jenkins.plugins.codebuildspec.engine.secrets;

import io.jenkins.plugins.codebuildspec.engine.model.SecretsManagerRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves secrets from a caller-supplied mapping (codebuild-local {@code --secret-file}, Jenkins
 * secret credentials) so that buildspecs with secrets run without AWS.
 *
 * <p>Lookup: an entry keyed by the buildspec variable name is the final value (no json-key applied);
 * otherwise an entry keyed by the parameter name, or by the secret id, whose value then has the
 * reference's json-key applied. Version stages and version ids are ignored: the mapping holds one
 * value per secret, and a variable that needs another version can be given its own entry.
 */
public final class LocalSecretResolver implements SecretResolver {

    private final Map<String, String> entries;
    private final String source;

    private LocalSecretResolver(Map<String, String> entries, String source) {
        this.entries = Map.copyOf(entries);
        this.source = source;
    }

    /** A resolver over the given entries; messages call their origin "the secret mapping". */
    public static LocalSecretResolver of(Map<String, String> entries) {
        return of(entries, "the secret mapping");
    }

    /**
     * A resolver over the given entries.
     *
     * @param source where the entries come from, for messages, such as {@code the secret file /x/secrets.env}
     */
    public static LocalSecretResolver of(Map<String, String> entries, String source) {
        return new LocalSecretResolver(Objects.requireNonNull(entries, "entries"), Objects.requireNonNull(source));
    }

    /**
     * Reads a file of {@code KEY=VALUE} lines. The first {@code =} splits (keys such as ARNs contain
     * {@code :} and paths contain {@code /}, values may contain {@code =}); keys and values are trimmed;
     * blank lines, lines starting with {@code #} and an {@code export } prefix are ignored; a value in
     * matching single or double quotes is unwrapped literally (no escapes), which keeps inner spaces.
     * A key given twice keeps its last value, as a shell would.
     *
     * @throws SecretException when the file cannot be read or a line has no {@code =} or no key; the
     *     message names the file and line, never the line's text
     */
    public static LocalSecretResolver fromFile(Path file) throws SecretException {
        try {
            return new LocalSecretResolver(KeyValueFile.read(file, "the secret file"), "the secret file " + file);
        } catch (IOException e) {
            throw new SecretException("cannot read the secret file " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            // The line itself is not quoted: a misplaced line may well be a secret value.
            throw new SecretException(e.getMessage());
        }
    }

    @Override
    public String parameter(String variable, String parameterName) throws SecretException {
        String direct = entries.get(variable);
        if (direct != null) {
            return direct;
        }
        String value = entries.get(parameterName);
        if (value != null) {
            return value;
        }
        throw new SecretException(SecretMessages.parameterPrefix(variable) + ": no value for parameter "
                + parameterName + " in " + source + "; add a line `" + variable + "=value` (or `" + parameterName
                + "=value`) to it");
    }

    @Override
    public String secret(String variable, SecretsManagerRef reference) throws SecretException {
        String direct = entries.get(variable);
        if (direct != null) {
            return direct;
        }
        String secretId = reference.secretId();
        String value = entries.get(secretId);
        if (value == null) {
            String byId = reference
                    .jsonKey()
                    .map(key -> "`" + secretId + "={\"" + key + "\":\"value\"}`")
                    .orElse("`" + secretId + "=value`");
            throw new SecretException(SecretMessages.secretPrefix(variable) + ": no value for secret " + secretId
                    + " in " + source + "; add a line `" + variable + "=value` (or " + byId + ") to it");
        }
        if (reference.jsonKey().isEmpty()) {
            return value;
        }
        return JsonKeys.extract(variable, secretId, reference.jsonKey().get(), value);
    }

    /** The number of entries only: the values are secrets and the keys may hint at them. */
    @Override
    public String toString() {
        return "LocalSecretResolver[" + entries.size() + " entries from " + source + "]";
    }
}
