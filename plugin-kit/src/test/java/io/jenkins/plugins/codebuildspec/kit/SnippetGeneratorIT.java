package io.jenkins.plugins.codebuildspec.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Snippet Generator turns the step's form into the call a user pastes into a Jenkinsfile. */
@ExtendWith(Kit.class)
class SnippetGeneratorIT {
    @Test
    void generatesTheCallWithOnlyTheFieldsThatDifferFromDefaults(Kit kit) throws Exception {
        String form =
                """
                {"stapler-class": "io.jenkins.plugins.codebuildspec.CodebuildSpecStep",
                 "$class": "io.jenkins.plugins.codebuildspec.CodebuildSpecStep",
                 "buildspec": "ci/buildspec.yml", "sourceDirectory": "", "envText": "STAGE=prod\\nREGION_SUFFIX=eu",
                 "secondarySourcesText": "libs=shared/libs\\n", "buildspecText": "", "gitCredentialsId": "",
                 "s3Bucket": "my-artifacts", "region": "eu-west-1", "credentialsId": "", "s3Prefix": "",
                 "endpointUrl": "", "kmsKeyId": "", "serverSideEncryption": false, "timeoutMinutes": "60",
                 "archiveArtifacts": true, "publishReports": true, "codeDeployCheck": false, "propagate": false}
                """;
        HttpResponse<String> r = kit.jenkins().postForm("pipeline-syntax/generateSnippet", Map.of("json", form));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body().trim())
                .isEqualTo("codebuildSpec buildspec: 'ci/buildspec.yml', env: ['STAGE=prod', 'REGION_SUFFIX=eu'],"
                        + " propagate: false, region: 'eu-west-1', s3Bucket: 'my-artifacts',"
                        + " secondarySources: ['libs=shared/libs'], serverSideEncryption: false");
    }

    @Test
    void theStepFormHasHelpForEveryField(Kit kit) throws Exception {
        for (String field : FreestyleIT.FIELDS) {
            assertThat(FreestyleIT.helpOf(kit, "io.jenkins.plugins.codebuildspec.CodebuildSpecStep", field))
                    .as("help for " + field)
                    .isNotBlank();
        }
    }
}
