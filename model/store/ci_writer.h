#pragma once

#include "ci_records.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {

class ImportBatch;

// Writes CI results into the workspace within one ImportBatch: all SQL of the CI importers lives
// here. Upserts keep the newest state: a run or job is only updated by a record whose source
// update time is not older than the stored one, and a field an export lacks never erases a value
// another export provided. Natural keys: run = (provider, project, external id, attempt),
// job = (run, external id), step = (job, number).
class CiWriter
{
public:
    explicit CiWriter(ImportBatch& batch);

    std::int64_t upsertRun(const CiRun& run);
    std::int64_t upsertJob(std::int64_t runId, const CiJob& job);
    std::int64_t upsertStep(std::int64_t jobId, const CiStep& step);

    // A run attempt already in the workspace (or written earlier in this batch). An empty project
    // matches any project.
    std::optional<std::int64_t> findRun(const QString& provider, const QString& project, const QString& externalId,
        int attempt);

    struct JobRef
    {
        std::int64_t id = 0;
        std::int64_t runId = 0;
        QString externalId;
        QString name;
        QString runExternalId;
        int runAttempt = 1;
        std::optional<std::int64_t> startedAt;
        std::optional<std::int64_t> finishedAt;
    };
    std::optional<JobRef> findJob(const QString& provider, const QString& externalJobId);
    // Jobs of a provider whose [started, finished] overlaps [fromMs, toMs]: candidates for a log
    // that does not name its job.
    std::vector<JobRef> jobsOverlapping(const QString& provider, std::int64_t fromMs, std::int64_t toMs);
    std::vector<JobRef> jobsOfRun(std::int64_t runId);

    struct StepRef
    {
        std::int64_t id = 0;
        int number = 0;
        QString name;
        std::optional<std::int64_t> startedAt;
        std::optional<std::int64_t> finishedAt;
    };
    std::vector<StepRef> stepsOfJob(std::int64_t jobId);

    // Log findings. A non-empty error line also gets a 'ci' fingerprint of `fingerprintText`
    // (job/step name + the error line, already normalised by the caller).
    void setJobFindings(std::int64_t jobId, const CiLogFindings& findings, const QString& errorStep,
        const QString& service, const QString& fingerprintText);
    void setStepFindings(std::int64_t stepId, const CiLogFindings& findings, const QString& service,
        const QString& fingerprintText);

    // Id of a fingerprint row, created when new.
    std::int64_t fingerprint(const QString& kind, const QString& service, const QString& normalized);

    // Jobs retried within one run (GitLab: several jobs with one name, the highest id effective):
    // numbers their attempts by id and marks all but the last as retried.
    void renumberRetriedJobs(std::int64_t runId);
    // Runs of one attempt group (CircleCI re-runs) numbered 1, 2, … by creation time.
    void renumberAttemptGroup(const QString& provider, const QString& project, const QString& group);

    void upsertTestCase(const CiTestCase& test);
    // Marks every result of a test that both failed and passed on one commit as flaky; returns the
    // number of results newly marked.
    std::int64_t markFlakyAcrossReports();

private:
    ImportBatch& m_batch;
    QHash<QString, std::int64_t> m_fingerprints;
};

} // namespace faultline::store
