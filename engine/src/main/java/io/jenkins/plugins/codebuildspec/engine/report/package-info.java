/**
 * Test and coverage report files read into totals: JUnit, TestNG, NUnit, Cucumber JSON and Visual
 * Studio TRX for tests; Cobertura, JaCoCo, Clover and SimpleCov for coverage.
 */
package io.jenkins.plugins.codebuildspec.engine.report;
