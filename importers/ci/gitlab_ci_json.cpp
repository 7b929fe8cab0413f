// GitLab CI JSON exports (FORMATS.md §2a–2c): pipeline lists and details, jobs lists (also with
// include_retried=true), a single job, `glab ci get -d` output (a pipeline with its jobs), and the
// pipeline webhook payload. Each document may be one of those, an array of pipelines or jobs, or a
// JSON Lines / concatenated stream of them (`glab api --paginate`).
//
// Decisions worth knowing:
//  - A job always carries its pipeline (`pipeline{}`), which becomes or updates its run: a GitLab
//    jobs list never lacks its runs. A job record without `pipeline` is an error.
//  - Jobs and webhook payloads have no `updated_at`; the latest of their own timestamps stands in for
//    it, so that an older export never overwrites a newer state. A job's embedded pipeline without
//    `updated_at` (the single-job API) only creates its run when the run is not known yet.
//  - The project is the pipeline's `project_id` (or the job's `project.id`, the webhook's
//    `project.id`), else --project, else the project of a run already stored under that pipeline id.
//  - Retries: after the file, every run that received jobs is renumbered (attempts by job id within
//    one job name; all but the highest id marked retried).
//  - An empty array imports nothing and adds a warning: an export of a quiet period is not an error.
#include "ci/ci_importers.h"
#include "ci/ci_values.h"
#include "common/import_error.h"
#include "common/json_documents.h"
#include "common/time_order.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <initializer_list>
#include <utility>

namespace faultline::importers::ci {

namespace {

using json::Node;
using store::CiJob;
using store::CiRun;

const QString& provider()
{
    static const QString name = QStringLiteral("gitlab");
    return name;
}

// Statuses of FORMATS.md §2a/2b. The final ones are also the outcome (conclusion).
bool isFinalStatus(const QString& status)
{
    static const QSet<QString> final { QStringLiteral("success"), QStringLiteral("failed"),
                                       QStringLiteral("canceled"), QStringLiteral("skipped"),
                                       QStringLiteral("manual") };
    return final.contains(status);
}

bool isKnownStatus(const QString& status)
{
    static const QSet<QString> known { QStringLiteral("created"),   QStringLiteral("waiting_for_resource"),
                                       QStringLiteral("preparing"), QStringLiteral("pending"),
                                       QStringLiteral("running"),   QStringLiteral("canceling"),
                                       QStringLiteral("scheduled") };
    return isFinalStatus(status) || known.contains(status);
}

// GitLab gives durations in seconds, as integers (pipelines) or floats (jobs). A negative one is
// refused beyond the clock-skew tolerance, and within it gives no duration and a warning.
std::optional<std::int64_t> secondsToMs(const Node& node, const char* field, CiContext& ctx)
{
    const auto seconds = node.number();
    if (!seconds)
        return std::nullopt;
    return checkDuration(node, QString::fromLatin1(field), std::llround(*seconds * 1000.0),
                         QString::number(*seconds), [&](const QString& problem) {
                             ctx.warn(QStringLiteral("inconsistent"), node,
                                      problem + QStringLiteral("; no duration recorded"));
                         });
}

// The times GitLab stamps on one pipeline or job run created → started → finished: refused when
// one lies more than the clock-skew tolerance before the one it follows (a smaller skew is kept).
void checkTimes(const Node& record, std::optional<std::int64_t> created, std::optional<std::int64_t> started,
                std::optional<std::int64_t> finished)
{
    checkTimeOrder(record["started_at"], "created_at", created, "started_at", started);
    checkTimeOrder(record["finished_at"], "started_at", started, "finished_at", finished);
}

// Merge request pipelines run on refs/merge-requests/<iid>/head (merged results: …/merge, merge
// trains: …/train).
std::optional<std::int64_t> mergeRequestOf(const QString& ref)
{
    static const QRegularExpression re(QStringLiteral(R"(^refs/merge-requests/(\d+)/(?:head|merge|train)$)"));
    const auto m = re.match(ref);
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1).toLongLong();
}

bool isJobRecord(const Node& r)
{
    return r.has("stage") || r["pipeline"].isObject();
}

bool isPipelineRecord(const Node& r)
{
    return r.has("id") && (r.has("sha") || r.has("ref") || r.has("project_id") || r.has("iid"));
}

class GitLabJsonImport
{
public:
    GitLabJsonImport(const CiFile& file, CiContext& ctx)
        : m_ctx(ctx)
        , m_reader(file.path)
    { }

    void importFile()
    {
        while (auto root = m_reader.next())
            importRoot(*root);
        for (const std::int64_t runId : std::as_const(m_runsWithJobs))
            m_ctx.writer().renumberRetriedJobs(runId);
    }

private:
    void importRoot(const Node& root)
    {
        if (root.isArray()) {
            if (root.arraySize() == 0) {
                m_ctx.warn(QStringLiteral("empty"), root,
                           QStringLiteral("an empty array: no pipelines or jobs to import"));
                return;
            }
            root.forEach([this](const Node& record) { importRecord(record); });
        } else if (root.isObject() && (root.has("object_kind") || root.has("object_attributes"))) {
            importWebhook(root);
        } else {
            importRecord(root);
        }
    }

    void importRecord(const Node& record)
    {
        if (!record.isObject())
            record.fail("a GitLab pipeline or job object");
        if (isJobRecord(record)) {
            writeJob(record, runOfJob(record));
        } else if (isPipelineRecord(record)) {
            const std::int64_t runId = writePipeline(record);
            // `glab ci get -d -F json`: the pipeline with its jobs.
            record["jobs"].forEach([this, runId](const Node& job) {
                if (!job.isObject())
                    job.fail("a GitLab job object");
                writeJob(job, job["pipeline"].isObject() ? runOfJob(job) : runId);
            });
        } else {
            record.fail("a GitLab pipeline (id, iid, project_id, sha, ref, status) or job (id, name, stage, "
                        "pipeline)");
        }
        if (++m_records % 1000 == 0)
            m_ctx.progress(m_reader.bytesRead());
    }

    // A pipeline list item or detail.
    std::int64_t writePipeline(const Node& p)
    {
        const QString id = p["id"].requireId();
        CiRun run = runFrom(p, id, projectFor(p["project_id"].id(), id));
        const std::int64_t runId = m_ctx.writer().upsertRun(run);
        m_runs.insert(id, { runId, run.updatedAt });
        return runId;
    }

    // The run of a job, from its embedded pipeline (written once per pipeline and state per file).
    std::int64_t runOfJob(const Node& job)
    {
        const Node p = job["pipeline"];
        if (!p.isObject())
            p.fail("an object (the job's pipeline)");
        const QString id = p["id"].requireId();
        const auto updatedAt = p["updated_at"].timestamp(m_ctx.time());
        if (auto it = m_runs.constFind(id); it != m_runs.constEnd()) {
            if (!updatedAt || (it->updatedAt && *updatedAt <= *it->updatedAt))
                return it->rowId;
        }
        QString named = p["project_id"].id();
        if (named.isEmpty() && job["project"].isObject())
            named = job["project"]["id"].id();
        const QString project = projectFor(named, id);
        if (!updatedAt) {
            // A snapshot of unknown age (the single-job API): never let it overwrite a stored state.
            if (auto known = m_ctx.writer().findRun(provider(), project, id, 1)) {
                m_runs.insert(id, { *known, std::nullopt });
                return *known;
            }
        }
        const CiRun run = runFrom(p, id, project);
        const std::int64_t runId = m_ctx.writer().upsertRun(run);
        m_runs.insert(id, { runId, updatedAt });
        return runId;
    }

    void importWebhook(const Node& root)
    {
        const Node kind = root["object_kind"];
        if (root.has("object_kind") && kind.text() != QLatin1String("pipeline"))
            kind.fail("\"pipeline\" (this version reads GitLab pipeline webhook payloads)");
        const Node a = root["object_attributes"];
        if (!a.isObject())
            a.fail("an object (the pipeline)");
        const QString id = a["id"].requireId();
        const Node project = root["project"];
        CiRun run = runFrom(a, id, projectFor(project.isObject() ? project["id"].id() : QString(), id));
        // A webhook carries no updated_at: the pipeline's latest time orders its events.
        run.updatedAt = latest({ run.createdAt, run.startedAt, run.finishedAt });
        if (run.url.isEmpty())
            run.url = a["url"].text();
        if (run.url.isEmpty() && project.isObject() && project.has("web_url"))
            run.url = project["web_url"].text() + QStringLiteral("/-/pipelines/") + id;
        const Node mergeRequest = root["merge_request"];
        if (!run.prNumber && mergeRequest.isObject())
            run.prNumber = mergeRequest["iid"].integer();
        const std::int64_t runId = m_ctx.writer().upsertRun(run);
        m_runs.insert(id, { runId, run.updatedAt });
        root["builds"].forEach([this, runId](const Node& build) {
            if (!build.isObject())
                build.fail("a GitLab job object");
            writeJob(build, runId);
        });
    }

    CiRun runFrom(const Node& p, const QString& id, const QString& project)
    {
        const auto& time = m_ctx.time();
        CiRun run;
        run.provider = provider();
        run.project = project;
        run.externalId = id;
        run.attempt = 1;
        run.runNumber = p["iid"].integer();
        run.name = p["name"].text();
        run.event = p["source"].text();
        run.status = status(p["status"]);
        if (isFinalStatus(run.status))
            run.conclusion = run.status;
        run.headSha = p["sha"].text();
        run.headBranch = p["ref"].text();
        run.prNumber = mergeRequestOf(run.headBranch);
        run.createdAt = p["created_at"].timestamp(time);
        run.startedAt = p["started_at"].timestamp(time);
        run.finishedAt = p["finished_at"].timestamp(time);
        checkTimes(p, run.createdAt, run.startedAt, run.finishedAt);
        run.durationMs = secondsToMs(p["duration"], "duration", m_ctx);
        run.queuedMs = secondsToMs(p["queued_duration"], "queued_duration", m_ctx);
        run.updatedAt = p["updated_at"].timestamp(time);
        run.url = p["web_url"].text();
        return run;
    }

    void writeJob(const Node& j, std::int64_t runId)
    {
        const auto& time = m_ctx.time();
        CiJob job;
        job.externalId = j["id"].requireId();
        job.name = j["name"].requireText();
        job.stageRaw = j["stage"].text();
        job.stage = m_ctx.stages().jobStage(job.name, job.stageRaw);
        job.status = status(j["status"]);
        if (isFinalStatus(job.status))
            job.conclusion = job.status;
        job.createdAt = j["created_at"].timestamp(time);
        job.startedAt = j["started_at"].timestamp(time);
        job.finishedAt = j["finished_at"].timestamp(time);
        checkTimes(j, job.createdAt, job.startedAt, job.finishedAt);
        job.durationMs = secondsToMs(j["duration"], "duration", m_ctx);
        job.queuedMs = secondsToMs(j["queued_duration"], "queued_duration", m_ctx);
        job.updatedAt
            = latest({ job.createdAt, job.startedAt, job.finishedAt, j["erased_at"].timestamp(time) });
        const Node runner = j["runner"];
        if (runner.exists() && !runner.isNull() && !runner.isObject())
            runner.fail("an object (the runner)");
        job.runner = runner["description"].text();
        // REST jobs list the job's tags; webhook builds list the runner's.
        job.runnerLabels = labels(j.has("tag_list") ? j["tag_list"] : runner["tags"]);
        job.allowFailure = j["allow_failure"].boolean().value_or(false);
        job.failureReason = j["failure_reason"].text();
        m_ctx.writer().upsertJob(runId, job);
        m_runsWithJobs.insert(runId);
    }

    // Tags as JSON array text; empty when there are none.
    static QString labels(const Node& tags)
    {
        if (tags.arraySize() == 0)
            return {};
        tags.forEach([](const Node& tag) { tag.view(); }); // every tag a string, or a clear error
        return QString::fromStdString(simdjson::minify(tags.element()));
    }

    QString status(const Node& node)
    {
        QString value = node.text();
        if (!value.isEmpty() && !isKnownStatus(value))
            m_ctx.warn(QStringLiteral("unknown-value"), node,
                       QStringLiteral("unknown GitLab status \"%1\", kept as given").arg(value));
        return value;
    }

    QString projectFor(QString named, const QString& pipelineId)
    {
        if (named.isEmpty())
            named = m_ctx.options().project;
        if (!named.isEmpty()) {
            m_ctx.writer().adoptRunProject(provider(), pipelineId, 1, named);
            return named;
        }
        return m_ctx.writer().projectOfRun(provider(), pipelineId, 1).value_or(QString());
    }

    struct KnownRun
    {
        std::int64_t rowId = 0;
        std::optional<std::int64_t> updatedAt;
    };

    CiContext& m_ctx;
    json::JsonDocumentReader m_reader;
    QHash<QString, KnownRun> m_runs; // pipeline id → its row, within this file
    QSet<std::int64_t> m_runsWithJobs;
    std::int64_t m_records = 0;
};

} // namespace

void importGitLabJson(const CiFile& file, CiContext& ctx)
{
    GitLabJsonImport(file, ctx).importFile();
}

} // namespace faultline::importers::ci
