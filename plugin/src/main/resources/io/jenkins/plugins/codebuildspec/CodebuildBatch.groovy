package io.jenkins.plugins.codebuildspec

/**
 * codebuildBatch(...): a buildspec's batch run as Pipeline parallel branches, one per child build, each on
 * an executor of the agents matching `label`. Planning is the Java step codebuildBatchPlan (the engine's
 * planner, as `codebuild-local batch`); this script only schedules: depend-on, ignore-failure, fast-fail,
 * concurrentBuilds. Loaded by CodebuildBatchVariable; runs with the calling script's own permissions.
 */
class CodebuildBatch implements Serializable {
    private static final long serialVersionUID = 1L
    private static final List<String> OWN = ['label', 'checkout', 'concurrentBuilds', 'propagate']
    private static final List<String> ENDED = ['SUCCEEDED', 'FAILED', 'FAULT', 'TIMED_OUT', 'STOPPED', 'NOT_RUN']

    private final def script

    CodebuildBatch(org.jenkinsci.plugins.workflow.cps.CpsScript script) {
        this.script = script
    }

    Map call(Map args = [:]) {
        Map stepArgs = [:]
        args.each { k, v -> if (!OWN.contains(k)) { stepArgs[k] = v } }
        String label = args.label
        boolean checkout = args.checkout ? true : false
        int limit = args.concurrentBuilds ? (args.concurrentBuilds as int) : 0
        boolean propagate = args.containsKey('propagate') ? (args.propagate ? true : false) : true
        String buildspec = args.buildspec ?: 'buildspec.yml'
        String sourceDirectory = args.sourceDirectory ?: ''
        List<String> env = args.env ? new ArrayList(args.env) : []

        Map plan = script.codebuildBatchPlan(buildspec: buildspec, sourceDirectory: sourceDirectory)
        String stashName = 'codebuild-batch-source'
        if (!checkout) {
            // the source of the children: the workspace (or source directory) as it is now, dot files included
            script.dir(sourceDirectory ?: '.') {
                script.stash(name: stashName, includes: '**', excludes: '.codebuild/**', useDefaultExcludes: false)
            }
        }

        Map builds = [:]
        plan.builds.each { b -> builds[b.identifier] = [identifier: b.identifier, status: 'PENDING', node: null,
                                                       startedAt: null, finishedAt: null, result: null, reason: null] }
        Map ignore = [:]
        plan.builds.each { b -> ignore[b.identifier] = b.ignoreFailure }
        Map shared = [running: 0, stopped: false]

        Map branches = [:]
        plan.builds.each { b ->
            Map child = b
            branches[child.identifier] = {
                runChild(child, builds, ignore, shared, limit, label, checkout, stashName, sourceDirectory,
                         buildspec, env, stepArgs, plan.fastFail)
            }
        }
        branches.failFast = plan.fastFail ? true : false
        def failure = null
        try {
            script.parallel(branches)
        } catch (e) {
            failure = e
        }
        List list = plan.builds.collect { b -> builds[b.identifier] }
        list.each { r -> if (!ENDED.contains(r.status)) { r.status = 'STOPPED' } }
        boolean ok = list.every { r -> r.status == 'SUCCEEDED' || ignore[r.identifier] }
        Map result = [status: ok ? 'SUCCEEDED' : 'FAILED', builds: list, reports: mergeReports(list)]
        if (failure != null && !shared.stopped) {
            // not a fast-fail: an abort, or a failure of the batch machinery itself
            throw failure
        }
        if (propagate && !ok) {
            List failed = list.findAll { r -> r.status != 'SUCCEEDED' && !ignore[r.identifier] }
                    .collect { r -> r.identifier + ' ' + r.status + (r.reason ? ' (' + r.reason + ')' : '') }
            script.error('batch build FAILED: ' + failed.join(', '))
        }
        return result
    }

    private void runChild(Map child, Map builds, Map ignore, Map shared, int limit, String label, boolean checkout,
                          String stashName, String sourceDirectory, String buildspec, List<String> env, Map stepArgs,
                          boolean fastFail) {
        Map record = builds[child.identifier]
        List deps = child.dependOn ?: []
        if (!deps.isEmpty()) {
            script.waitUntil(initialRecurrencePeriod: 200, quiet: true) {
                shared.stopped || deps.every { d -> ENDED.contains(builds[d].status) }
            }
        }
        String blocked = deps.find { d -> builds[d].status != 'SUCCEEDED' && !ignore[d] }
        if (shared.stopped || blocked != null) {
            record.status = 'NOT_RUN'
            record.reason = blocked != null ? 'depends on ' + blocked + ', which ' + builds[blocked].status
                                            : 'the batch stopped (fast-fail)'
            return
        }
        if (limit > 0) {
            script.waitUntil(initialRecurrencePeriod: 200, quiet: true) { shared.stopped || shared.running < limit }
            if (shared.stopped) {
                record.status = 'NOT_RUN'
                record.reason = 'the batch stopped (fast-fail)'
                return
            }
        }
        shared.running = shared.running + 1
        try {
            script.node(label) {
                record.node = script.env.NODE_NAME
                record.status = 'RUNNING'
                record.startedAt = new Date().getTime()
                Closure source = {
                    if (checkout) {
                        script.checkout(script.scm)
                    } else {
                        script.unstash(stashName)
                    }
                }
                if (sourceDirectory) {
                    script.dir(sourceDirectory, source)
                } else {
                    source()
                }
                Map args = new LinkedHashMap(stepArgs)
                args.buildspec = child.buildspec ?: buildspec
                args.env = env + child.variables.collect { k, v -> k + '=' + v }
                args.propagate = false
                args.batchBuildIdentifier = child.identifier
                if (stepArgs.s3Prefix) {
                    args.s3Prefix = stepArgs.s3Prefix + '/' + child.identifier
                } else if (stepArgs.s3Bucket) {
                    args.s3Prefix = child.identifier
                }
                Map r
                try {
                    if (child.image) {
                        r = script.docker.image(child.image).inside { script.codebuildSpec(args) }
                    } else {
                        r = script.codebuildSpec(args)
                    }
                } catch (e) {
                    record.finishedAt = new Date().getTime()
                    boolean interrupted = e instanceof org.jenkinsci.plugins.workflow.steps.FlowInterruptedException
                    record.status = shared.stopped || interrupted ? 'STOPPED' : 'FAULT'
                    record.reason = child.image ? 'image ' + child.image + ' on ' + record.node + ': ' + e.message
                                                : e.message
                    if (interrupted) {
                        throw e
                    }
                    return
                }
                record.finishedAt = new Date().getTime()
                record.result = r
                record.status = r.status
            }
        } finally {
            shared.running = shared.running - 1
        }
        if (record.status != 'SUCCEEDED' && !ignore[child.identifier] && fastFail) {
            shared.stopped = true
            script.error('fast-fail: ' + child.identifier + ' ' + record.status + '; stopping the other builds')
        }
    }

    /** Report groups of every child merged by group name, totals added up: fan-out shards become one group. */
    private static List mergeReports(List records) {
        Map groups = [:]
        records.each { r ->
            (r.result?.reports ?: []).each { g ->
                Map m = groups[g.group]
                if (m == null) {
                    m = [group: g.group, format: g.format, kind: g.kind, builds: [],
                         totals: [tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0, durationMillis: 0],
                         failingTests: []]
                    groups[g.group] = m
                }
                m.builds << r.identifier
                if (g.totals) {
                    ['tests', 'passed', 'failures', 'errors', 'skipped', 'durationMillis'].each { k ->
                        m.totals[k] = m.totals[k] + (g.totals[k] ?: 0)
                    }
                    (g.failingTests ?: []).each { t -> m.failingTests << (r.identifier + ' / ' + t) }
                }
            }
        }
        return new ArrayList(groups.values())
    }
}
