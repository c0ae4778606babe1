/**
 * What a build leaves behind: selecting files with CodeBuild's patterns, packaging them into zips
 * (streaming, zip64, Unix modes kept, parallel deflate) and the optional CodeDeploy check. Works on
 * local paths only, so a Jenkins agent can run it where the files are.
 */
package io.jenkins.plugins.codebuildspec.engine.artifacts;
