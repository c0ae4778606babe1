package io.jenkins.plugins.codebuildspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import org.junit.jupiter.api.Test;

/** The global defaults, set through Configuration as Code and kept through the configuration page. */
@WithJenkinsConfiguredWithCode
class CodebuildSpecGlobalConfigurationTest {
    @Test
    @ConfiguredWithCode("casc.yml")
    void configurationAsCodeSetsTheDefaultsAndTheFormKeepsThem(JenkinsConfiguredWithCodeRule j) throws Exception {
        CodebuildSpecGlobalConfiguration config = CodebuildSpecGlobalConfiguration.get();
        assertEquals("eu-west-1", config.getDefaultRegion());
        assertEquals("my-artifacts", config.getDefaultS3Bucket());
        assertEquals("aws-deploy", config.getDefaultCredentialsId());
        j.configRoundtrip();
        assertEquals("eu-west-1", config.getDefaultRegion());
        assertEquals("my-artifacts", config.getDefaultS3Bucket());
        assertEquals("aws-deploy", config.getDefaultCredentialsId());
        config.setDefaultS3Bucket("  ");
        assertNull(config.getDefaultS3Bucket());
    }
}
