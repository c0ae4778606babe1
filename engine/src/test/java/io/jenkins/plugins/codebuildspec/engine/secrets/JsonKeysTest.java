package io.jenkins.plugins.codebuildspec.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link JsonKeys}: values as text, and errors that name the secret but never quote it. */
class JsonKeysTest {
    private static final String SECRET =
            "{\"username\":\"admin\",\"password\":\"hunter2\",\"port\":5432,\"ratio\":1.50,\"tls\":true,"
                    + "\"none\":null,\"replicas\":[\"a\",\"b\"],\"nested\":{\"k\":\"line1\\nline2\",\"n\":1}}";

    @Test
    void stringValuesAreReturnedAsTheyAre() throws Exception {
        assertThat(JsonKeys.extract("DB_PASS", "prod/db", "password", SECRET)).isEqualTo("hunter2");
    }

    @Test
    void scalarsAreTheirJsonText() throws Exception {
        assertThat(JsonKeys.extract("V", "prod/db", "port", SECRET)).isEqualTo("5432");
        assertThat(JsonKeys.extract("V", "prod/db", "ratio", SECRET)).isEqualTo("1.50");
        assertThat(JsonKeys.extract("V", "prod/db", "tls", SECRET)).isEqualTo("true");
        assertThat(JsonKeys.extract("V", "prod/db", "none", SECRET)).isEqualTo("null");
    }

    @Test
    void objectsAndArraysAreCompactJson() throws Exception {
        assertThat(JsonKeys.extract("V", "prod/db", "replicas", SECRET)).isEqualTo("[\"a\",\"b\"]");
        // The newline stays escaped, so the result is valid JSON again.
        assertThat(JsonKeys.extract("V", "prod/db", "nested", SECRET)).isEqualTo("{\"k\":\"line1\\nline2\",\"n\":1}");
    }

    @Test
    void missingKeyNamesVariableSecretAndKeyButNoContent() {
        assertThatThrownBy(() -> JsonKeys.extract("DB_PASS", "prod/db", "passwd", SECRET))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("env.secrets-manager.DB_PASS")
                .hasMessageContaining("prod/db")
                .hasMessageContaining("'passwd'")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("username")
                .hasNoCause();
    }

    @Test
    void notJsonIsReportedWithoutTheText() {
        String secret = "hunter2-not-json";
        assertThatThrownBy(() -> JsonKeys.extract("DB_PASS", "prod/db", "password", secret))
                .isInstanceOf(SecretException.class)
                .hasMessage("env.secrets-manager.DB_PASS: secret prod/db is not valid JSON,"
                        + " so its json-key 'password' cannot be read")
                .hasNoCause();
    }

    @Test
    void brokenJsonIsReportedWithoutTheText() {
        assertThatThrownBy(() -> JsonKeys.extract("V", "prod/db", "password", "{\"password\": \"hunter2\""))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> JsonKeys.extract("V", "prod/db", "password", ""))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void jsonThatIsNotAnObjectSaysWhatItIs() {
        assertThatThrownBy(() -> JsonKeys.extract("V", "prod/db", "password", "[\"hunter2\"]"))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("holds a JSON array, not an object")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> JsonKeys.extract("V", "prod/db", "password", "\"hunter2\""))
                .hasMessageContaining("holds a JSON string, not an object")
                .hasMessageNotContaining("hunter2");
    }
}
