// CircleCI API v2 exports (FORMATS.md §4): pipelines (`GET /project/{slug}/pipeline`), workflows
// (`GET /pipeline/{id}/workflow`), a workflow's jobs (`GET /workflow/{id}/job`) and job details
// (`GET /project/{slug}/job/{number}`), each as a `{"items": […], "next_page_token"}` page, a plain
// array (as DevLake stores them), one object, or JSON Lines of items.
//
// Decisions worth knowing:
//  - A run is a workflow (provider "circleci", project = project_slug, external id = workflow id,
//    run number = pipeline number, workflow = its name). A re-run ("rerun from failed") is a new
//    workflow id in the same pipeline, so runs are grouped by "<pipeline id>/<workflow name>" and,
//    after each file, numbered 1, 2, … by created_at (CiWriter::renumberAttemptGroup). Workflows
//    have no start time of their own: created_at is both their creation and start.
//  - A pipeline alone is not a run. What it adds to its workflows (commit = vcs.revision, branch,
//    event = trigger.type, PR number from a "pull/<n>" branch) is written onto the workflow runs of
//    that pipeline already in the workspace. So that this works whatever the order on the command
//    line, pipelines files are imported after the workflows files of the same command (ci_format:
//    they count as "jobs only" files). A pipeline whose workflows are not in the workspace gets a
//    "pending" warning (import its workflows in the same command); one that errored before any
//    workflow ran (config errors) gets a "skipped" warning with its errors. No table keeps
//    pipelines on their own.
//  - A job item of `GET /workflow/{id}/job` does not name its workflow (nor does anything in the
//    DevLake capture link them, except times that overlap for concurrent workflows): it needs
//    --run WORKFLOW_ID, and that workflow must be imported (jobs files too come after workflows
//    files). A job details record names its workflow (`latest_workflow.id`) and needs nothing.
//  - A job's external id is its job number (shared by the jobs list and job details), else its id
//    (approval jobs have no number). Approval jobs are kept, with stage "other" and stage_raw
//    "approval" (the status stays CircleCI's own value, e.g. on_hold): their time is a person's wait.
//  - Queue time of a job = started_at − queued_at (job details) or − created_at (when the list has it).
//    A duration is stopped_at − created_at (workflows) or the job's `duration`, else stopped_at −
//    started_at; a stop before the start gives no duration and an "inconsistent" warning.
//  - Status values outside the enums of FORMATS.md §4 / the API are kept as given with an
//    "unknown-value" warning, and count as outcomes (conclusion = status); only running, failing,
//    on_hold (workflows) and running, queued, not_running, on_hold, blocked (jobs) are in progress.
#include "ci/ci_importers.h"
#include "ci/ci_values.h"
#include "common/import_error.h"
#include "common/json_documents.h"
#include "common/time_order.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <initializer_list>
#include <utility>

namespace faultline::importers::ci {

namespace {

using json::Node;
using store::CiJob;
using store::CiRun;

QString provider()
{
    return QStringLiteral("circleci");
}

const QSet<QString>& pipelineStates()
{
    static const QSet<QString> known { QStringLiteral("created"), QStringLiteral("errored"),
                                       QStringLiteral("setup-pending"), QStringLiteral("setup"),
                                       QStringLiteral("pending") };
    return known;
}

const QSet<QString>& workflowStatuses()
{
    static const QSet<QString> known { QStringLiteral("success"),     QStringLiteral("running"),
                                       QStringLiteral("not_run"),     QStringLiteral("failed"),
                                       QStringLiteral("error"),       QStringLiteral("failing"),
                                       QStringLiteral("on_hold"),     QStringLiteral("canceled"),
                                       QStringLiteral("unauthorized") };
    return known;
}

bool isWorkflowInProgress(const QString& status)
{
    return status == QLatin1String("running") || status == QLatin1String("failing")
        || status == QLatin1String("on_hold");
}

const QSet<QString>& jobStatuses()
{
    static const QSet<QString> known { QStringLiteral("success"),
                                       QStringLiteral("running"),
                                       QStringLiteral("not_run"),
                                       QStringLiteral("failed"),
                                       QStringLiteral("retried"),
                                       QStringLiteral("queued"),
                                       QStringLiteral("not_running"),
                                       QStringLiteral("infrastructure_fail"),
                                       QStringLiteral("timedout"),
                                       QStringLiteral("on_hold"),
                                       QStringLiteral("terminated-unknown"),
                                       QStringLiteral("blocked"),
                                       QStringLiteral("canceled"),
                                       QStringLiteral("unauthorized") };
    return known;
}

bool isJobInProgress(const QString& status)
{
    static const QSet<QString> running { QStringLiteral("running"), QStringLiteral("queued"),
                                         QStringLiteral("not_running"), QStringLiteral("on_hold"),
                                         QStringLiteral("blocked") };
    return running.contains(status);
}

// GitHub pull requests from forks build on "pull/<n>".
std::optional<std::int64_t> pullRequestOf(const QString& branch)
{
    if (!branch.startsWith(QLatin1String("pull/")))
        return std::nullopt;
    bool ok = false;
    const std::int64_t number = branch.mid(5).toLongLong(&ok);
    return ok ? std::optional(number) : std::nullopt;
}

enum class Kind
{
    Pipeline,
    Workflow,
    Job,
    JobDetails,
    Unknown
};

Kind kindOf(const Node& r)
{
    if (!r.isObject())
        return Kind::Unknown;
    if (r["pipeline_id"].exists())
        return Kind::Workflow;
    if (r["latest_workflow"].exists())
        return Kind::JobDetails;
    if (r["job_number"].exists() || r["approval_request_id"].exists()
        || (r["dependencies"].exists() && r["type"].exists()))
        return Kind::Job;
    if (r["trigger"].exists() || r["vcs"].exists() || (r["number"].exists() && r["state"].exists()))
        return Kind::Pipeline;
    return Kind::Unknown;
}

class CircleCiJsonImport
{
public:
    CircleCiJsonImport(const CiFile& file, CiContext& ctx)
        : m_file(file)
        , m_ctx(ctx)
        , m_reader(file.path)
    { }

    void importFile()
    {
        while (auto root = m_reader.next()) {
            importRoot(*root);
            m_ctx.progress(m_reader.bytesRead());
        }
        for (const auto& [project, group] : std::as_const(m_groups))
            m_ctx.writer().renumberAttemptGroup(provider(), project, group);
        for (const QString& key : std::as_const(m_pendingOrder)) {
            if (m_pendingTaken.contains(key))
                continue;
            const auto it = m_pending.constFind(key);
            m_ctx.warn(
                QStringLiteral("pending"), m_file.path, it->line, it->location,
                QStringLiteral(
                    "pipeline %1 (%2): none of its workflows is in the workspace, so its commit, branch and "
                    "trigger were not recorded; import its workflows (GET /pipeline/{id}/workflow) in the "
                    "same command as this file")
                    .arg(it->number, it->id));
        }
    }

private:
    // What a pipeline tells about its workflows.
    struct PipelineFacts
    {
        QString id;
        QString number;
        std::optional<std::int64_t> runNumber;
        QString headSha;
        QString headBranch;
        QString event;
        std::optional<std::int64_t> prNumber;
        qint64 line = 0;
        QString location;
    };

    struct KnownRun
    {
        std::int64_t id = 0;
        QString project;
    };

    void importRoot(const Node& root)
    {
        Node records = root;
        if (root.isObject() && root["items"].exists())
            records = root["items"];
        else if (!root.isArray())
            return importRecord(root);
        if (records.arraySize() == 0) {
            m_ctx.warn(QStringLiteral("empty"), records,
                       QStringLiteral("no CircleCI pipelines, workflows or jobs to import"));
            return;
        }
        records.forEach([this](const Node& record) { importRecord(record); });
    }

    void importRecord(const Node& r)
    {
        switch (kindOf(r)) {
        case Kind::Pipeline:
            readPipeline(r);
            break;
        case Kind::Workflow:
            writeWorkflow(r);
            break;
        case Kind::Job:
            writeJob(r, runOfListedJob(r));
            break;
        case Kind::JobDetails:
            writeJob(r, runOfJobDetails(r));
            break;
        case Kind::Unknown:
            r.fail("a CircleCI pipeline (id, number, state, trigger, vcs), workflow (id, name, pipeline_id, "
                   "pipeline_number, status) or job (id, job_number, name, type, status)");
        }
        if (++m_records % 1000 == 0)
            m_ctx.progress(m_reader.bytesRead());
    }

    QString projectOf(const Node& slug) const
    {
        const QString project = slug.text();
        return project.isEmpty() ? m_ctx.options().project : project;
    }

    // --- pipelines ---

    void readPipeline(const Node& p)
    {
        const QString id = p["id"].requireId();
        const QString project = projectOf(p["project_slug"]);
        PipelineFacts facts;
        facts.id = id;
        facts.runNumber = p["number"].integer();
        facts.number = facts.runNumber ? QString::number(*facts.runNumber) : id;
        checkedStatus(p["state"], pipelineStates(), "pipeline state");
        const Node vcs = p["vcs"];
        facts.headSha = vcs["revision"].text();
        if (facts.headSha.isEmpty())
            facts.headSha = p["trigger_parameters"]["git"]["checkout_sha"].text();
        facts.headBranch = vcs["branch"].text();
        facts.prNumber = pullRequestOf(facts.headBranch);
        facts.event = p["trigger"]["type"].text();
        facts.line = p.line();
        facts.location = p.path();
        QStringList errors;
        p["errors"].forEach([&errors](const Node& error) {
            if (!error.isObject())
                error.fail("an error object (type, message)");
            errors << QStringLiteral("%1: %2").arg(error["type"].text(), error["message"].text());
        });

        CiRun run;
        run.runNumber = facts.runNumber;
        run.event = facts.event;
        run.headSha = facts.headSha;
        run.headBranch = facts.headBranch;
        run.prNumber = facts.prNumber;
        if (m_ctx.writer().applyToAttemptGroups(provider(), project, id, run) > 0)
            return;
        if (!errors.isEmpty()) {
            m_ctx.warn(
                QStringLiteral("skipped"), m_file.path, facts.line, facts.location,
                QStringLiteral(
                    "pipeline %1 (%2) errored before any workflow ran (%3); a pipeline is not a run, so "
                    "nothing is imported for it")
                    .arg(facts.number, id, errors.join(QStringLiteral("; "))));
            return;
        }
        // A workflow later in this file may still take the facts.
        const QString key = pipelineKey(project, id);
        if (!m_pending.contains(key))
            m_pendingOrder << key;
        m_pending.insert(key, facts);
    }

    // --- workflows ---

    void writeWorkflow(const Node& w)
    {
        CiRun run;
        run.provider = provider();
        run.project = projectOf(w["project_slug"]);
        run.externalId = w["id"].requireId();
        run.runNumber = w["pipeline_number"].integer();
        run.workflow = w["name"].requireText();
        run.name = run.workflow;
        const QString pipelineId = w["pipeline_id"].requireId();
        run.attemptGroup = pipelineId + QLatin1Char('/') + run.workflow;
        run.status = checkedStatus(w["status"], workflowStatuses(), "workflow status");
        if (!run.status.isEmpty() && !isWorkflowInProgress(run.status))
            run.conclusion = run.status;
        run.createdAt = w["created_at"].timestamp(m_ctx.time());
        run.startedAt = run.createdAt;
        const auto stoppedAt = w["stopped_at"].timestamp(m_ctx.time());
        checkTimeOrder(w["stopped_at"], "created_at", run.createdAt, "stopped_at", stoppedAt);
        if (!run.conclusion.isEmpty()) {
            run.finishedAt = stoppedAt;
            run.durationMs = checkedDuration(w["stopped_at"], run.startedAt, run.finishedAt);
        }
        run.updatedAt = latest({ stoppedAt, run.createdAt });
        if (auto it = m_pending.constFind(pipelineKey(run.project, pipelineId)); it != m_pending.constEnd()) {
            run.headSha = it->headSha;
            run.headBranch = it->headBranch;
            run.event = it->event;
            run.prNumber = it->prNumber;
            if (!run.runNumber)
                run.runNumber = it->runNumber;
            m_pendingTaken.insert(pipelineKey(run.project, pipelineId));
        }
        // A re-import keeps the attempt number the group gave it.
        for (const auto& stored : m_ctx.writer().runsWithExternalId(provider(), run.externalId)) {
            if (stored.project == run.project)
                run.attempt = stored.attempt;
        }
        const std::int64_t runId = m_ctx.writer().upsertRun(run);
        m_workflows.insert(run.externalId, { runId, run.project });
        m_groups.insert({ run.project, run.attemptGroup });
    }

    // --- jobs ---

    KnownRun runOfListedJob(const Node& j)
    {
        const QString workflowId = m_ctx.options().runId;
        if (workflowId.isEmpty()) {
            throw ImportError(j.describe(
                QStringLiteral("a CircleCI job without its workflow: the jobs list of GET /workflow/{id}/job "
                               "does not name its "
                               "workflow, so pass --run WORKFLOW_ID (and import that workflow too)")));
        }
        return workflowRun(j, workflowId, projectOf(j["project_slug"]), QStringLiteral("--run"));
    }

    KnownRun runOfJobDetails(const Node& j)
    {
        const Node latestWorkflow = j["latest_workflow"];
        const QString workflowId = latestWorkflow["id"].requireId();
        const QString runOption = m_ctx.options().runId;
        if (!runOption.isEmpty() && runOption != workflowId)
            latestWorkflow["id"].fail(
                QStringLiteral("workflow %1 (the workflow --run names)").arg(runOption));
        return workflowRun(j, workflowId, projectOf(j["project"]["slug"]),
                           QStringLiteral("latest_workflow.id"));
    }

    KnownRun workflowRun(const Node& j, const QString& workflowId, const QString& project,
                         const QString& namedBy)
    {
        if (auto it = m_workflows.constFind(workflowId); it != m_workflows.constEnd())
            return *it;
        std::optional<KnownRun> found;
        for (const auto& stored : m_ctx.writer().runsWithExternalId(provider(), workflowId)) {
            if (!found || stored.project == project)
                found = KnownRun { stored.id, stored.project };
        }
        if (!found) {
            throw ImportError(j.describe(
                QStringLiteral(
                    "%1 %2: no CircleCI workflow with this id is in the workspace; import the workflow "
                    "(GET /pipeline/{id}/workflow) in the same command or before")
                    .arg(namedBy, workflowId)));
        }
        m_workflows.insert(workflowId, *found);
        return *found;
    }

    void writeJob(const Node& j, const KnownRun& run)
    {
        const auto& time = m_ctx.time();
        CiJob job;
        job.externalId = j["job_number"].exists() ? j["job_number"].id() : j["number"].id();
        if (job.externalId.isEmpty())
            job.externalId = j["id"].requireId();
        job.name = j["name"].requireText();
        const QString type = j["type"].text();
        if (type == QLatin1String("approval")) {
            job.stageRaw = type;
            job.stage = QStringLiteral("other");
        } else {
            if (!type.isEmpty() && type != QLatin1String("build")) {
                m_ctx.warn(QStringLiteral("unknown-value"), j["type"],
                           QStringLiteral("unknown CircleCI job type \"%1\", kept as a build job").arg(type));
            }
            job.stage = m_ctx.stages().jobStage(job.name);
        }
        job.status = checkedStatus(j["status"], jobStatuses(), "job status");
        if (!job.status.isEmpty() && !isJobInProgress(job.status))
            job.conclusion = job.status;
        const auto createdAt = j["created_at"].timestamp(time);
        const auto queuedAt = j["queued_at"].timestamp(time);
        job.createdAt = queuedAt ? queuedAt : createdAt;
        job.startedAt = j["started_at"].timestamp(time);
        const auto stoppedAt = j["stopped_at"].timestamp(time);
        // A queue time below zero is dropped (a small skew between CircleCI's stamps); more than the
        // clock-skew tolerance backwards is a broken export.
        checkTimeOrder(j["started_at"], queuedAt ? "queued_at" : "created_at", job.createdAt, "started_at",
                       job.startedAt);
        checkTimeOrder(j["stopped_at"], "started_at", job.startedAt, "stopped_at", stoppedAt);
        job.queuedMs = between(job.createdAt, job.startedAt);
        if (job.queuedMs && *job.queuedMs < 0)
            job.queuedMs.reset();
        if (!job.conclusion.isEmpty())
            job.finishedAt = stoppedAt;
        job.durationMs = checkedJobDuration(j["duration"]);
        if (!j.has("duration"))
            job.durationMs = checkedDuration(j["stopped_at"], job.startedAt, job.finishedAt);
        job.updatedAt = latest({ stoppedAt, job.startedAt, createdAt, queuedAt });
        const Node executor = j["executor"];
        if (executor.isObject()) {
            QJsonArray labels;
            for (const QString& label : { executor["type"].text(), executor["resource_class"].text() }) {
                if (!label.isEmpty())
                    labels.append(label);
            }
            if (!labels.isEmpty())
                job.runnerLabels = QString::fromUtf8(QJsonDocument(labels).toJson(QJsonDocument::Compact));
        }
        m_ctx.writer().upsertJob(run.id, job);
    }

    // --- common ---

    // The job's own `duration` (ms): a negative one gives no duration and a warning within the
    // clock-skew tolerance, and is refused beyond it.
    std::optional<std::int64_t> checkedJobDuration(const Node& node)
    {
        const auto ms = node.integer();
        return checkDuration(node, QStringLiteral("duration"), ms, QString::number(ms.value_or(0)),
                             [&](const QString& problem) {
                                 m_ctx.warn(QStringLiteral("inconsistent"), node,
                                            problem + QStringLiteral("; no duration recorded"));
                             });
    }

    // stop − start; a stop before the start (seen in the DevLake capture) gives no duration and a
    // warning. More than the clock-skew tolerance before it was refused where the times were read.
    std::optional<std::int64_t> checkedDuration(const Node& stop,
                                                const std::optional<std::int64_t>& startedAt,
                                                const std::optional<std::int64_t>& stoppedAt)
    {
        const auto duration = between(startedAt, stoppedAt);
        if (duration && *duration < 0) {
            m_ctx.warn(
                QStringLiteral("inconsistent"), stop,
                QStringLiteral("stopped %1 ms before it started; no duration recorded").arg(-*duration));
            return std::nullopt;
        }
        return duration;
    }

    QString checkedStatus(const Node& node, const QSet<QString>& known, const char* what)
    {
        QString value = node.text();
        if (!value.isEmpty() && !known.contains(value)) {
            m_ctx.warn(
                QStringLiteral("unknown-value"), node,
                QStringLiteral("unknown CircleCI %1 \"%2\", kept as given").arg(QLatin1String(what), value));
        }
        return value;
    }

    static QString pipelineKey(const QString& project, const QString& id)
    {
        return project + QLatin1Char('\x1f') + id;
    }

    const CiFile& m_file;
    CiContext& m_ctx;
    json::JsonDocumentReader m_reader;
    QHash<QString, KnownRun> m_workflows; // workflow id → run row, within this file
    QSet<std::pair<QString, QString>> m_groups; // (project, attempt group) of the workflows written
    QHash<QString, PipelineFacts> m_pending; // pipelines whose workflows were not stored yet
    QStringList m_pendingOrder; // … in file order, for the warnings
    QSet<QString> m_pendingTaken; // … and which of them a later workflow of this file took
    std::int64_t m_records = 0;
};

} // namespace

void importCircleCiJson(const CiFile& file, CiContext& ctx)
{
    CircleCiJsonImport(file, ctx).importFile();
}

} // namespace faultline::importers::ci
