#include "github_actions_records.h"

#include "common/import_error.h"
#include "common/time_order.h"

#include <array>
#include <vector>

namespace faultline::importers::ci {

namespace {

using json::Node;

// The values GitHub documents (and gh's shared.go lists); anything else is kept with a warning.
constexpr std::array<std::string_view, 6> kStatuses { "completed", "in_progress", "queued",
                                                      "waiting",   "requested",   "pending" };
constexpr std::array<std::string_view, 9> kConclusions { "success", "failure",   "cancelled",
                                                         "skipped", "timed_out", "action_required",
                                                         "neutral", "stale",     "startup_failure" };
// Distinct unknown values listed one by one per file; the rest are counted in one warning.
constexpr qsizetype kMaxListedUnknownValues = 50;

template <std::size_t N> std::vector<QString> texts(const std::array<std::string_view, N>& values)
{
    std::vector<QString> result;
    for (std::string_view v : values)
        result.push_back(QString::fromLatin1(v.data(), qsizetype(v.size())));
    return result;
}

bool contains(std::string_view text, std::string_view needle)
{
    return text.find(needle) != std::string_view::npos;
}

// "O/R" at the start of "O/R/…"; empty unless both segments are there.
std::string_view twoSegments(std::string_view rest)
{
    const std::size_t first = rest.find('/');
    if (first == std::string_view::npos || first == 0)
        return {};
    std::size_t second = rest.find_first_of("/?#", first + 1);
    if (second == std::string_view::npos)
        second = rest.size();
    if (second == first + 1)
        return {};
    return rest.substr(0, second);
}

// The attempt named by a URL ending in /attempts/N (gh run view --attempt N); 0 when none.
int attemptInUrl(std::string_view url)
{
    constexpr std::string_view kMarker = "/attempts/";
    const std::size_t at = url.find(kMarker);
    if (at == std::string_view::npos)
        return 0;
    int attempt = 0;
    for (std::size_t i = at + kMarker.size();
         i < url.size() && url[i] >= '0' && url[i] <= '9' && attempt < 100000; ++i)
        attempt = attempt * 10 + (url[i] - '0');
    return attempt;
}

std::int64_t nonNegative(std::int64_t ms)
{
    // Timestamps of whole seconds from different clocks can disagree by a second or two (the
    // attempt-2 view of a real run was created 2 s after it started); gh shows 0 then too. More
    // than the clock-skew tolerance backwards was refused where the times were read (checkTimeOrder).
    return std::max<std::int64_t>(ms, 0);
}

} // namespace

std::string_view gitHubProjectInUrl(std::string_view url)
{
    if (const std::size_t repos = url.find("/repos/"); repos != std::string_view::npos)
        return twoSegments(url.substr(repos + 7));
    const std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos)
        return {};
    const std::size_t path = url.find('/', scheme + 3);
    if (path == std::string_view::npos)
        return {};
    const std::string_view rest = url.substr(path + 1);
    const std::string_view project = twoSegments(rest);
    if (project.empty() || rest.substr(project.size()).substr(0, 9) != "/actions/")
        return {};
    return project;
}

GitHubRecords::GitHubRecords(CiContext& ctx, const QString& file)
    : m_ctx(ctx)
    , m_file(file)
{ }

const QString& GitHubRecords::provider()
{
    static const QString name = QStringLiteral("github");
    return name;
}

std::optional<std::int64_t> GitHubRecords::time(const Node& node) const
{
    if (!node.exists() || node.isNull())
        return std::nullopt;
    if (!node.isString())
        node.fail("an ISO-8601 timestamp (a string)");
    // gh prints Go's zero time for a time it does not have (a job that has not started).
    if (node.view().substr(0, 10) == "0001-01-01")
        return std::nullopt;
    return node.timestamp(m_ctx.time());
}

int GitHubRecords::attemptOf(const Node& node) const
{
    const std::optional<std::int64_t> attempt = node.integer();
    if (!attempt)
        return 0;
    if (*attempt < 1 || *attempt > 100000)
        node.fail("a run attempt of 1 or more");
    return int(*attempt);
}

QString GitHubRecords::value(const Node& node, Field field)
{
    const std::string_view text = node.view();
    if (text.empty())
        return {};
    static const std::vector<QString> statusTexts = texts(kStatuses);
    static const std::vector<QString> conclusionTexts = texts(kConclusions);
    if (field == Field::Status) {
        for (std::size_t i = 0; i < kStatuses.size(); ++i) {
            if (kStatuses[i] == text)
                return statusTexts[i];
        }
    } else {
        for (std::size_t i = 0; i < kConclusions.size(); ++i) {
            if (kConclusions[i] == text)
                return conclusionTexts[i];
        }
    }
    QString value = QString::fromUtf8(text.data(), qsizetype(text.size()));
    const QString what = field == Field::Status ? QStringLiteral("status") : QStringLiteral("conclusion");
    const QString key = what + QLatin1Char('\x1f') + value;
    if (!m_unknownValues.contains(key)) {
        if (m_unknownValues.size() < kMaxListedUnknownValues) {
            m_unknownValues.insert(key);
            m_ctx.warn(
                QStringLiteral("unknown-value"), m_file, node.origin() ? node.origin()->line : 0, node.path(),
                QStringLiteral("%1 \"%2\" is not a GitHub Actions value this version knows; stored as given")
                    .arg(what, value));
        } else {
            ++m_unknownNotListed;
        }
    }
    return value;
}

void GitHubRecords::finish()
{
    if (m_unknownNotListed > 0)
        m_ctx.warn(QStringLiteral("unknown-value"), m_file, 0, {},
                   QStringLiteral("%1 more records with status or conclusion values this version does not "
                                  "know; stored as given")
                       .arg(m_unknownNotListed));
}

QString GitHubRecords::project(std::string_view ownerRepo)
{
    if (ownerRepo.empty()) {
        if (m_ctx.options().project.isEmpty() && !m_warnedNoProject) {
            m_warnedNoProject = true;
            m_ctx.warn(
                QStringLiteral("missing-project"), m_file, 0, {},
                QStringLiteral(
                    "records without their repository (no repository.full_name or URL); pass --project "
                    "OWNER/REPO so that they link to the repository's commits"));
        }
        return m_ctx.options().project;
    }
    if (ownerRepo != m_projectUtf8) {
        m_projectUtf8.assign(ownerRepo);
        m_project = QString::fromUtf8(ownerRepo.data(), qsizetype(ownerRepo.size()));
    }
    return m_project;
}

QString GitHubRecords::projectOfRun(const Node& run)
{
    std::string_view ownerRepo = run["repository"]["full_name"].view();
    if (ownerRepo.empty())
        ownerRepo = gitHubProjectInUrl(run["url"].view());
    if (ownerRepo.empty())
        ownerRepo = gitHubProjectInUrl(run["html_url"].view());
    return project(ownerRepo);
}

QString GitHubRecords::runnerLabels(const Node& labels)
{
    if (!labels.exists() || labels.isNull())
        return {};
    if (!labels.isArray())
        labels.fail("an array of runner labels");
    labels.forEach([](const Node& label) {
        if (!label.isString())
            label.fail("a runner label (a string)");
    });
    const std::string text = simdjson::minify(labels.element());
    if (text != m_labelsJson) {
        m_labelsJson = text;
        m_labels = QString::fromStdString(text);
    }
    return m_labels;
}

QString GitHubRecords::runner(const Node& name)
{
    const std::string_view text = name.view();
    if (text != m_runnerUtf8) {
        m_runnerUtf8.assign(text);
        m_runner = QString::fromUtf8(text.data(), qsizetype(text.size()));
    }
    return m_runner;
}

void GitHubRecords::finishRun(store::CiRun& run, std::optional<std::int64_t> created,
                              std::optional<std::int64_t> started, std::optional<std::int64_t> updated,
                              bool attemptView) const
{
    // created_at is the creation of attempt 1 unless the record is a per-attempt view
    // (/attempts/N): a later attempt read from a runs list does not know its own creation.
    if (run.attempt == 1 || attemptView)
        run.createdAt = created;
    // Runs from before run_started_at existed (2021) started when they were created; gh shows the same.
    run.startedAt = started ? started : (run.attempt == 1 ? created : std::nullopt);
    run.updatedAt = updated;
    if (updated && run.status == QLatin1String("completed")) {
        // GitHub has no completion time for a run; its last update is it (gh computes the same).
        run.finishedAt = updated;
        if (run.startedAt)
            run.durationMs = nonNegative(*updated - *run.startedAt);
    }
    if (run.attempt == 1 && started && created)
        run.queuedMs = nonNegative(*started - *created);
}

void GitHubRecords::finishJob(store::CiJob& job, std::optional<std::int64_t> created,
                              std::optional<std::int64_t> started,
                              std::optional<std::int64_t> completed) const
{
    job.createdAt = created;
    job.startedAt = started;
    job.finishedAt = completed;
    if (started && completed)
        job.durationMs = nonNegative(*completed - *started);
    if (created && started)
        job.queuedMs = nonNegative(*started - *created);
    // Jobs carry no update time; the latest of their times orders their states (queued → running
    // → completed), so an older export of a job never overwrites a newer one.
    job.updatedAt = completed ? completed : started ? started : created;
}

store::CiRun GitHubRecords::restRun(const Node& n)
{
    store::CiRun run;
    run.provider = provider();
    run.externalId = n["id"].requireId();
    const int attempt = attemptOf(n["run_attempt"]);
    run.attempt = attempt > 0 ? attempt : 1; // absent in payloads from before 2021
    run.project = projectOfRun(n);
    run.runNumber = n["run_number"].integer();
    run.workflow = n["name"].text();
    run.name = n["display_title"].text();
    run.event = n["event"].text();
    run.status = value(n["status"], Field::Status);
    run.conclusion = value(n["conclusion"], Field::Conclusion);
    run.headSha = n["head_sha"].text();
    run.headBranch = n["head_branch"].text();
    n["pull_requests"].forEach([&run](const Node& pr) {
        if (!run.prNumber)
            run.prNumber = pr["number"].integer();
    });
    run.url = n["html_url"].text();
    const bool attemptView
        = contains(n["jobs_url"].view(), "/attempts/") || contains(n["logs_url"].view(), "/attempts/");
    const auto created = time(n["created_at"]);
    const auto started = time(n["run_started_at"]);
    const auto updated = time(n["updated_at"]);
    checkTimeOrder(n["run_started_at"], "created_at", created, "run_started_at", started);
    checkTimeOrder(n["updated_at"], "run_started_at", started, "updated_at", updated);
    finishRun(run, created, started, updated, attemptView);
    return run;
}

store::CiRun GitHubRecords::ghRun(const Node& n)
{
    store::CiRun run;
    run.provider = provider();
    run.externalId = n["databaseId"].requireId();
    const std::string_view url = n["url"].view();
    int attempt = attemptOf(n["attempt"]);
    if (attempt == 0)
        attempt = attemptInUrl(url); // gh run view --attempt N appends /attempts/N
    run.attempt = attempt > 0 ? attempt : 1;
    run.project = project(gitHubProjectInUrl(url));
    run.runNumber = n["number"].integer();
    run.workflow = n["workflowName"].text();
    if (run.workflow.isEmpty())
        run.workflow = n["name"].text(); // gh fills "name" with the workflow's name too
    run.name = n["displayTitle"].text();
    run.event = n["event"].text();
    run.status = value(n["status"], Field::Status);
    run.conclusion = value(n["conclusion"], Field::Conclusion);
    run.headSha = n["headSha"].text();
    run.headBranch = n["headBranch"].text();
    run.url = QString::fromUtf8(url.data(), qsizetype(url.size()));
    const auto created = time(n["createdAt"]);
    const auto started = time(n["startedAt"]);
    const auto updated = time(n["updatedAt"]);
    checkTimeOrder(n["startedAt"], "createdAt", created, "startedAt", started);
    checkTimeOrder(n["updatedAt"], "startedAt", started, "updatedAt", updated);
    finishRun(run, created, started, updated, contains(url, "/attempts/"));
    return run;
}

GitHubRecords::JobParent GitHubRecords::jobParent(const Node& job)
{
    JobParent parent;
    parent.runId = job["run_id"].requireId();
    const int attempt = attemptOf(job["run_attempt"]);
    parent.attempt = attempt > 0 ? attempt : 1;
    std::string_view ownerRepo = gitHubProjectInUrl(job["run_url"].view());
    if (ownerRepo.empty())
        ownerRepo = gitHubProjectInUrl(job["html_url"].view());
    if (ownerRepo.empty())
        ownerRepo = gitHubProjectInUrl(job["url"].view());
    parent.project = project(ownerRepo);
    return parent;
}

store::CiJob GitHubRecords::restJob(const Node& n, int runAttempt)
{
    store::CiJob job;
    job.externalId = n["id"].requireId();
    job.name = n["name"].requireText();
    job.stage = m_ctx.stages().jobStage(job.name);
    job.status = value(n["status"], Field::Status);
    job.conclusion = value(n["conclusion"], Field::Conclusion);
    job.runner = runner(n["runner_name"]);
    job.runnerLabels = runnerLabels(n["labels"]);
    job.attempt = runAttempt;
    const auto created = time(n["created_at"]);
    const auto started = time(n["started_at"]);
    const auto completed = time(n["completed_at"]);
    checkTimeOrder(n["started_at"], "created_at", created, "started_at", started);
    checkTimeOrder(n["completed_at"], "started_at", started, "completed_at", completed);
    finishJob(job, created, started, completed);
    return job;
}

store::CiJob GitHubRecords::ghJob(const Node& n, int runAttempt)
{
    store::CiJob job;
    job.externalId = n["databaseId"].requireId();
    job.name = n["name"].requireText();
    job.stage = m_ctx.stages().jobStage(job.name);
    job.status = value(n["status"], Field::Status);
    job.conclusion = value(n["conclusion"], Field::Conclusion);
    job.attempt = runAttempt;
    // gh has no creation time per job: the queue time stays unknown.
    const auto started = time(n["startedAt"]);
    const auto completed = time(n["completedAt"]);
    checkTimeOrder(n["completedAt"], "startedAt", started, "completedAt", completed);
    finishJob(job, std::nullopt, started, completed);
    return job;
}

store::CiStep GitHubRecords::step(const Node& n, const QString& jobStage)
{
    store::CiStep step;
    const std::int64_t number = n["number"].requireInteger();
    if (number < 0 || number > 1000000)
        n["number"].fail("a step number of 0 or more");
    step.number = int(number);
    step.name = n["name"].requireText();
    step.stage = m_ctx.stages().stepStage(step.name, jobStage);
    step.status = value(n["status"], Field::Status);
    step.conclusion = value(n["conclusion"], Field::Conclusion);
    // REST steps are snake_case; newer gh prints camelCase times (older gh none at all).
    const Node started = n["started_at"].exists() ? n["started_at"] : n["startedAt"];
    const Node completed = n["completed_at"].exists() ? n["completed_at"] : n["completedAt"];
    step.startedAt = time(started);
    step.finishedAt = time(completed);
    checkTimeOrder(completed, n["started_at"].exists() ? "started_at" : "startedAt", step.startedAt,
                   n["completed_at"].exists() ? "completed_at" : "completedAt", step.finishedAt);
    if (step.startedAt && step.finishedAt)
        step.durationMs = nonNegative(*step.finishedAt - *step.startedAt);
    return step;
}

store::CiRun GitHubRecords::attemptFromSibling(store::CiRun sibling, const Node& job, const JobParent& parent)
{
    store::CiRun run = std::move(sibling);
    run.attempt = parent.attempt;
    if (run.project.isEmpty())
        run.project = parent.project;
    if (QString workflow = job["workflow_name"].text(); !workflow.isEmpty())
        run.workflow = workflow;
    if (QString sha = job["head_sha"].text(); !sha.isEmpty())
        run.headSha = sha;
    if (QString branch = job["head_branch"].text(); !branch.isEmpty())
        run.headBranch = branch;
    // A URL naming the other attempt would be wrong here; the run's web URL is the same for all.
    if (run.url.contains(QLatin1String("/attempts/")))
        run.url.clear();
    return run;
}

} // namespace faultline::importers::ci
