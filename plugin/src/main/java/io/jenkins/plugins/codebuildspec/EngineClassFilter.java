package io.jenkins.plugins.codebuildspec;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import jenkins.security.CustomClassFilter;

/**
 * Lets the engine's result types come back from agents. The engine is a library bundled in this plugin, and
 * Jenkins' remoting filter admits classes of plugin jars only; these are the plugin's own, loaded by its
 * class loader, and plain serializable values (artifact, report and cache outcomes, secret errors).
 */
@Extension
public final class EngineClassFilter implements CustomClassFilter {
    private static final String ENGINE_PACKAGE = "io.jenkins.plugins.codebuildspec.engine.";

    @CheckForNull
    @Override
    public Boolean permits(Class<?> c) {
        if (c.getName().startsWith(ENGINE_PACKAGE) && c.getClassLoader() == EngineClassFilter.class.getClassLoader()) {
            return true;
        }
        return null;
    }
}
