#include "ci_format.h"

#include "common/import_error.h"
#include "common/json_documents.h"
#include "common/text_encoding.h"

#include <QFile>
#include <QRegularExpression>

#include <array>
#include <utility>

namespace faultline::importers::ci {

namespace {

constexpr std::array kNames {
    std::pair { CiFormat::GitHubJson, "github" },
    std::pair { CiFormat::GitHubJobLog, "github-log" },
    std::pair { CiFormat::GitHubLogArchive, "github-log-zip" },
    std::pair { CiFormat::GitLabJson, "gitlab" },
    std::pair { CiFormat::GitLabTrace, "gitlab-trace" },
    std::pair { CiFormat::JenkinsJson, "jenkins" },
    std::pair { CiFormat::CircleCiJson, "circleci" },
    std::pair { CiFormat::JUnitXml, "junit" },
};

constexpr qint64 kHeadBytes = 64 * 1024;

bool has(const json::Node& node, std::string_view key)
{
    return node.isObject() && node[key].exists();
}

bool classContains(const json::Node& node, const char* needle)
{
    if (!has(node, "_class") || !node["_class"].isString())
        return false;
    return node["_class"].view().find(needle) != std::string_view::npos;
}

bool isGitHubRun(const json::Node& r)
{
    return has(r, "run_attempt") || has(r, "workflow_id") || (has(r, "head_sha") && has(r, "jobs_url"))
        || (has(r, "databaseId")
            && (has(r, "workflowName") || has(r, "headSha") || has(r, "jobs") || has(r, "attempt")));
}

bool isGitHubJob(const json::Node& r)
{
    return has(r, "run_id")
        && (has(r, "steps") || has(r, "runner_name") || has(r, "workflow_name") || has(r, "run_attempt"));
}

bool isGitLabPipeline(const json::Node& r)
{
    return has(r, "project_id") && has(r, "sha") && has(r, "ref") && has(r, "status") && !has(r, "deployable")
        && !has(r, "environment") && !has(r, "merge_status") && !has(r, "title");
}

bool isGitLabJob(const json::Node& r)
{
    return has(r, "stage") && has(r, "name") && has(r, "status")
        && (has(r, "pipeline") || has(r, "runner") || has(r, "queued_duration"));
}

bool isJenkins(const json::Node& r)
{
    return classContains(r, "hudson.") || classContains(r, "jenkins") || classContains(r, "blueocean")
        || classContains(r, "org.jenkinsci") || has(r, "startTimeMillis") || has(r, "durationMillis")
        || has(r, "allBuilds") || (has(r, "builds") && has(r, "fullName"))
        || (has(r, "displayName") && has(r, "durationInMillis"))
        || (has(r, "number") && has(r, "timestamp") && has(r, "result") && has(r, "duration"));
}

bool isCircleCi(const json::Node& r)
{
    return (has(r, "project_slug")
            && (has(r, "vcs") || has(r, "pipeline_id") || has(r, "job_number") || has(r, "trigger")
                || has(r, "dependencies")))
        || (has(r, "pipeline_id") && has(r, "pipeline_number"))
        || (has(r, "job_number") && has(r, "dependencies"))
        || (has(r, "trigger") && has(r, "vcs") && has(r, "state"))
        || (has(r, "latest_workflow") && has(r, "pipeline") && has(r, "number")); // job details
}

} // namespace

QString formatName(CiFormat format)
{
    for (const auto& [f, name] : kNames) {
        if (f == format)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<CiFormat> formatFromName(const QString& name)
{
    for (const auto& [f, n] : kNames) {
        if (name == QLatin1String(n))
            return f;
    }
    return std::nullopt;
}

QStringList formatNames()
{
    QStringList names;
    for (const auto& entry : kNames)
        names << QString::fromLatin1(entry.second);
    return names;
}

int importPhase(CiFormat format, bool holdsJobsOnly)
{
    if (holdsJobsOnly)
        return 1;
    switch (format) {
    case CiFormat::GitHubJson:
    case CiFormat::GitLabJson:
    case CiFormat::JenkinsJson:
    case CiFormat::CircleCiJson:
        return 0;
    case CiFormat::GitHubJobLog:
    case CiFormat::GitHubLogArchive:
    case CiFormat::GitLabTrace:
        return 2;
    case CiFormat::JUnitXml:
        return 3;
    }
    return 4;
}

std::optional<CiFormat> detectJsonFamily(const json::Node& root)
{
    if (root.isObject()) {
        if (has(root, "workflow_runs") || (has(root, "jobs") && has(root, "total_count")))
            return CiFormat::GitHubJson;
        if (has(root, "object_kind") || (has(root, "object_attributes") && has(root, "builds")))
            return CiFormat::GitLabJson;
        if (has(root, "items") && root["items"].isArray()) {
            const auto first = root["items"].first();
            if (first && isCircleCi(*first))
                return CiFormat::CircleCiJson;
            if (!first && has(root, "next_page_token"))
                return CiFormat::CircleCiJson;
        }
        if (has(root, "jobs") && root["jobs"].isArray()) {
            const auto first = root["jobs"].first();
            if (first && (isGitHubJob(*first) || has(*first, "databaseId")))
                return CiFormat::GitHubJson;
        }
    }
    const auto record = root.first();
    if (!record || !record->isObject())
        return std::nullopt;
    if (isGitHubRun(*record) || isGitHubJob(*record))
        return CiFormat::GitHubJson;
    if (isCircleCi(*record))
        return CiFormat::CircleCiJson;
    if (isJenkins(*record))
        return CiFormat::JenkinsJson;
    if (isGitLabPipeline(*record) || isGitLabJob(*record))
        return CiFormat::GitLabJson;
    return std::nullopt;
}

CiFormat detectCiFormat(const QString& path, bool* holdsJobsOnly)
{
    if (holdsJobsOnly)
        *holdsJobsOnly = false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    const QByteArray head = file.read(kHeadBytes);
    file.close();
    if (head.trimmed().isEmpty())
        throw ImportError(QStringLiteral("%1: the file is empty; expected a CI export").arg(path));

    if (head.startsWith("PK\x03\x04"))
        return CiFormat::GitHubLogArchive;
    refuseUtf16(path, head);

    QByteArray text = head;
    if (text.startsWith("\xEF\xBB\xBF"))
        text = text.mid(3);
    const QByteArray trimmed = text.trimmed();

    if (trimmed.startsWith('<')) {
        static const QRegularExpression root(QStringLiteral(R"(<(testsuites|testsuite)[\s>/])"));
        if (root.match(QString::fromUtf8(trimmed.left(8192))).hasMatch())
            return CiFormat::JUnitXml;
        throw ImportError(
            QStringLiteral(
                "%1:1: XML without a <testsuites> or <testsuite> element; expected a JUnit XML report")
                .arg(path));
    }

    if (json::JsonDocumentReader::looksLikeJson(head)) {
        json::JsonDocumentReader reader(path);
        const auto root = reader.next();
        if (!root)
            throw ImportError(
                QStringLiteral("%1: the file holds no JSON document; expected a CI export").arg(path));
        if (auto family = detectJsonFamily(*root)) {
            if (holdsJobsOnly && *family == CiFormat::GitHubJson) {
                const json::Node jobs = root->isObject() && has(*root, "jobs") && !has(*root, "databaseId")
                    ? (*root)["jobs"]
                    : *root;
                const auto first = jobs.first();
                *holdsJobsOnly = first && isGitHubJob(*first);
            }
            if (holdsJobsOnly && *family == CiFormat::CircleCiJson) {
                // CircleCI runs are workflows: pipelines (which add commit and branch to them) and
                // jobs (which hang off them) come after the workflows files.
                const auto first = (has(*root, "items") ? (*root)["items"] : *root).first();
                *holdsJobsOnly = first && first->isObject() && !has(*first, "pipeline_id");
            }
            return *family;
        }
        throw ImportError(
            QStringLiteral(
                "%1:1: JSON that is not a CI export this version reads (expected GitHub Actions runs or "
                "jobs, GitLab pipelines or jobs, Jenkins builds or stages, or CircleCI pipelines, "
                "workflows or jobs); pass --format to say which it is")
                .arg(path));
    }

    const QString start = QString::fromUtf8(text.left(16384));
    // GitLab: runner banner, section markers, or FF_TIMESTAMPS prefixes ("<ts> 00O ").
    static const QRegularExpression gitlab(QStringLiteral(
        R"((?:^|\n)(?:\x1b\[0K)?Running with gitlab-runner|section_start:\d+:|(?:^|\n)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z [0-9a-f]{2}[OE][ +])"));
    if (gitlab.match(start).hasMatch())
        return CiFormat::GitLabTrace;
    // GitHub: lines that start with a 7-digit-fraction UTC timestamp, or `gh run view --log` rows.
    static const QRegularExpression github(
        QStringLiteral(R"((?:^|\n)(?:[^\t\n]*\t[^\t\n]*\t)?\x{feff}?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z )"));
    if (github.match(start).hasMatch())
        return CiFormat::GitHubJobLog;

    throw ImportError(
        QStringLiteral(
            "%1:1: not a CI export this version reads: expected JSON, JUnit XML, a GitHub Actions log "
            "or run-log zip, or a GitLab job trace")
            .arg(path));
}

} // namespace faultline::importers::ci
