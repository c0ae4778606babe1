package io.jenkins.plugins.codebuildspec.engine.parse;

/**
 * Bounds that keep a hostile file from costing more than a real one: its size, how many aliases it may
 * use for collections (billion laughs), how deep it may nest, and how many nodes reading it may visit.
 */
public record ParseLimits(int maxBytes, int maxCollectionAliases, int maxNestingDepth, int maxNodes, int maxFindings) {
    public static final ParseLimits DEFAULT = new ParseLimits(1024 * 1024, 50, 64, 200_000, 200);

    public ParseLimits {
        if (maxBytes < 1 || maxCollectionAliases < 0 || maxNestingDepth < 1 || maxNodes < 1 || maxFindings < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
