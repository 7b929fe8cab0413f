#include "ci_writer.h"

#include "import_batch.h"
#include "store_error.h"

namespace faultline::store {

namespace {

// Applies an update only when the incoming record is not older than the stored one.
constexpr const char* kRunUpsert = R"sql(
INSERT INTO pipeline_runs (provider, project, external_id, attempt, run_number, workflow, name, event, status,
    conclusion, head_sha, head_branch, pr_number, created_at, started_at, finished_at, duration_ms, queued_ms,
    updated_at, url, attempt_group)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
ON CONFLICT (provider, project, external_id, attempt) DO UPDATE SET
    run_number = coalesce(excluded.run_number, run_number),
    workflow = coalesce(excluded.workflow, workflow),
    name = coalesce(excluded.name, name),
    event = coalesce(excluded.event, event),
    status = coalesce(excluded.status, status),
    conclusion = coalesce(excluded.conclusion, conclusion),
    head_sha = coalesce(excluded.head_sha, head_sha),
    head_branch = coalesce(excluded.head_branch, head_branch),
    pr_number = coalesce(excluded.pr_number, pr_number),
    created_at = coalesce(excluded.created_at, created_at),
    started_at = coalesce(excluded.started_at, started_at),
    finished_at = coalesce(excluded.finished_at, finished_at),
    duration_ms = coalesce(excluded.duration_ms, duration_ms),
    queued_ms = coalesce(excluded.queued_ms, queued_ms),
    updated_at = coalesce(excluded.updated_at, updated_at),
    url = coalesce(excluded.url, url),
    attempt_group = coalesce(excluded.attempt_group, attempt_group)
WHERE excluded.updated_at IS NULL OR pipeline_runs.updated_at IS NULL OR excluded.updated_at >= pipeline_runs.updated_at
RETURNING id
)sql";

constexpr const char* kJobUpsert = R"sql(
INSERT INTO jobs (run_id, external_id, name, stage_raw, stage, status, conclusion, created_at, started_at,
    finished_at, duration_ms, queued_ms, updated_at, runner, runner_labels, attempt, is_retried, allow_failure,
    failure_reason)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
ON CONFLICT (run_id, external_id) DO UPDATE SET
    name = excluded.name,
    stage_raw = coalesce(excluded.stage_raw, stage_raw),
    stage = excluded.stage,
    status = coalesce(excluded.status, status),
    conclusion = coalesce(excluded.conclusion, conclusion),
    created_at = coalesce(excluded.created_at, created_at),
    started_at = coalesce(excluded.started_at, started_at),
    finished_at = coalesce(excluded.finished_at, finished_at),
    duration_ms = coalesce(excluded.duration_ms, duration_ms),
    queued_ms = coalesce(excluded.queued_ms, queued_ms),
    updated_at = coalesce(excluded.updated_at, updated_at),
    runner = coalesce(excluded.runner, runner),
    runner_labels = coalesce(excluded.runner_labels, runner_labels),
    attempt = excluded.attempt,
    is_retried = excluded.is_retried,
    allow_failure = excluded.allow_failure,
    failure_reason = coalesce(excluded.failure_reason, failure_reason)
WHERE excluded.updated_at IS NULL OR jobs.updated_at IS NULL OR excluded.updated_at >= jobs.updated_at
RETURNING id
)sql";

constexpr const char* kStepUpsert = R"sql(
INSERT INTO steps (job_id, number, name, stage, status, conclusion, started_at, finished_at, duration_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
ON CONFLICT (job_id, number) DO UPDATE SET
    name = excluded.name,
    stage = excluded.stage,
    status = coalesce(excluded.status, status),
    conclusion = coalesce(excluded.conclusion, conclusion),
    started_at = coalesce(excluded.started_at, started_at),
    finished_at = coalesce(excluded.finished_at, finished_at),
    duration_ms = coalesce(excluded.duration_ms, duration_ms)
RETURNING id
)sql";

constexpr const char* kJobRefColumns
    = "j.id, j.run_id, j.external_id, j.name, r.external_id, r.attempt, j.started_at, j.finished_at";

CiWriter::JobRef readJobRef(const SqliteStatement& s)
{
    CiWriter::JobRef ref;
    ref.id = s.int64(0);
    ref.runId = s.int64(1);
    ref.externalId = s.text(2);
    ref.name = s.text(3);
    ref.runExternalId = s.text(4);
    ref.runAttempt = int(s.int64(5));
    ref.startedAt = s.optionalInt64(6);
    ref.finishedAt = s.optionalInt64(7);
    return ref;
}

} // namespace

CiWriter::CiWriter(ImportBatch& batch)
    : m_batch(batch)
{ }

std::int64_t CiWriter::upsertRun(const CiRun& run)
{
    auto& s = m_batch.statement(kRunUpsert);
    s.bindTextOrEmpty(1, run.provider);
    s.bindTextOrEmpty(2, run.project);
    s.bindTextOrEmpty(3, run.externalId);
    s.bind(4, run.attempt).bind(5, run.runNumber);
    s.bindTextOrNull(6, run.workflow);
    s.bindTextOrNull(7, run.name);
    s.bindTextOrNull(8, run.event);
    s.bindTextOrNull(9, run.status);
    s.bindTextOrNull(10, run.conclusion);
    s.bindTextOrNull(11, run.headSha);
    s.bindTextOrNull(12, run.headBranch);
    s.bind(13, run.prNumber)
        .bind(14, run.createdAt)
        .bind(15, run.startedAt)
        .bind(16, run.finishedAt)
        .bind(17, run.durationMs)
        .bind(18, run.queuedMs)
        .bind(19, run.updatedAt);
    s.bindTextOrNull(20, run.url);
    s.bindTextOrNull(21, run.attemptGroup);
    m_batch.countRows(QStringLiteral("pipeline_runs"), 1);
    if (s.step())
        return s.int64(0);
    // The stored state is newer: keep it, and hand out its id.
    return findRun(run.provider, run.project, run.externalId, run.attempt).value();
}

std::int64_t CiWriter::upsertJob(std::int64_t runId, const CiJob& job, bool* applied)
{
    auto bindJob = [&](SqliteStatement& s) {
        s.bind(1, runId);
        s.bindTextOrEmpty(2, job.externalId);
        s.bindTextOrEmpty(3, job.name);
        s.bindTextOrNull(4, job.stageRaw);
        s.bind(5, job.stage.isEmpty() ? QStringLiteral("other") : job.stage);
        s.bindTextOrNull(6, job.status);
        s.bindTextOrNull(7, job.conclusion);
        s.bind(8, job.createdAt)
            .bind(9, job.startedAt)
            .bind(10, job.finishedAt)
            .bind(11, job.durationMs)
            .bind(12, job.queuedMs)
            .bind(13, job.updatedAt);
        s.bindTextOrNull(14, job.runner);
        s.bindTextOrNull(15, job.runnerLabels);
        s.bind(16, job.attempt)
            .bind(17, std::int64_t(job.isRetried))
            .bind(18, std::int64_t(job.allowFailure));
        s.bindTextOrNull(19, job.failureReason);
    };
    m_batch.countRows(QStringLiteral("jobs"), 1);
    // A job not stored yet (the bulk of a first import) is a plain insert, which costs less than half
    // of the upsert: RETURNING more than doubles a single-row statement. A stored one takes the upsert.
    static const std::string insertSql = [] {
        const std::string upsert = kJobUpsert;
        return upsert.substr(0, upsert.find("ON CONFLICT")) + "ON CONFLICT DO NOTHING";
    }();
    auto& insert = m_batch.statement(insertSql);
    bindJob(insert);
    const std::int64_t changesBefore = m_batch.db().totalChanges();
    insert.exec();
    if (m_batch.db().totalChanges() != changesBefore) {
        if (applied)
            *applied = true;
        return m_batch.db().lastInsertRowId();
    }
    auto& s = m_batch.statement(kJobUpsert);
    bindJob(s);
    const bool written = s.step();
    if (applied)
        *applied = written;
    if (written)
        return s.int64(0);
    auto& find = m_batch.statement("SELECT id FROM jobs WHERE run_id = ?1 AND external_id = ?2");
    find.bind(1, runId);
    find.bindTextOrEmpty(2, job.externalId);
    if (!find.step())
        throw StoreError("job " + job.externalId.toStdString() + " vanished during its upsert");
    return find.int64(0);
}

std::int64_t CiWriter::upsertStep(std::int64_t jobId, const CiStep& step)
{
    auto& s = m_batch.statement(kStepUpsert);
    s.bind(1, jobId).bind(2, step.number);
    s.bindTextOrEmpty(3, step.name);
    s.bind(4, step.stage.isEmpty() ? QStringLiteral("other") : step.stage);
    s.bindTextOrNull(5, step.status);
    s.bindTextOrNull(6, step.conclusion);
    s.bind(7, step.startedAt).bind(8, step.finishedAt).bind(9, step.durationMs);
    m_batch.countRows(QStringLiteral("steps"), 1);
    if (!s.step())
        throw StoreError("step upsert returned no id");
    return s.int64(0);
}

std::optional<std::int64_t> CiWriter::findRun(const QString& provider, const QString& project,
                                              const QString& externalId, int attempt)
{
    // With a project, a lookup on the unique key; `?4 = '' OR project = ?4` would keep SQLite from
    // using its index and scan every run of the provider, per call.
    auto& s = project.isEmpty()
        ? m_batch.statement("SELECT id FROM pipeline_runs WHERE provider = ?1 AND external_id = ?2 "
                            "AND attempt = ?3 ORDER BY id LIMIT 1")
        : m_batch.statement("SELECT id FROM pipeline_runs WHERE provider = ?1 AND external_id = ?2 "
                            "AND attempt = ?3 AND project = ?4");
    s.bindTextOrEmpty(1, provider);
    s.bindTextOrEmpty(2, externalId);
    s.bind(3, attempt);
    if (!project.isEmpty())
        s.bindTextOrEmpty(4, project);
    if (!s.step())
        return std::nullopt;
    return s.int64(0);
}

std::optional<CiWriter::JobRef> CiWriter::findJob(const QString& provider, const QString& externalJobId)
{
    auto& s = m_batch.statement(
        std::string("SELECT ") + kJobRefColumns
        + " FROM jobs j JOIN pipeline_runs r ON r.id = j.run_id WHERE r.provider = ?1 AND j.external_id = ?2 "
          "ORDER BY r.attempt DESC LIMIT 1");
    s.bindTextOrEmpty(1, provider);
    s.bindTextOrEmpty(2, externalJobId);
    if (!s.step())
        return std::nullopt;
    return readJobRef(s);
}

std::optional<CiWriter::JobRef> CiWriter::findJobByExternalId(const QString& externalJobId)
{
    auto& s
        = m_batch.statement(std::string("SELECT ") + kJobRefColumns
                            + " FROM jobs j JOIN pipeline_runs r ON r.id = j.run_id WHERE j.external_id = ?1 "
                              "ORDER BY r.attempt DESC, j.id LIMIT 1");
    s.bindTextOrEmpty(1, externalJobId);
    if (!s.step())
        return std::nullopt;
    return readJobRef(s);
}

QString CiWriter::runHeadSha(std::int64_t runId)
{
    auto& s = m_batch.statement("SELECT head_sha FROM pipeline_runs WHERE id = ?1");
    s.bind(1, runId);
    return s.step() && !s.isNull(0) ? s.text(0) : QString();
}

std::vector<CiWriter::JobRef> CiWriter::jobsOverlapping(const QString& provider, std::int64_t fromMs,
                                                        std::int64_t toMs)
{
    auto& s = m_batch.statement(
        std::string("SELECT ") + kJobRefColumns
        + " FROM jobs j JOIN pipeline_runs r ON r.id = j.run_id WHERE r.provider = ?1 "
          "AND j.started_at <= ?3 AND coalesce(j.finished_at, j.started_at) >= ?2 ORDER BY j.id");
    s.bind(1, provider).bind(2, fromMs).bind(3, toMs);
    std::vector<JobRef> refs;
    while (s.step())
        refs.push_back(readJobRef(s));
    return refs;
}

std::vector<CiWriter::JobRef> CiWriter::jobsOfRun(std::int64_t runId)
{
    auto& s = m_batch.statement(
        std::string("SELECT ") + kJobRefColumns
        + " FROM jobs j JOIN pipeline_runs r ON r.id = j.run_id WHERE j.run_id = ?1 ORDER BY j.id");
    s.bind(1, runId);
    std::vector<JobRef> refs;
    while (s.step())
        refs.push_back(readJobRef(s));
    return refs;
}

std::vector<CiWriter::StepRef> CiWriter::stepsOfJob(std::int64_t jobId)
{
    auto& s = m_batch.statement(
        "SELECT id, number, name, started_at, finished_at FROM steps WHERE job_id = ?1 ORDER BY number");
    s.bind(1, jobId);
    std::vector<StepRef> refs;
    while (s.step())
        refs.push_back({ s.int64(0), int(s.int64(1)), s.text(2), s.optionalInt64(3), s.optionalInt64(4) });
    return refs;
}

void CiWriter::setJobFindings(std::int64_t jobId, const CiLogFindings& findings, const QString& errorStep,
                              const QString& service, const QString& fingerprintText)
{
    std::optional<std::int64_t> fp;
    if (!findings.errorLine.isEmpty() && !fingerprintText.isEmpty())
        fp = fingerprint(QStringLiteral("ci"), service, fingerprintText);
    auto& s = m_batch.statement(
        "UPDATE jobs SET error_line = coalesce(?2, error_line), error_step = coalesce(?3, error_step), "
        "fingerprint_id = coalesce(?4, fingerprint_id), cache = coalesce(?5, cache) WHERE id = ?1");
    s.bind(1, jobId);
    s.bindTextOrNull(2, findings.errorLine);
    s.bindTextOrNull(3, errorStep);
    s.bind(4, fp);
    s.bindTextOrNull(5, findings.cache);
    s.exec();
    m_batch.countRows(QStringLiteral("jobs"), 1); // updated with what its log says
}

void CiWriter::setStepFindings(std::int64_t stepId, const CiLogFindings& findings, const QString& service,
                               const QString& fingerprintText)
{
    std::optional<std::int64_t> fp;
    if (!findings.errorLine.isEmpty() && !fingerprintText.isEmpty())
        fp = fingerprint(QStringLiteral("ci"), service, fingerprintText);
    auto& s = m_batch.statement(
        "UPDATE steps SET error_line = coalesce(?2, error_line), "
        "fingerprint_id = coalesce(?3, fingerprint_id), cache = coalesce(?4, cache) WHERE id = ?1");
    s.bind(1, stepId);
    s.bindTextOrNull(2, findings.errorLine);
    s.bind(3, fp);
    s.bindTextOrNull(4, findings.cache);
    s.exec();
    m_batch.countRows(QStringLiteral("steps"), 1);
}

std::int64_t CiWriter::fingerprint(const QString& kind, const QString& service, const QString& normalized)
{
    const QString key = kind + QLatin1Char('\x1f') + service + QLatin1Char('\x1f') + normalized;
    if (auto it = m_fingerprints.constFind(key); it != m_fingerprints.constEnd())
        return *it;
    auto& insert
        = m_batch.statement("INSERT INTO fingerprints (kind, service, normalized) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT DO NOTHING");
    insert.bindTextOrEmpty(1, kind);
    insert.bindTextOrEmpty(2, service);
    insert.bindTextOrEmpty(3, normalized);
    insert.exec();
    auto& find = m_batch.statement(
        "SELECT id FROM fingerprints WHERE kind = ?1 AND service = ?2 AND normalized = ?3");
    find.bindTextOrEmpty(1, kind);
    find.bindTextOrEmpty(2, service);
    find.bindTextOrEmpty(3, normalized);
    if (!find.step())
        throw StoreError("fingerprint vanished after its insert");
    const std::int64_t id = find.int64(0);
    m_fingerprints.insert(key, id);
    return id;
}

void CiWriter::renumberRetriedJobs(std::int64_t runId)
{
    // External ids of one provider are numeric where retries happen (GitLab), so order numerically.
    auto& s = m_batch.statement(R"sql(
UPDATE jobs SET
    attempt = (SELECT count(*) FROM jobs o WHERE o.run_id = jobs.run_id AND o.name = jobs.name
               AND CAST(o.external_id AS INTEGER) <= CAST(jobs.external_id AS INTEGER)),
    is_retried = EXISTS (SELECT 1 FROM jobs o WHERE o.run_id = jobs.run_id AND o.name = jobs.name
               AND CAST(o.external_id AS INTEGER) > CAST(jobs.external_id AS INTEGER))
WHERE run_id = ?1
)sql");
    s.bind(1, runId).exec();
}

void CiWriter::renumberAttemptGroup(const QString& provider, const QString& project, const QString& group)
{
    auto& s = m_batch.statement(R"sql(
UPDATE pipeline_runs SET attempt = (
    SELECT count(*) FROM pipeline_runs o
    WHERE o.provider = pipeline_runs.provider AND o.project = pipeline_runs.project
      AND o.attempt_group = pipeline_runs.attempt_group
      AND (coalesce(o.created_at, 0), o.external_id) <= (coalesce(pipeline_runs.created_at, 0), pipeline_runs.external_id))
WHERE provider = ?1 AND project = ?2 AND attempt_group = ?3
)sql");
    s.bindTextOrEmpty(1, provider);
    s.bindTextOrEmpty(2, project);
    s.bindTextOrEmpty(3, group);
    s.exec();
}

void CiWriter::upsertTestCase(const CiTestCase& test)
{
    auto& s = m_batch.statement(R"sql(
INSERT INTO test_cases (report_key, run_id, commit_sha, suite, classname, name, file, outcome, duration_ms,
    started_at, message, flaky)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
ON CONFLICT (report_key, suite, classname, name) DO UPDATE SET
    run_id = coalesce(excluded.run_id, run_id),
    commit_sha = coalesce(excluded.commit_sha, commit_sha),
    file = coalesce(excluded.file, file),
    outcome = excluded.outcome,
    duration_ms = excluded.duration_ms,
    started_at = coalesce(excluded.started_at, started_at),
    message = excluded.message,
    flaky = max(flaky, excluded.flaky)
)sql");
    s.bindTextOrEmpty(1, test.reportKey);
    s.bind(2, test.runId);
    s.bindTextOrNull(3, test.commitSha);
    s.bindTextOrEmpty(4, test.suite);
    s.bindTextOrEmpty(5, test.classname);
    s.bindTextOrEmpty(6, test.name);
    s.bindTextOrNull(7, test.file);
    s.bindTextOrEmpty(8, test.outcome);
    s.bind(9, test.durationMs).bind(10, test.startedAt);
    s.bindTextOrNull(11, test.message);
    s.bind(12, std::int64_t(test.outcome == QLatin1String("flaky") ? 1 : 0));
    s.exec();
    m_batch.countRows(QStringLiteral("test_cases"), 1);
}

std::int64_t CiWriter::markFlakyAcrossReports()
{
    auto& s = m_batch.statement(R"sql(
UPDATE test_cases SET flaky = 1
WHERE flaky = 0 AND commit_sha IS NOT NULL AND (commit_sha, classname, name) IN (
    SELECT commit_sha, classname, name FROM test_cases WHERE commit_sha IS NOT NULL
    GROUP BY commit_sha, classname, name
    HAVING max(outcome IN ('failed', 'error')) = 1 AND max(outcome IN ('passed', 'flaky')) = 1)
)sql");
    s.exec();
    return m_batch.db().queryInt64("SELECT changes()");
}

// --- GitLab (importers/ci/gitlab_ci_json.cpp, gitlab_trace.cpp) ---

std::optional<QString> CiWriter::projectOfRun(const QString& provider, const QString& externalId, int attempt)
{
    auto& s = m_batch.statement("SELECT project FROM pipeline_runs WHERE provider = ?1 AND external_id = ?2 "
                                "AND attempt = ?3 ORDER BY project = '', id LIMIT 1");
    s.bind(1, provider).bind(2, externalId).bind(3, attempt);
    if (!s.step())
        return std::nullopt;
    return s.text(0);
}

void CiWriter::adoptRunProject(const QString& provider, const QString& externalId, int attempt,
                               const QString& project)
{
    auto& s = m_batch.statement(R"sql(
UPDATE pipeline_runs SET project = ?4
WHERE provider = ?1 AND external_id = ?2 AND attempt = ?3 AND project = '' AND ?4 <> ''
  AND NOT EXISTS (SELECT 1 FROM pipeline_runs o WHERE o.provider = ?1 AND o.external_id = ?2 AND o.attempt = ?3
                  AND o.project = ?4)
)sql");
    s.bind(1, provider).bind(2, externalId).bind(3, attempt).bind(4, project).exec();
}

std::optional<CiWriter::JobContext> CiWriter::jobContext(std::int64_t jobId)
{
    auto& s = m_batch.statement(
        "SELECT j.stage, r.project FROM jobs j JOIN pipeline_runs r ON r.id = j.run_id WHERE j.id = ?1");
    s.bind(1, jobId);
    if (!s.step())
        return std::nullopt;
    return JobContext { s.text(0), s.text(1) };
}

// --- GitHub Actions logs (importers/ci/github_actions_job_log.cpp, github_actions_log_archive.cpp) ---

std::vector<CiWriter::RunRef> CiWriter::runsWithExternalId(const QString& provider, const QString& externalId)
{
    auto& s = m_batch.statement(
        "SELECT id, project, attempt FROM pipeline_runs WHERE provider = ?1 AND external_id = ?2 "
        "ORDER BY attempt, id");
    s.bind(1, provider).bind(2, externalId);
    std::vector<RunRef> refs;
    while (s.step())
        refs.push_back({ s.int64(0), s.text(1), int(s.int64(2)) });
    return refs;
}

// --- GitHub Actions JSON (importers/ci/github_actions_json.cpp) ---

std::optional<CiRun> CiWriter::latestRunAttempt(const QString& provider, const QString& project,
                                                const QString& externalId)
{
    auto& s = m_batch.statement(
        "SELECT project, attempt, run_number, workflow, name, event, head_sha, head_branch, "
        "pr_number, url FROM pipeline_runs WHERE provider = ?1 AND external_id = ?2 "
        "AND (?3 = '' OR project = ?3) ORDER BY attempt DESC, id LIMIT 1");
    s.bindTextOrEmpty(1, provider);
    s.bindTextOrEmpty(2, externalId);
    s.bindTextOrEmpty(3, project);
    if (!s.step())
        return std::nullopt;
    CiRun run;
    run.provider = provider;
    run.externalId = externalId;
    run.project = s.text(0);
    run.attempt = int(s.int64(1));
    run.runNumber = s.optionalInt64(2);
    run.workflow = s.text(3);
    run.name = s.text(4);
    run.event = s.text(5);
    run.headSha = s.text(6);
    run.headBranch = s.text(7);
    run.prNumber = s.optionalInt64(8);
    run.url = s.text(9);
    return run;
}

void CiWriter::writeSteps(std::int64_t jobId, const std::vector<CiStep>& steps)
{
    // One row per statement: a multi-row INSERT makes SQLite open a statement journal on each
    // execution, whose cost grows with the database (measured: 40% of the import at 1M rows).
    static const std::string sql = [] {
        const std::string upsert = kStepUpsert;
        return upsert.substr(0, upsert.find("RETURNING"));
    }();
    // Stage, status and conclusion repeat from step to step: converted to UTF-8 once per value.
    struct Utf8
    {
        QString text;
        QByteArray utf8;
        void bind(SqliteStatement& s, int index, const QString& value)
        {
            if (value.isEmpty()) {
                s.bindNull(index);
                return;
            }
            if (value != text) {
                text = value;
                utf8 = value.toUtf8();
            }
            s.bindStatic(index, std::string_view(utf8.constData(), std::size_t(utf8.size())));
        }
    };
    thread_local Utf8 stage, status, conclusion;
    static const QString other = QStringLiteral("other");
    auto& s = m_batch.statement(sql);
    for (const CiStep& step : steps) {
        // exec() resets the statement; every parameter is bound again for each row.
        s.bind(1, jobId).bind(2, step.number);
        s.bindTextOrEmpty(3, step.name);
        stage.bind(s, 4, step.stage.isEmpty() ? other : step.stage);
        status.bind(s, 5, step.status);
        conclusion.bind(s, 6, step.conclusion);
        s.bind(7, step.startedAt).bind(8, step.finishedAt).bind(9, step.durationMs);
        s.exec();
    }
    m_batch.countRows(QStringLiteral("steps"), qint64(steps.size()));
}

// --- CircleCI (importers/ci/circleci_json.cpp) ---

std::int64_t CiWriter::applyToAttemptGroups(const QString& provider, const QString& project,
                                            const QString& groupPrefix, const CiRun& facts)
{
    // Groups are "<pipeline id>/<workflow name>": a range over the group index, '0' following '/'.
    auto& s = m_batch.statement(R"sql(
UPDATE pipeline_runs SET
    run_number = coalesce(?4, run_number),
    event = coalesce(?5, event),
    head_sha = coalesce(?6, head_sha),
    head_branch = coalesce(?7, head_branch),
    pr_number = coalesce(?8, pr_number)
WHERE provider = ?1 AND project = ?2 AND attempt_group >= ?3 || '/' AND attempt_group < ?3 || '0'
)sql");
    s.bind(1, provider).bind(2, project).bind(3, groupPrefix).bind(4, facts.runNumber);
    s.bindTextOrNull(5, facts.event);
    s.bindTextOrNull(6, facts.headSha);
    s.bindTextOrNull(7, facts.headBranch);
    s.bind(8, facts.prNumber);
    s.exec();
    const std::int64_t updated = m_batch.db().queryInt64("SELECT changes()");
    m_batch.countRows(QStringLiteral("pipeline_runs"), updated);
    return updated;
}

// --- JUnit XML (importers/ci/junit_xml.cpp) ---

std::optional<std::int64_t> CiWriter::findRunByExternalId(const QString& externalId)
{
    auto& s = m_batch.statement(
        "SELECT id FROM pipeline_runs WHERE external_id = ?1 ORDER BY attempt DESC, id DESC LIMIT 1");
    s.bindTextOrEmpty(1, externalId);
    if (!s.step())
        return std::nullopt;
    return s.int64(0);
}

std::optional<CiWriter::TestCaseRef> CiWriter::findTestCase(const QString& reportKey, const QString& suite,
                                                            const QString& classname, const QString& name)
{
    auto& s = m_batch.statement("SELECT id, outcome FROM test_cases WHERE report_key = ?1 AND suite = ?2 "
                                "AND classname = ?3 AND name = ?4");
    s.bindTextOrEmpty(1, reportKey);
    s.bindTextOrEmpty(2, suite);
    s.bindTextOrEmpty(3, classname);
    s.bindTextOrEmpty(4, name);
    if (!s.step())
        return std::nullopt;
    return TestCaseRef { s.int64(0), s.text(1) };
}

std::int64_t CiWriter::maxTestCaseId()
{
    return m_batch.db().queryInt64("SELECT coalesce(max(id), 0) FROM test_cases");
}

} // namespace faultline::store
