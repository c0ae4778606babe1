package io.jenkins.plugins.codebuildspec;

import hudson.AbortException;
import hudson.util.FormValidation;

/** Form checks the step and the builder share. */
final class FormFields {
    private FormFields() {}

    static FormValidation checkTimeout(String value) {
        int minutes;
        try {
            minutes = Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            minutes = -1;
        }
        if (minutes < Settings.MIN_TIMEOUT_MINUTES || minutes > Settings.MAX_TIMEOUT_MINUTES) {
            return FormValidation.error("Between " + Settings.MIN_TIMEOUT_MINUTES + " and "
                    + Settings.MAX_TIMEOUT_MINUTES + " minutes, as in CodeBuild");
        }
        return FormValidation.ok();
    }

    static FormValidation checkEnv(String text) {
        try {
            Settings.parseEnv(Settings.envLines(text));
            return FormValidation.ok();
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
