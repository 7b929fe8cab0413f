// Jenkins JSON exports (FORMATS.md §3): the Pipeline REST API ("wfapi": `wfapi/runs`, a run's
// `wfapi/describe` with its stages, a stage's describe with `stageFlowNodes`, or an array of bare
// stages), the classic API (`api/json?tree=allBuilds[…]` or `builds[…]`, one build, an array of
// builds), and Blue Ocean run nodes (`…/runs/<N>/nodes/`). Any of them may also come as JSON Lines.
//
// Decisions worth knowing:
//  - A run is (provider "jenkins", project = the job path with folders joined by '/', external id =
//    the build number, attempt 1). The job path comes from the record's own link or URL
//    (`/job/a/job/b%20c/16/…` → "a/b c"), else from a classic `fullDisplayName`
//    ("a » b » c #16"), else --project. The number comes from the link, else a numeric `id`, else a
//    `name` like "#16" (old Jenkins gives wfapi ids like "2014-10-16_13-07-52").
//  - wfapi stages are the run's jobs. A stage's duration is kept as Jenkins gives it: it includes
//    `pauseDurationMillis` (input waits), which is not subtracted. An in-progress stage or run
//    (IN_PROGRESS, PAUSED_PENDING_INPUT) gets no finish time, even when Jenkins reports an end time.
//    A stage's `error` (message, else its exception type when the message is null, as for aborts)
//    is its error line and 'ci' fingerprint, with the run's project as service.
//  - Bare stages (an array of wfapi stages, or one stage's describe) do not carry their run's
//    status and times. They are accepted when --run names a build already imported (with
//    --project, or the job path of the stage links), or, without --run, when each stage's link
//    names a build already imported (earlier in this command or before). Otherwise the import
//    fails and says to import the run's wfapi/describe, which holds its stages.
//  - Classic builds: `timestamp` is the start, `duration` the run time (0 while building). A build
//    that is `building` has status IN_PROGRESS (the wfapi word; the classic API has only the flag)
//    and no conclusion; a finished one has its `result` as both. Queue time comes from the Metrics
//    plugin's `queuingDurationMillis` action when present. The first `lastBuiltRevision` gives the
//    commit and branch ("refs/remotes/origin/main" → "main"); the first cause gives the event
//    (UserIdCause → manual, TimerTriggerCause → schedule, SCM/push causes → push, …, else the
//    cause's class name).
//  - Blue Ocean nodes: each node is a job of the run named by its `_links.self.href`
//    (`…/pipelines/<name>[/branches/<branch>]/runs/<N>/nodes/<id>/`), else by --run/--project. The
//    status is the node's `state` (FINISHED, RUNNING, …), the conclusion its `result` unless UNKNOWN.
//    A parallel branch (type PARALLEL, or without `type` one of several edges of one node) keeps the
//    enclosing stage's name as its CI stage (stage_raw); its canonical stage comes from its own name,
//    else from the enclosing stage's. The enclosing stage node is kept as a job too (so branch and
//    stage times overlap: a consumer summing stage time counts jobs with an empty stage_raw).
//  - Status values outside the enums of FORMATS.md §3 are kept as given, with an "unknown-value"
//    warning; they count as outcomes (conclusion = status), since only IN_PROGRESS and
//    PAUSED_PENDING_INPUT (wfapi) mean "still running".
//  - Nothing tells when a wfapi or classic snapshot was taken, so the run's latest own time (its
//    end, else start + duration) stands in for its update time: a finished state is never replaced
//    by an older in-progress one.
#include "ci/ci_importers.h"
#include "ci/ci_values.h"
#include "common/import_error.h"
#include "common/json_documents.h"
#include "common/time_order.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <initializer_list>

namespace faultline::importers::ci {

namespace {

using json::Node;
using store::CiJob;
using store::CiRun;
using store::CiStep;

QString provider()
{
    return QStringLiteral("jenkins");
}

bool isDigits(const QString& text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (!c.isDigit())
            return false;
    }
    return true;
}

QString decoded(const QString& segment)
{
    return QUrl::fromPercentEncoding(segment.toUtf8());
}

// The path segments of a link or URL, without scheme, host, query and fragment.
QStringList pathSegments(QString href)
{
    if (const qsizetype cut = href.indexOf(QRegularExpression(QStringLiteral("[?#]"))); cut >= 0)
        href.truncate(cut);
    if (const qsizetype scheme = href.indexOf(QStringLiteral("://")); scheme >= 0) {
        const qsizetype path = href.indexOf(QLatin1Char('/'), scheme + 3);
        href = path >= 0 ? href.mid(path) : QString();
    }
    return href.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

// The run a link or URL points to.
struct RunAddress
{
    QString project;
    QString number;
};

// `/jenkins/job/a/job/b%20c/16/wfapi/describe`, `http://host/job/a/16/`,
// `/job/a/16/execution/node/5/wfapi/describe`: job names after each "job", the number after the last.
RunAddress classicAddress(const QString& href)
{
    const QStringList parts = pathSegments(href);
    QStringList jobs;
    qsizetype afterLastJob = -1;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        if (parts[i] == QLatin1String("job")) {
            jobs << decoded(parts[i + 1]);
            afterLastJob = ++i + 1;
        }
    }
    RunAddress address;
    address.project = jobs.join(QLatin1Char('/'));
    if (afterLastJob >= 0 && afterLastJob < parts.size() && isDigits(parts[afterLastJob]))
        address.number = parts[afterLastJob];
    return address;
}

// `/blue/rest/organizations/jenkins/pipelines/<folder>/pipelines/<name>/branches/<branch>/runs/<N>/nodes/<id>/`.
// Branch names are encoded twice in Blue Ocean links (feature%252Fx).
RunAddress blueOceanAddress(const QString& href)
{
    const QStringList parts = pathSegments(href);
    QStringList names;
    RunAddress address;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        if (parts[i] == QLatin1String("pipelines")) {
            names << decoded(parts[++i]);
        } else if (parts[i] == QLatin1String("branches")) {
            names << decoded(decoded(parts[++i]));
        } else if (parts[i] == QLatin1String("runs")) {
            address.number = decoded(parts[i + 1]);
            break;
        }
    }
    if (!address.number.isEmpty())
        address.project = names.join(QLatin1Char('/'));
    return address;
}

// "a » b » c #16" → "a/b/c": the job's full display name is the build's minus its display name.
QString projectFromFullDisplayName(const QString& full, const QString& displayName, const QString& number)
{
    QString job;
    if (!displayName.isEmpty() && full.endsWith(QLatin1Char(' ') + displayName))
        job = full.chopped(displayName.size() + 1);
    else if (!number.isEmpty() && full.endsWith(QStringLiteral(" #") + number))
        job = full.chopped(number.size() + 2);
    if (job.isEmpty())
        return {};
    return job.split(QStringLiteral(" » ")).join(QLatin1Char('/'));
}

QString selfHref(const Node& record)
{
    const Node links = record["_links"];
    if (!links.isObject() || !links["self"].isObject() || !links["self"]["href"].isString())
        return {};
    return links["self"]["href"].text();
}

// Multibranch pull-request jobs are named PR-<n>.
std::optional<std::int64_t> pullRequestOf(const QString& project)
{
    const QString last = project.section(QLatin1Char('/'), -1);
    if (last.startsWith(QLatin1String("PR-")) && isDigits(last.mid(3)))
        return last.mid(3).toLongLong();
    return std::nullopt;
}

// The Git plugin names the branch it built as the remote-tracking ref.
QString branchName(QString ref)
{
    if (ref.startsWith(QLatin1String("refs/remotes/")))
        return ref.section(QLatin1Char('/'), 3);
    if (ref.startsWith(QLatin1String("refs/heads/")))
        return ref.mid(11);
    return ref;
}

QString causeEvent(const Node& cause)
{
    const QString cls = cause["_class"].text();
    const QString simple = cls.section(QLatin1Char('.'), -1);
    static const std::pair<const char*, const char*> kEvents[] = {
        { "UserIdCause", "manual" },
        { "UserCause", "manual" },
        { "TimerTrigger", "schedule" },
        { "SCMTrigger", "push" },
        { "PushCause", "push" },
        { "WebHook", "push" },
        { "BranchEventCause", "push" },
        { "UpstreamCause", "upstream" },
        { "RemoteCause", "remote" },
        { "ReplayCause", "replay" },
        { "BranchIndexingCause", "branch-indexing" },
    };
    for (const auto& [needle, event] : kEvents) {
        if (simple.contains(QLatin1String(needle)))
            return QString::fromLatin1(event);
    }
    if (!simple.isEmpty())
        return simple;
    // cdancy-style captures without _class.
    if (cause.has("userId") || cause.has("userName"))
        return QStringLiteral("manual");
    if (cause.has("upstreamProject"))
        return QStringLiteral("upstream");
    return cause["shortDescription"].text();
}

// wfapi run and stage statuses (FORMATS.md §3a); the in-progress ones have no outcome yet.
bool isWfapiInProgress(const QString& status)
{
    return status == QLatin1String("IN_PROGRESS") || status == QLatin1String("PAUSED_PENDING_INPUT");
}

const QSet<QString>& wfapiStatuses()
{
    static const QSet<QString> known { QStringLiteral("SUCCESS"),
                                       QStringLiteral("FAILED"),
                                       QStringLiteral("ABORTED"),
                                       QStringLiteral("UNSTABLE"),
                                       QStringLiteral("NOT_EXECUTED"),
                                       QStringLiteral("IN_PROGRESS"),
                                       QStringLiteral("PAUSED_PENDING_INPUT") };
    return known;
}

const QSet<QString>& classicResults()
{
    static const QSet<QString> known { QStringLiteral("SUCCESS"), QStringLiteral("UNSTABLE"),
                                       QStringLiteral("FAILURE"), QStringLiteral("NOT_BUILT"),
                                       QStringLiteral("ABORTED") };
    return known;
}

const QSet<QString>& blueOceanStates()
{
    static const QSet<QString> known { QStringLiteral("QUEUED"),    QStringLiteral("RUNNING"),
                                       QStringLiteral("PAUSED"),    QStringLiteral("SKIPPED"),
                                       QStringLiteral("NOT_BUILT"), QStringLiteral("FINISHED") };
    return known;
}

const QSet<QString>& blueOceanResults()
{
    static const QSet<QString> known { QStringLiteral("SUCCESS"), QStringLiteral("UNSTABLE"),
                                       QStringLiteral("FAILURE"), QStringLiteral("NOT_BUILT"),
                                       QStringLiteral("ABORTED"), QStringLiteral("UNKNOWN") };
    return known;
}

enum class Shape
{
    WfapiRun,
    WfapiStage,
    Build,
    BlueOceanNode,
    Unknown
};

Shape shapeOf(const Node& r)
{
    if (!r.isObject())
        return Shape::Unknown;
    const QString href = selfHref(r);
    if (href.contains(QLatin1String("/blue/rest/")))
        return href.contains(QLatin1String("/nodes/")) ? Shape::BlueOceanNode : Shape::Unknown;
    if (r.has("displayName") && (r["durationInMillis"].exists() || r["edges"].exists()))
        return Shape::BlueOceanNode;
    if (href.contains(QLatin1String("/execution/node/")) || r["stageFlowNodes"].exists()
        || (r["execNode"].exists() && !r["stages"].exists()))
        return Shape::WfapiStage;
    if (r["startTimeMillis"].exists() || r["durationMillis"].exists() || r["stages"].exists())
        return Shape::WfapiRun;
    if (r.has("number") || (r["timestamp"].exists() && r["result"].exists()))
        return Shape::Build;
    return Shape::Unknown;
}

class JenkinsJsonImport
{
public:
    JenkinsJsonImport(const CiFile& file, CiContext& ctx)
        : m_ctx(ctx)
        , m_reader(file.path)
    { }

    void importFile()
    {
        while (auto root = m_reader.next()) {
            importRoot(*root);
            m_ctx.progress(m_reader.bytesRead());
        }
    }

private:
    struct KnownRun
    {
        std::int64_t id = 0;
        QString project;
    };

    void importRoot(const Node& root)
    {
        if (root.isArray()) {
            if (root.arraySize() == 0) {
                m_ctx.warn(
                    QStringLiteral("empty"), root,
                    QStringLiteral("an empty array: no Jenkins runs, builds, stages or nodes to import"));
                return;
            }
            if (shapeOf(*root.first()) == Shape::BlueOceanNode)
                importBlueOceanNodes(root);
            else
                root.forEach([this](const Node& record) { importRecord(record, {}); });
        } else if (root.isObject() && (root["allBuilds"].exists() || root["builds"].exists())) {
            // A job: api/json?tree=allBuilds[…] (or builds[…], the last 100).
            QString project = classicAddress(root["url"].text()).project;
            if (project.isEmpty())
                project = root["fullName"].text();
            const Node builds = root["allBuilds"].exists() ? root["allBuilds"] : root["builds"];
            builds.forEach([this, &project](const Node& build) {
                if (shapeOf(build) != Shape::Build)
                    build.fail("a classic Jenkins build (number, result, timestamp, duration)");
                writeBuild(build, project);
                tick();
            });
        } else if (shapeOf(root) == Shape::BlueOceanNode) {
            importBlueOceanNodes(root);
        } else {
            importRecord(root, {});
        }
    }

    void importRecord(const Node& record, const QString& jobProject)
    {
        switch (shapeOf(record)) {
        case Shape::WfapiRun:
            writeWfapiRun(record);
            break;
        case Shape::WfapiStage:
            writeBareStage(record);
            break;
        case Shape::Build:
            writeBuild(record, jobProject);
            break;
        case Shape::BlueOceanNode:
        case Shape::Unknown:
            if (selfHref(record).contains(QLatin1String("/blue/rest/"))) {
                record.fail(
                    "Blue Ocean nodes (…/runs/<N>/nodes/): other Blue Ocean resources such as runs are not "
                    "read; export the job's wfapi/runs or api/json?tree=allBuilds[…] for its runs");
            }
            record.fail(
                "a Jenkins wfapi run (id, name, status, startTimeMillis, stages) or stage, a classic build "
                "(number, result, timestamp, duration), or an array of Blue Ocean nodes");
        }
        tick();
    }

    // --- wfapi ---

    void writeWfapiRun(const Node& r)
    {
        const RunAddress link = classicAddress(selfHref(r));
        CiRun run;
        run.provider = provider();
        run.project = link.project.isEmpty() ? m_ctx.options().project : link.project;
        run.externalId = buildNumber(r, link);
        if (isDigits(run.externalId))
            run.runNumber = run.externalId.toLongLong();
        run.name = r["name"].text();
        run.status = checkedStatus(r["status"], wfapiStatuses(), "wfapi status");
        if (!run.status.isEmpty() && !isWfapiInProgress(run.status))
            run.conclusion = run.status;
        run.prNumber = pullRequestOf(run.project);
        run.startedAt = r["startTimeMillis"].epochMs();
        const auto endedAt = r["endTimeMillis"].epochMs();
        checkTimeOrder(r["endTimeMillis"], "startTimeMillis", run.startedAt, "endTimeMillis", endedAt);
        if (!run.conclusion.isEmpty())
            run.finishedAt = endedAt;
        run.durationMs = millis(r, "durationMillis");
        run.queuedMs = millis(r, "queueDurationMillis");
        run.createdAt
            = run.queuedMs && run.startedAt ? std::optional(*run.startedAt - *run.queuedMs) : run.startedAt;
        run.updatedAt = latest({ endedAt, sum(run.startedAt, run.durationMs), run.startedAt });
        const std::int64_t runId = m_ctx.writer().upsertRun(run);
        m_runs.insert(runKey(run.project, run.externalId), { runId, run.project });
        r["stages"].forEach([this, runId, &run](const Node& stage) {
            if (!stage.isObject())
                stage.fail("a wfapi stage object");
            writeStage(stage, runId, run.project);
        });
    }

    // A duration Jenkins gives in milliseconds. Negative ones occur when the controller's clock is
    // set back during a build: within the clock-skew tolerance the value gives no duration and a
    // warning, beyond it the file is refused.
    std::optional<std::int64_t> millis(const Node& record, const char* key)
    {
        const Node node = record[key];
        const auto ms = node.integer();
        return checkDuration(node, QString::fromLatin1(key), ms, QString::number(ms.value_or(0)),
                             [&](const QString& problem) {
                                 m_ctx.warn(QStringLiteral("inconsistent"), node,
                                            problem + QStringLiteral("; no duration recorded"));
                             });
    }

    // The build number of a wfapi run: from its link, else a numeric id, else "#N" in its name.
    static QString buildNumber(const Node& r, const RunAddress& link)
    {
        if (!link.number.isEmpty())
            return link.number;
        const QString id = r["id"].id();
        if (isDigits(id))
            return id;
        const QString name = r["name"].text();
        if (name.startsWith(QLatin1Char('#')) && isDigits(name.mid(1)))
            return name.mid(1);
        if (!id.isEmpty())
            return id;
        return r["id"].requireId();
    }

    void writeStage(const Node& s, std::int64_t runId, const QString& service)
    {
        CiJob job;
        job.externalId = s["id"].requireId();
        job.name = s["name"].requireText();
        job.stage = m_ctx.stages().jobStage(job.name);
        job.status = checkedStatus(s["status"], wfapiStatuses(), "wfapi status");
        if (!job.status.isEmpty() && !isWfapiInProgress(job.status))
            job.conclusion = job.status;
        job.startedAt = s["startTimeMillis"].epochMs();
        job.durationMs = millis(s, "durationMillis");
        if (!job.conclusion.isEmpty())
            job.finishedAt = sum(job.startedAt, job.durationMs);
        job.updatedAt = latest({ sum(job.startedAt, job.durationMs), job.startedAt });
        job.runner = s["execNode"].text();
        const std::int64_t jobId = m_ctx.writer().upsertJob(runId, job);
        const QString error = errorLine(s["error"]);
        if (!error.isEmpty()) {
            m_ctx.writer().setJobFindings(jobId, { error, {} }, {}, service,
                                          ciFailureFingerprint(job.name, error));
        }
        int number = 0;
        s["stageFlowNodes"].forEach([&](const Node& node) {
            if (!node.isObject())
                node.fail("a wfapi flow node object");
            writeFlowNode(node, ++number, jobId, job.stage, service);
        });
    }

    // A stage's describe lists its steps as flow nodes ("Shell Script" with the command as parameter).
    void writeFlowNode(const Node& n, int number, std::int64_t jobId, const QString& jobStage,
                       const QString& service)
    {
        CiStep step;
        step.number = number;
        step.name = n["name"].requireText();
        const QString parameter = n["parameterDescription"].text();
        if (!parameter.isEmpty())
            step.name += QStringLiteral(": ") + parameter;
        step.stage = m_ctx.stages().stepStage(step.name, jobStage);
        step.status = checkedStatus(n["status"], wfapiStatuses(), "wfapi status");
        if (!step.status.isEmpty() && !isWfapiInProgress(step.status))
            step.conclusion = step.status;
        step.startedAt = n["startTimeMillis"].epochMs();
        step.durationMs = millis(n, "durationMillis");
        if (!step.conclusion.isEmpty())
            step.finishedAt = sum(step.startedAt, step.durationMs);
        const std::int64_t stepId = m_ctx.writer().upsertStep(jobId, step);
        const QString error = errorLine(n["error"]);
        if (!error.isEmpty()) {
            m_ctx.writer().setStepFindings(stepId, { error, {} }, service,
                                           ciFailureFingerprint(step.name, error));
        }
    }

    static QString errorLine(const Node& error)
    {
        if (!error.exists() || error.isNull())
            return {};
        if (!error.isObject())
            error.fail("an object (the error: message, type)");
        QString line = error["message"].text().trimmed();
        if (line.isEmpty())
            line = error["type"].text();
        return line.section(QLatin1Char('\n'), 0, 0);
    }

    // A stage without its run (an array of stages, or one stage's describe).
    void writeBareStage(const Node& s)
    {
        const RunAddress link = classicAddress(selfHref(s));
        const auto& options = m_ctx.options();
        std::optional<KnownRun> run;
        if (!options.runId.isEmpty()) {
            if (!link.number.isEmpty() && link.number != options.runId) {
                s["_links"]["self"]["href"].fail(
                    QStringLiteral("a stage of build %1 (the build --run names)").arg(options.runId));
            }
            const QString project = options.project.isEmpty() ? link.project : options.project;
            if (!options.project.isEmpty() && !link.project.isEmpty() && link.project != options.project) {
                s["_links"]["self"]["href"].fail(
                    QStringLiteral("a stage of job \"%1\" (the job --project names)").arg(options.project));
            }
            run = knownRun(project, options.runId);
            if (!run) {
                throw ImportError(s.describe(
                    QStringLiteral(
                        "--run %1: no Jenkins build %1%2 is in the workspace; import that build first (its "
                        "api/json "
                        "or wfapi/describe, in this command before this file or in an earlier one)")
                        .arg(options.runId,
                             project.isEmpty() ? QString() : QStringLiteral(" of job \"%1\"").arg(project))));
            }
        } else if (!link.number.isEmpty()) {
            run = knownRun(link.project.isEmpty() ? options.project : link.project, link.number);
        }
        if (!run) {
            throw ImportError(s.describe(QStringLiteral(
                "a wfapi stage without its run: stages need their run's status and times, so import the "
                "run's "
                "wfapi/describe (it holds its stages), or import the build first and pass --run BUILD_NUMBER "
                "(and --project JOB)")));
        }
        writeStage(s, run->id, run->project);
    }

    std::optional<KnownRun> knownRun(const QString& project, const QString& number)
    {
        if (auto it = m_runs.constFind(runKey(project, number)); it != m_runs.constEnd())
            return *it;
        const auto id = m_ctx.writer().findRun(provider(), project, number, 1);
        if (!id)
            return std::nullopt;
        const QString stored = project.isEmpty()
            ? m_ctx.writer().projectOfRun(provider(), number, 1).value_or(QString())
            : project;
        KnownRun run { *id, stored };
        m_runs.insert(runKey(project, number), run);
        return run;
    }

    // --- classic API ---

    void writeBuild(const Node& b, const QString& jobProject)
    {
        CiRun run;
        run.provider = provider();
        const QString number = b["number"].exists() ? b["number"].requireId() : b["id"].requireId();
        run.externalId = number;
        if (isDigits(number))
            run.runNumber = number.toLongLong();
        run.url = b["url"].text();
        run.name = b["displayName"].text();
        run.project = classicAddress(run.url).project;
        if (run.project.isEmpty())
            run.project = jobProject;
        if (run.project.isEmpty())
            run.project = projectFromFullDisplayName(b["fullDisplayName"].text(), run.name, number);
        if (run.project.isEmpty())
            run.project = m_ctx.options().project;
        run.prNumber = pullRequestOf(run.project);

        const bool building = b["building"].boolean().value_or(false);
        const QString result = checkedStatus(b["result"], classicResults(), "build result");
        run.status = building ? QStringLiteral("IN_PROGRESS") : result;
        if (!building)
            run.conclusion = result;
        run.startedAt = b["timestamp"].epochMs();
        const auto duration = millis(b, "duration");
        if (!building || (duration && *duration > 0))
            run.durationMs = duration;
        if (!building)
            run.finishedAt = sum(run.startedAt, run.durationMs);

        const Node actions = b["actions"];
        actions.forEach([this, &run](const Node& action) {
            if (!action.isObject())
                return; // Jenkins leaves nulls and empty objects for actions it does not export
            if (run.event.isEmpty()) {
                action["causes"].forEach([&run](const Node& cause) {
                    if (run.event.isEmpty() && cause.isObject())
                        run.event = causeEvent(cause);
                });
            }
            const Node revision = action["lastBuiltRevision"];
            if (run.headSha.isEmpty() && revision.isObject()) {
                run.headSha = revision["SHA1"].text();
                revision["branch"].forEach([&run](const Node& branch) {
                    if (run.headBranch.isEmpty() && branch.isObject())
                        run.headBranch = branchName(branch["name"].text());
                });
            }
            if (!run.queuedMs)
                run.queuedMs = millis(action, "queuingDurationMillis");
        });
        run.createdAt
            = run.queuedMs && run.startedAt ? std::optional(*run.startedAt - *run.queuedMs) : run.startedAt;
        run.updatedAt = latest({ run.finishedAt, run.startedAt });
        const std::int64_t runId = m_ctx.writer().upsertRun(run);
        m_runs.insert(runKey(run.project, run.externalId), { runId, run.project });
        // A pipeline build read with stages (tree=…stages[…]) brings its stages along.
        b["stages"].forEach([this, runId, &run](const Node& stage) {
            if (!stage.isObject())
                stage.fail("a wfapi stage object");
            writeStage(stage, runId, run.project);
        });
    }

    // --- Blue Ocean ---

    struct GraphNode
    {
        QString id;
        QString name;
        QString type;
        QString firstParent;
        QStringList edges;
    };

    void importBlueOceanNodes(const Node& root)
    {
        // First the graph, to know which nodes are parallel branches of which stage.
        std::vector<GraphNode> graph;
        auto read = [&graph](const Node& n) {
            if (shapeOf(n) != Shape::BlueOceanNode)
                n.fail(
                    "a Blue Ocean node (id, displayName, durationInMillis, startTime, state, result, edges)");
            GraphNode node;
            node.id = n["id"].requireId();
            node.name = n["displayName"].text();
            node.type = n["type"].text();
            node.firstParent = n["firstParent"].id();
            n["edges"].forEach([&node](const Node& edge) {
                if (!edge.isObject())
                    edge.fail("an edge object {id}");
                node.edges << edge["id"].requireId();
            });
            graph.push_back(std::move(node));
        };
        if (root.isArray())
            root.forEach(read);
        else
            read(root);

        QHash<QString, QString> nameOf;
        bool typed = false;
        for (const GraphNode& node : graph) {
            nameOf.insert(node.id, node.name);
            typed = typed || !node.type.isEmpty();
        }
        QHash<QString, QString> parentOf; // branch id → enclosing stage id
        for (const GraphNode& node : graph) {
            if (node.edges.size() < 2)
                continue;
            for (const QString& target : node.edges)
                parentOf.insert(target, node.id);
        }
        for (const GraphNode& node : graph) {
            if (typed && node.type != QLatin1String("PARALLEL"))
                parentOf.remove(node.id);
            else if (typed && !node.firstParent.isEmpty())
                parentOf.insert(node.id, node.firstParent);
        }

        auto write = [&](const Node& n) {
            const QString id = n["id"].requireId();
            const QString parent = parentOf.value(id);
            writeBlueOceanNode(n, parent.isEmpty() ? QString() : nameOf.value(parent));
            tick();
        };
        if (root.isArray())
            root.forEach(write);
        else
            write(root);
    }

    void writeBlueOceanNode(const Node& n, const QString& enclosingStage)
    {
        const KnownRun run = blueOceanRun(n);
        CiJob job;
        job.externalId = n["id"].requireId();
        job.name = n["displayName"].requireText();
        job.stageRaw = enclosingStage;
        // Branch names are often specific ("lint", "unit") or say nothing ("linux"): a branch's own
        // name decides when a rule matches it, else its enclosing stage does.
        job.stage = m_ctx.stages().match(job.name);
        if (job.stage.isEmpty())
            job.stage = m_ctx.stages().jobStage(enclosingStage);
        const QString state = checkedStatus(n["state"], blueOceanStates(), "Blue Ocean state");
        const QString result = checkedStatus(n["result"], blueOceanResults(), "Blue Ocean result");
        job.status = state.isEmpty() ? result : state;
        if (result != QLatin1String("UNKNOWN"))
            job.conclusion = result;
        job.startedAt = n["startTime"].timestamp(m_ctx.time());
        job.durationMs = millis(n, "durationInMillis");
        if (!job.conclusion.isEmpty())
            job.finishedAt = sum(job.startedAt, job.durationMs);
        job.updatedAt = latest({ sum(job.startedAt, job.durationMs), job.startedAt });
        m_ctx.writer().upsertJob(run.id, job);
    }

    KnownRun blueOceanRun(const Node& n)
    {
        const RunAddress link = blueOceanAddress(selfHref(n));
        const auto& options = m_ctx.options();
        QString project = link.project.isEmpty() ? options.project : link.project;
        QString number = link.number;
        if (!options.runId.isEmpty()) {
            if (!number.isEmpty() && number != options.runId)
                n["_links"]["self"]["href"].fail(
                    QStringLiteral("a node of run %1 (the run --run names)").arg(options.runId));
            number = options.runId;
        }
        if (number.isEmpty()) {
            throw ImportError(n.describe(QStringLiteral(
                "a Blue Ocean node without its run: expected _links.self.href "
                "(…/pipelines/<name>/runs/<N>/nodes/<id>/), or pass --run BUILD_NUMBER and --project JOB")));
        }
        if (auto it = m_runs.constFind(runKey(project, number)); it != m_runs.constEnd())
            return *it;
        // The nodes name their run but carry none of its state: a run row that a runs export fills.
        CiRun run;
        run.provider = provider();
        run.project = project;
        run.externalId = number;
        if (isDigits(number))
            run.runNumber = number.toLongLong();
        run.prNumber = pullRequestOf(project);
        const KnownRun known { m_ctx.writer().upsertRun(run), project };
        m_runs.insert(runKey(project, number), known);
        return known;
    }

    // --- common ---

    QString checkedStatus(const Node& node, const QSet<QString>& known, const char* what)
    {
        QString value = node.text();
        if (!value.isEmpty() && !known.contains(value)) {
            m_ctx.warn(
                QStringLiteral("unknown-value"), node,
                QStringLiteral("unknown Jenkins %1 \"%2\", kept as given").arg(QLatin1String(what), value));
        }
        return value;
    }

    void tick()
    {
        if (++m_records % 1000 == 0)
            m_ctx.progress(m_reader.bytesRead());
    }

    static QString runKey(const QString& project, const QString& number)
    {
        return project + QLatin1Char('\x1f') + number;
    }

    CiContext& m_ctx;
    json::JsonDocumentReader m_reader;
    QHash<QString, KnownRun> m_runs; // project + number → run row, within this file
    std::int64_t m_records = 0;
};

} // namespace

void importJenkinsJson(const CiFile& file, CiContext& ctx)
{
    JenkinsJsonImport(file, ctx).importFile();
}

} // namespace faultline::importers::ci
