#pragma once

#include <QString>

#include <cstdint>
#include <optional>

namespace faultline::store {

// CI results normalised across providers: run (one attempt of a pipeline/workflow/build) → job
// (GitHub job, GitLab job, Jenkins stage, CircleCI job) → step (GitHub step, GitLab trace section).
// Times are UTC epoch ms, durations ms; a field the export lacks stays empty and never overwrites a
// value another export provided.

struct CiRun
{
    QString provider; // github, gitlab, jenkins, circleci
    QString project; // owner/repo, GitLab project id, Jenkins job path, CircleCI project slug
    QString externalId; // the provider's id, stable across attempts
    int attempt = 1;
    std::optional<std::int64_t> runNumber;
    QString workflow; // workflow / pipeline definition name
    QString name; // run title
    QString event; // trigger: push, pull_request, schedule, …
    QString status; // provider's lifecycle value, kept as given
    QString conclusion; // provider's outcome value, kept as given (empty while running)
    QString headSha;
    QString headBranch;
    std::optional<std::int64_t> prNumber;
    std::optional<std::int64_t> createdAt;
    std::optional<std::int64_t> startedAt;
    std::optional<std::int64_t> finishedAt;
    std::optional<std::int64_t> durationMs;
    std::optional<std::int64_t> queuedMs;
    // The source's last change of this run; a newer value wins on re-import.
    std::optional<std::int64_t> updatedAt;
    QString url;
    // Runs that are attempts of one another where the source has no attempt counter (CircleCI:
    // "<pipeline id>/<workflow name>"); attempts are then numbered by creation time.
    QString attemptGroup;
};

struct CiJob
{
    QString externalId;
    QString name;
    QString stageRaw; // the CI's own stage (GitLab), empty elsewhere
    QString stage; // canonical stage: checkout, setup, build, lint, test, package, deploy, other
    QString status;
    QString conclusion;
    std::optional<std::int64_t> createdAt; // queued
    std::optional<std::int64_t> startedAt;
    std::optional<std::int64_t> finishedAt;
    std::optional<std::int64_t> durationMs;
    std::optional<std::int64_t> queuedMs; // started − created (or the provider's queued duration)
    std::optional<std::int64_t> updatedAt;
    QString runner;
    QString runnerLabels; // JSON array text
    int attempt = 1;
    bool isRetried = false; // superseded by a later attempt of the same job
    bool allowFailure = false;
    QString failureReason;
};

struct CiStep
{
    int number = 0;
    QString name;
    QString stage;
    QString status;
    QString conclusion;
    std::optional<std::int64_t> startedAt;
    std::optional<std::int64_t> finishedAt;
    std::optional<std::int64_t> durationMs;
};

// What a log says about a job or step: the first error line and whether a cache was restored.
struct CiLogFindings
{
    QString errorLine; // empty: no error line found
    QString cache; // "hit", "miss" or empty
};

struct CiTestCase
{
    QString reportKey; // identifies the report file (its sha256) so a re-import replaces, not adds
    std::optional<std::int64_t> runId; // pipeline_runs.id when known
    QString commitSha;
    QString suite;
    QString classname;
    QString name;
    QString file;
    QString outcome; // passed, failed, error, skipped, flaky
    std::optional<std::int64_t> durationMs;
    std::optional<std::int64_t> startedAt;
    QString message;
};

} // namespace faultline::store
