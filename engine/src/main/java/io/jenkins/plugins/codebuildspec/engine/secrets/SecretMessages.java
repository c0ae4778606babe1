package io.jenkins.plugins.codebuildspec.engine.secrets;

import io.jenkins.plugins.codebuildspec.engine.model.SecretsManagerRef;
import java.util.ArrayList;
import java.util.List;

/** Shared wording of secret errors, so that every resolver names variables and references alike. */
final class SecretMessages {
    /** Where a user can put a value instead of reaching AWS; CLI and Jenkins both map to a local mapping. */
    static final String OFFLINE_HINT = "or supply the value offline in a local secret file (--secret-file)";

    private SecretMessages() {}

    /** {@code env.parameter-store.VAR}, the buildspec path of the variable, as users wrote it. */
    static String parameterPrefix(String variable) {
        return "env.parameter-store." + variable;
    }

    /** {@code env.secrets-manager.VAR}. */
    static String secretPrefix(String variable) {
        return "env.secrets-manager." + variable;
    }

    /** {@code secret prod/db (version stage AWSPREVIOUS)}: what is fetched; the json-key is applied after. */
    static String describe(SecretsManagerRef reference) {
        List<String> version = new ArrayList<>();
        reference.versionStage().ifPresent(stage -> version.add("version stage " + stage));
        reference.versionId().ifPresent(id -> version.add("version id " + id));
        String secret = "secret " + reference.secretId();
        return version.isEmpty() ? secret : secret + " (" + String.join(", ", version) + ")";
    }
}
