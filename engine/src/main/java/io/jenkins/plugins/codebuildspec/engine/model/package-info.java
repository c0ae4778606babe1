/**
 * The buildspec as data: immutable records for every key of a buildspec file, each remembering where
 * in the file it was written. Nothing here runs commands, touches files or talks to AWS.
 */
package io.jenkins.plugins.codebuildspec.engine.model;
