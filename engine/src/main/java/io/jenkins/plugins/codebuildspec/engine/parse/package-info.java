/**
 * Reads buildspec files the way CodeBuild does: lenient where CodeBuild is lenient, and with a
 * positioned, actionable message wherever CodeBuild would reject the file.
 */
package io.jenkins.plugins.codebuildspec.engine.parse;
