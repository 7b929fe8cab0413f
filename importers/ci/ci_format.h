#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace faultline::importers::json {
class Node;
}

namespace faultline::importers::ci {

// The CI export families `import ci` reads. Each family's importer tells its own shapes apart
// (a runs list from a jobs list, a pipeline from its webhook payload, …).
enum class CiFormat
{
    GitHubJson, // REST runs/jobs, gh run list/view --json, JSON Lines of runs or jobs
    GitHubJobLog, // one job's raw log, or `gh run view --log` output
    GitHubLogArchive, // the run log zip
    GitLabJson, // pipelines, jobs, webhook payload
    GitLabTrace, // a job trace
    JenkinsJson, // wfapi runs/describe, classic api/json, Blue Ocean nodes
    CircleCiJson, // API v2 pipelines, workflows, jobs
    JUnitXml,
};

QString formatName(CiFormat format); // "github", "github-log", …: the --format values
std::optional<CiFormat> formatFromName(const QString& name);
QStringList formatNames();

// Reads the start of a file and names its family, by content only. Throws ImportError naming the
// file and what was found when it is none of them. `holdsJobsOnly` is set when the file is a jobs
// list without its runs (GitHub jobs; CircleCI jobs and pipelines, which complete workflows), which
// must be imported after the runs of the same command.
CiFormat detectCiFormat(const QString& path, bool* holdsJobsOnly = nullptr);

// The family of a JSON document (the first one of a JSON Lines file); nullopt when none matches.
std::optional<CiFormat> detectJsonFamily(const json::Node& root);

// Files of one command are imported in this order, so that runs exist before their jobs and jobs
// before their logs and test reports.
int importPhase(CiFormat format, bool holdsJobsOnly = false);

} // namespace faultline::importers::ci
