#pragma once

#include "ci/ci_context.h"
#include "common/json_node.h"
#include "store/ci_records.h"

#include <QSet>
#include <QString>

#include <optional>
#include <string>
#include <string_view>

namespace faultline::importers::ci {

// Maps the records of GitHub Actions exports onto CiRun / CiJob / CiStep: REST runs and jobs
// (snake_case) and `gh run list/view --json` runs and jobs (camelCase). Derives durations and queue
// times, keeps unknown status values as given with one "unknown-value" warning per value, and
// throws ImportError with the JSON path on a field of the wrong type. One instance per file.
class GitHubRecords
{
public:
    GitHubRecords(CiContext& ctx, const QString& file);

    static const QString& provider(); // "github"

    store::CiRun restRun(const json::Node& run);
    store::CiRun ghRun(const json::Node& run);

    // The run attempt a REST job names (run_id, run_attempt, project from run_url/html_url/url).
    struct JobParent
    {
        QString project;
        QString runId;
        int attempt = 1;
    };
    JobParent jobParent(const json::Node& job);
    store::CiJob restJob(const json::Node& job, int runAttempt);
    store::CiJob ghJob(const json::Node& job, int runAttempt);
    store::CiStep step(const json::Node& step, const QString& jobStage);

    // A run attempt that only its jobs name, from a stored attempt of the same run (`sibling`) and
    // the job's own run fields; status and times stay unknown.
    store::CiRun attemptFromSibling(store::CiRun sibling, const json::Node& job, const JobParent& parent);

    // End of the file: reports unknown values that were not listed one by one.
    void finish();

private:
    enum class Field
    {
        Status,
        Conclusion
    };

    std::optional<std::int64_t> time(const json::Node& node) const;
    int attemptOf(const json::Node& node) const;
    QString value(const json::Node& node, Field field);
    QString project(std::string_view ownerRepo);
    QString projectOfRun(const json::Node& run);
    QString runnerLabels(const json::Node& labels);
    QString runner(const json::Node& name);
    void finishRun(store::CiRun& run, std::optional<std::int64_t> created,
                   std::optional<std::int64_t> started, std::optional<std::int64_t> updated,
                   bool attemptView) const;
    void finishJob(store::CiJob& job, std::optional<std::int64_t> created,
                   std::optional<std::int64_t> started, std::optional<std::int64_t> completed) const;

    CiContext& m_ctx;
    QString m_file;
    // Last values, reused while they repeat (jobs of one repository, one runner pool).
    std::string m_projectUtf8;
    QString m_project;
    std::string m_labelsJson;
    QString m_labels;
    std::string m_runnerUtf8;
    QString m_runner;
    QSet<QString> m_unknownValues;
    qint64 m_unknownNotListed = 0;
    bool m_warnedNoProject = false;
};

// "owner/repo" of a run or job URL (REST `url`/`run_url` with /repos/O/R/, GHES /api/v3/repos/O/R/,
// or the web `html_url` https://host/O/R/actions/…); empty when the URL has neither form.
std::string_view gitHubProjectInUrl(std::string_view url);

} // namespace faultline::importers::ci
