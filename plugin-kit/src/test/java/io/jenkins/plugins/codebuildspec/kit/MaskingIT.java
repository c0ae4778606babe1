package io.jenkins.plugins.codebuildspec.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Secrets echoed by commands, also through {@code export -p} and {@code set -x}, never reach the console. */
@ExtendWith(Kit.class)
class MaskingIT {
    static final String DB_PASSWORD = "Db-s3cr3t-7f1e2d";
    static final String API_TOKEN = "tok-9c8b7a6d5e4f";

    @Test
    void parameterStoreValueFromACredentialAndAWithCredentialsValueAreMasked(Kit kit) throws Exception {
        kit.jenkins()
                .script(
                        """
                import com.cloudbees.plugins.credentials.*
                import com.cloudbees.plugins.credentials.domains.Domain
                import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl
                import hudson.util.Secret
                def store = SystemCredentialsProvider.instance.store
                store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL,
                    'masking-db-password', 'db', Secret.fromString('%s')))
                store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL,
                    'masking-api-token', 'api', Secret.fromString('%s')))
                """
                                .formatted(DB_PASSWORD, API_TOKEN));
        Build build = kit.runPipeline(
                "masking",
                """
                node {
                  writeFile file: 'buildspec.yml', text: \'\'\'version: 0.2
                env:
                  shell: bash
                  parameter-store:
                    DB_PASSWORD: /app/db-password
                phases:
                  build:
                    commands:
                      - echo "db=$DB_PASSWORD token=$API_TOKEN"
                      - export -p | grep -E 'DB_PASSWORD|API_TOKEN'
                      - set -x; echo "$DB_PASSWORD" "$API_TOKEN"; set +x
                      - echo "length ${#DB_PASSWORD}"
                \'\'\'
                  withCredentials([string(credentialsId: 'masking-api-token', variable: 'API_TOKEN')]) {
                    def r = codebuildSpec(secretCredentials: [[variable: 'DB_PASSWORD', credentialsId: 'masking-db-password']])
                    echo "RESULT ${r.status}"
                  }
                }
                """);

        String result = build.awaitResult();
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        assertThat(console)
                .contains("RESULT SUCCEEDED")
                .contains("length " + DB_PASSWORD.length())
                .contains("DB_PASSWORD=")
                .doesNotContain(DB_PASSWORD)
                .doesNotContain(API_TOKEN);
    }
}
