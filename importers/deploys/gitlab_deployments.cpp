// GitLab deployments (FORMATS.md §6b): `GET /projects/:id/deployments` as one array, JSON Lines or
// concatenated pages (`glab api --paginate`), or a single deployment.
//
// Decisions worth knowing:
//  - external id = the deployment's id (unique across the GitLab instance); commit = sha; creator =
//    user.username; environment = environment.name, else --environment.
//  - The deployments API names no project. Its project path comes from the deploy job's URLs
//    (deployable.pipeline.web_url, deployable.web_url or deployable.commit.web_url:
//    https://host/GROUP/…/PROJECT/-/…), else --project. The repository is that path and the service is
//    --service, else the project's name (the path's last segment), the way GitHub deployments are
//    named after their repository. environment.external_url names the deployed site, not the project,
//    so it is not used. A deployment with no project anywhere needs --service or --project.
//  - status: success → success, failed → failure, running → running, created and blocked (waiting
//    for a manual or approval gate) → queued, canceled and skipped → cancelled. Any other value (the
//    DevLake capture has "completed") is kept as status_raw with status unknown and a warning.
//  - started = deployable.started_at (the deploy job), else created_at; finished (success and failed
//    only) = finished_at (newer GitLab), else deployable.finished_at.
//  - url = the deploy job's web_url: the deployments API has no page of its own.
#include "common/import_error.h"
#include "common/json_documents.h"
#include "common/time_order.h"
#include "deploy_format.h"
#include "deploy_importers.h"
#include "deploy_values.h"

#include <QRegularExpression>

namespace faultline::importers::deploys {

namespace {

using json::Node;
namespace ds = store::deployment_status;

// The normalised status of a GitLab deployment status; empty for a value GitLab does not document.
QString normalisedStatus(const QString& status)
{
    if (status == QLatin1String("success"))
        return QString::fromLatin1(ds::kSuccess);
    if (status == QLatin1String("failed"))
        return QString::fromLatin1(ds::kFailure);
    if (status == QLatin1String("running"))
        return QString::fromLatin1(ds::kRunning);
    if (status == QLatin1String("created") || status == QLatin1String("blocked"))
        return QString::fromLatin1(ds::kQueued);
    if (status == QLatin1String("canceled") || status == QLatin1String("skipped"))
        return QString::fromLatin1(ds::kCancelled);
    return {};
}

// https://host/GROUP/SUB/PROJECT/-/pipelines/1 → GROUP/SUB/PROJECT
QString projectPathOf(const QString& webUrl)
{
    static const QRegularExpression re(QStringLiteral(R"(^[a-z]+://[^/]+/(.+?)/-/)"));
    const auto m = re.match(webUrl);
    return m.hasMatch() ? m.captured(1) : QString();
}

class GitLabImport
{
public:
    GitLabImport(const QString& path, FileImportContext& ctx)
        : m_ctx(ctx)
        , m_reader(path)
    { }

    void run()
    {
        while (auto root = m_reader.next()) {
            if (root->isArray()) {
                if (root->arraySize() == 0)
                    m_ctx.warn(QStringLiteral("empty"), *root,
                               QStringLiteral("an empty array: no deployments to import"));
                root->forEach([this](const Node& record) { importRecord(record); });
            } else {
                importRecord(*root);
            }
        }
    }

private:
    void importRecord(const Node& d)
    {
        if (!isGitLabDeployment(d))
            d.fail("a GitLab deployment (id, iid, sha, ref, status, environment, deployable)");
        const auto& options = m_ctx.options();
        store::DeploymentRecord r;
        r.provider = QStringLiteral("gitlab");
        r.externalId = d["id"].requireId();
        const Node job = d["deployable"];
        QString project;
        for (const Node& url : { job["pipeline"]["web_url"], job["web_url"], job["commit"]["web_url"] }) {
            project = projectPathOf(url.text());
            if (!project.isEmpty())
                break;
        }
        if (project.isEmpty())
            project = options.project;
        r.repository = project;
        r.service = options.service.isEmpty() ? lastSegment(project) : options.service;
        if (r.service.isEmpty())
            job.fail("the deploy job with a pipeline.web_url that names the project (or pass --service or "
                     "--project)");
        r.environment = d["environment"]["name"].text();
        if (r.environment.isEmpty())
            r.environment = options.environment;

        const Node status = d["status"];
        r.statusRaw = status.requireText();
        r.status = normalisedStatus(r.statusRaw);
        if (r.status.isEmpty()) {
            r.status = QString::fromLatin1(ds::kUnknown);
            warnUnknownStatus(
                m_ctx, status, r.statusRaw,
                QStringLiteral("created, running, success, failed, canceled, skipped, blocked"));
        }
        r.createdAt = d["created_at"].timestamp(m_ctx.time());
        r.updatedAt = d["updated_at"].timestamp(m_ctx.time());
        r.startedAt = job["started_at"].timestamp(m_ctx.time());
        if (!r.startedAt)
            r.startedAt = r.createdAt;
        const auto finished = d["finished_at"].timestamp(m_ctx.time());
        const auto jobFinished = job["finished_at"].timestamp(m_ctx.time());
        // Pairs of one object each (the deployment, its job), both stamped by GitLab.
        checkRecordTimes(m_ctx, d["finished_at"], "created_at", r.createdAt, "finished_at", finished);
        checkRecordTimes(m_ctx, job["finished_at"], "started_at", job["started_at"].timestamp(m_ctx.time()),
                         "finished_at", jobFinished);
        if (r.status == QLatin1String(ds::kSuccess) || r.status == QLatin1String(ds::kFailure))
            r.finishedAt = finished ? finished : jobFinished;
        if (!r.updatedAt)
            r.updatedAt = latestOf({ r.createdAt, r.startedAt, finished, jobFinished });
        r.commitSha = d["sha"].text().toLower();
        r.ref = d["ref"].text();
        r.creator = d["user"]["username"].text();
        r.url = job["web_url"].text();
        m_ctx.writer().upsertDeployment(r);
        if (++m_records % kProgressEvery == 0)
            m_ctx.progress(m_reader.bytesRead());
    }

    FileImportContext& m_ctx;
    json::JsonDocumentReader m_reader;
    std::int64_t m_records = 0;
};

} // namespace

void importGitLabDeployments(const QString& path, FileImportContext& ctx)
{
    GitLabImport(path, ctx).run();
}

} // namespace faultline::importers::deploys
