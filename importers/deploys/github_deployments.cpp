// GitHub deployments (FORMATS.md §6a): the deployments list (`gh api --paginate
// repos/O/R/deployments`), the statuses list of one deployment (`…/deployments/ID/statuses`), and
// deployments each carrying a `statuses` array (a script that joins the two). Any file may be one
// array, JSON Lines of records, or concatenated pages; deployments and statuses may even share a file.
//
// Decisions worth knowing:
//  - A deployment's external id is its id. Its service is --service, else the repository name of its
//    API url (repos/O/R/deployments/ID → "R"); the repository is "O/R". GitHub's `task` is kept in the
//    description when it is not the default "deploy" (the record has no column of its own for it).
//  - The outcome is never taken from one export: every status is stored (deployment_statuses) and the
//    outcome is derived from all stored statuses of the deployment after each file (gitHubOutcome), so
//    lists, statuses pages and older exports combine in any order without losing a later state.
//  - Statuses are written after the file's deployments, so one file may hold both in any order. A
//    status whose deployment is in neither the workspace nor an earlier file of the command is an
//    error: a status alone says nothing about service, environment or commit. Statuses files are
//    detected as "github-statuses" and import after the deployments files of the same command.
//  - A status state GitHub does not document is kept with an "unknown-value" warning.
#include "common/import_error.h"
#include "common/json_documents.h"
#include "common/time_order.h"
#include "deploy_format.h"
#include "deploy_importers.h"
#include "deploy_values.h"
#include "github_outcome.h"

#include <QHash>
#include <QRegularExpression>

#include <vector>

namespace faultline::importers::deploys {

namespace {

using json::Node;

const QString& provider()
{
    static const QString name = QStringLiteral("github");
    return name;
}

// …/repos/OWNER/REPO/deployments/ID[/statuses/SID]
const QRegularExpression& deploymentUrlPattern()
{
    static const QRegularExpression re(
        QStringLiteral(R"(/repos/([^/]+)/([^/]+)/deployments/(\d+)(?:/statuses/(\d+))?/?$)"));
    return re;
}

class GitHubImport
{
public:
    GitHubImport(const QString& path, FileImportContext& ctx)
        : m_ctx(ctx)
        , m_reader(path)
    { }

    void run()
    {
        while (auto root = m_reader.next()) {
            if (root->isArray()) {
                if (root->arraySize() == 0)
                    m_ctx.warn(QStringLiteral("empty"), *root,
                               QStringLiteral("an empty array: no deployments or statuses to import"));
                root->forEach([this](const Node& record) { importRecord(record); });
            } else {
                importRecord(*root);
            }
        }
        writeStatuses();
        for (auto it = m_touched.cbegin(); it != m_touched.cend(); ++it)
            deriveOutcome(it.key(), it.value());
    }

private:
    struct PendingStatus
    {
        store::DeploymentStatusRecord record;
        QString missingMessage; // the error when its deployment is not there
    };

    void importRecord(const Node& record)
    {
        if (isGitHubStatus(record)) {
            queueStatus(record, {});
        } else if (isGitHubDeployment(record)) {
            const QString id = writeDeployment(record);
            record["statuses"].forEach([this, &id](const Node& status) { queueStatus(status, id); });
        } else {
            record.fail("a GitHub deployment (id, sha, ref, environment, task, url …/deployments/ID) or "
                        "deployment status (id, state, url …/deployments/ID/statuses/SID)");
        }
        if (++m_records % kProgressEvery == 0)
            m_ctx.progress(m_reader.bytesRead());
    }

    QString writeDeployment(const Node& d)
    {
        store::DeploymentRecord r;
        r.provider = provider();
        r.externalId = d["id"].requireId();
        const Node url = d["url"];
        const auto match = deploymentUrlPattern().match(url.text());
        QString owner;
        QString repo;
        if (match.hasMatch()) {
            owner = match.captured(1);
            repo = match.captured(2);
        } else {
            static const QRegularExpression repository(QStringLiteral(R"(/repos/([^/]+)/([^/]+)/?$)"));
            const auto m = repository.match(d["repository_url"].text());
            if (m.hasMatch()) {
                owner = m.captured(1);
                repo = m.captured(2);
            }
        }
        r.service = m_ctx.options().service.isEmpty() ? repo : m_ctx.options().service;
        if (r.service.isEmpty())
            url.fail("the deployment's API url (…/repos/OWNER/REPO/deployments/ID) to name the service, or "
                     "--service");
        if (!owner.isEmpty())
            r.repository = owner + QLatin1Char('/') + repo;
        r.environment = d["environment"].text();
        if (r.environment.isEmpty())
            r.environment = m_ctx.options().environment;
        r.commitSha = d["sha"].text().toLower();
        r.ref = d["ref"].text();
        r.url = url.text();
        r.createdAt = d["created_at"].timestamp(m_ctx.time());
        const auto updatedAt = d["updated_at"].timestamp(m_ctx.time());
        checkRecordTimes(m_ctx, d["updated_at"], "created_at", r.createdAt, "updated_at", updatedAt);
        r.updatedAt = latestOf({ updatedAt, r.createdAt });
        r.creator = d["creator"]["login"].text();
        r.description = d["description"].text();
        const QString task = d["task"].text();
        if (!task.isEmpty() && task != QLatin1String("deploy"))
            r.description = r.description.isEmpty()
                ? QString(QStringLiteral("task ") + task)
                : QString(r.description + QStringLiteral(" (task ") + task + QLatin1Char(')'));
        // The status comes from the statuses (deriveOutcome); empty keeps a stored one.
        const std::int64_t id = m_ctx.writer().upsertDeployment(r);
        m_touched.insert(id, r.createdAt);
        m_known.insert(r.externalId, id);
        return r.externalId;
    }

    // `deploymentId` is known for statuses nested in their deployment.
    void queueStatus(const Node& s, const QString& deploymentId)
    {
        if (!s.isObject())
            s.fail("a GitHub deployment status object");
        PendingStatus p;
        store::DeploymentStatusRecord& r = p.record;
        r.provider = provider();
        const Node url = s["url"];
        const auto match = deploymentUrlPattern().match(url.text());
        Node namedBy = url;
        r.deploymentExternalId = deploymentId;
        if (r.deploymentExternalId.isEmpty() && match.hasMatch() && !match.captured(4).isEmpty()) {
            r.deploymentExternalId = match.captured(3);
        } else if (r.deploymentExternalId.isEmpty()) {
            namedBy = s["deployment_url"];
            const auto m = deploymentUrlPattern().match(namedBy.text());
            if (!m.hasMatch())
                namedBy.fail("the deployment's API url (…/repos/OWNER/REPO/deployments/ID)");
            r.deploymentExternalId = m.captured(3);
        }
        r.externalId = s["id"].id();
        if (r.externalId.isEmpty() && match.hasMatch())
            r.externalId = match.captured(4);
        if (r.externalId.isEmpty())
            s["id"].fail("the status id");
        const Node state = s["state"];
        r.state = state.requireText();
        if (!isGitHubStatusState(r.state))
            warnUnknownStatus(
                m_ctx, state, r.state,
                QStringLiteral("error, failure, inactive, in_progress, queued, pending, success"));
        r.createdAt = s["created_at"].timestamp(m_ctx.time());
        r.description = s["description"].text();
        r.logUrl = s["log_url"].text();
        if (r.logUrl.isEmpty())
            r.logUrl = s["target_url"].text();
        // With --format every file is "github" and files import in the order given.
        const QString hint = m_ctx.options().format.isEmpty()
            ? QStringLiteral("import the deployments list first or in the same command")
            : QStringLiteral(
                "import the deployments list first, or name it before the statuses (with --format, "
                "files import in the order given)");
        p.missingMessage = namedBy.describe(
            QStringLiteral("deployment %1 is not in the workspace; %2").arg(r.deploymentExternalId, hint));
        m_pending.push_back(std::move(p));
    }

    void writeStatuses()
    {
        for (const PendingStatus& p : m_pending) {
            if (!m_ctx.writer().upsertDeploymentStatus(p.record))
                throw ImportError(p.missingMessage);
            if (!m_known.contains(p.record.deploymentExternalId)) {
                const auto id = m_ctx.writer().findDeployment(provider(), p.record.deploymentExternalId);
                m_known.insert(p.record.deploymentExternalId, id.value());
            }
            const std::int64_t id = m_known.value(p.record.deploymentExternalId);
            if (!m_touched.contains(id))
                m_touched.insert(id, std::nullopt); // its creation time stays as stored
        }
    }

    void deriveOutcome(std::int64_t deploymentId, std::optional<std::int64_t> createdAt)
    {
        const DeploymentOutcome o = gitHubOutcome(m_ctx.writer().statusesOf(deploymentId), createdAt);
        m_ctx.writer().setDeploymentOutcome(deploymentId, o.status, o.statusRaw, o.startedAt, o.finishedAt);
    }

    FileImportContext& m_ctx;
    json::JsonDocumentReader m_reader;
    std::vector<PendingStatus> m_pending;
    QHash<QString, std::int64_t> m_known; // GitHub deployment id → row id
    QHash<std::int64_t, std::optional<std::int64_t>> m_touched; // row id → created_at when this file has it
    std::int64_t m_records = 0;
};

} // namespace

void importGitHubDeployments(const QString& path, FileImportContext& ctx)
{
    GitHubImport(path, ctx).run();
}

} // namespace faultline::importers::deploys
