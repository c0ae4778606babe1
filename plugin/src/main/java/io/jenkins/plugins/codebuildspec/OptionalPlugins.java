package io.jenkins.plugins.codebuildspec;

import hudson.PluginWrapper;
import jenkins.model.Jenkins;

/** Whether an optional dependency is active; asked before any class that uses its types is touched. */
final class OptionalPlugins {
    private OptionalPlugins() {}

    static boolean awsCredentials() {
        return active("aws-credentials");
    }

    static boolean junit() {
        return active("junit");
    }

    private static boolean active(String shortName) {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        if (jenkins == null) {
            return false;
        }
        PluginWrapper plugin = jenkins.getPluginManager().getPlugin(shortName);
        return plugin != null && plugin.isActive();
    }
}
