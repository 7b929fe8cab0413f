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
    // `applied` (optional) tells whether the record was written: false when the stored job is newer,
    // so that a caller keeps that job's steps too (steps carry no update time of their own).
    std::int64_t upsertJob(std::int64_t runId, const CiJob& job, bool* applied = nullptr);
    std::int64_t upsertStep(std::int64_t jobId, const CiStep& step);

    // A run attempt already in the workspace (or written earlier in this batch). An empty project
    // matches any project.
    std::optional<std::int64_t> findRun(const QString& provider, const QString& project,
                                        const QString& externalId, int attempt);

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

    // --- GitLab (importers/ci/gitlab_ci_json.cpp, gitlab_trace.cpp) ---
    // The project of a run known by its id alone, preferring a named project over ''. GitLab
    // pipeline ids are unique per instance, and a jobs list does not always name its pipeline's
    // project; nullopt when the run is not in the workspace.
    std::optional<QString> projectOfRun(const QString& provider, const QString& externalId, int attempt);
    // Gives a run stored without a project ('') the project a later export names, unless that
    // project already has the run; so exports that name the project and exports that do not meet
    // in one row whatever their order.
    void adoptRunProject(const QString& provider, const QString& externalId, int attempt,
                         const QString& project);
    // What a log that names only its job needs: the job's canonical stage and its run's project.
    struct JobContext
    {
        QString stage;
        QString project;
    };
    std::optional<JobContext> jobContext(std::int64_t jobId);

    // --- GitHub Actions logs (importers/ci/github_actions_job_log.cpp, github_actions_log_archive.cpp) ---
    // The attempts of a run stored under one external id (any project), lowest attempt first: a run
    // log zip or --run names the run, not the attempt.
    struct RunRef
    {
        std::int64_t id = 0;
        QString project;
        int attempt = 1;
    };
    std::vector<RunRef> runsWithExternalId(const QString& provider, const QString& externalId);

    // --- GitHub Actions JSON (importers/ci/github_actions_json.cpp) ---
    // The highest stored attempt of a run (an empty project matches any) with the fields every
    // attempt shares (number, workflow, title, event, commit, branch, PR, url); nullopt when none is
    // stored. A `filter=all` jobs list names earlier attempts that a runs list does not show.
    std::optional<CiRun> latestRunAttempt(const QString& provider, const QString& project,
                                          const QString& externalId);
    // The steps of one job, upserted as upsertStep() does but without handing ids back: jobs lists
    // carry ten steps per job, and a RETURNING clause more than doubles the cost of each statement.
    void writeSteps(std::int64_t jobId, const std::vector<CiStep>& steps);

    // --- CircleCI (importers/ci/circleci_json.cpp) ---
    // Writes what a pipeline knows (run number, event, head sha and branch, PR number; empty fields
    // left alone) onto every run of the project whose attempt group is "<groupPrefix>/…": the
    // workflows of one pipeline. Returns the number of runs updated.
    std::int64_t applyToAttemptGroups(const QString& provider, const QString& project,
                                      const QString& groupPrefix, const CiRun& facts);

    // --- JUnit XML (importers/ci/junit_xml.cpp) ---
    // The run a test report belongs to when the user names it (--run): any provider, the highest
    // attempt; nullopt when the workspace does not hold it.
    std::optional<std::int64_t> findRunByExternalId(const QString& externalId);
    // The job a report file names (job_<id>.xml): any provider, the highest attempt.
    std::optional<JobRef> findJobByExternalId(const QString& externalJobId);
    // The commit a run built; empty when the run names none.
    QString runHeadSha(std::int64_t runId);
    // A stored result of one test identity in one report, and the highest test_cases id: rows with a
    // larger id were written by the report being imported, so a second hit on them is a duplicate
    // within that report rather than a re-import.
    struct TestCaseRef
    {
        std::int64_t id = 0;
        QString outcome;
    };
    std::optional<TestCaseRef> findTestCase(const QString& reportKey, const QString& suite,
                                            const QString& classname, const QString& name);
    std::int64_t maxTestCaseId();

private:
    ImportBatch& m_batch;
    QHash<QString, std::int64_t> m_fingerprints;
};

} // namespace faultline::store
