// `helm history RELEASE -n NS -o json` (FORMATS.md §6e): an array of {revision, updated, status,
// chart, app_version, description} (+ rollback_revision in Helm 4), or JSON Lines of them.
//
// Decisions worth knowing:
//  - The output names neither the release nor its namespace, so --service is required (the
//    release's service) and --environment gives the environment; without it the environment stays
//    empty and the file gets one warning.
//  - external id "<service>#<revision>". Helm gives one time per revision (`updated`, the release's
//    last deployment), so it is the finish (the start of a pending one); there is no start and no commit (ref
//    = "<chart> (app <app_version>)").
//  - status: deployed, superseded, uninstalled and uninstalling → success (the revision was
//    deployed; later ones replaced or removed it), failed → failure, pending-install/-upgrade/
//    -rollback → running, unknown → unknown; other values → unknown with a warning.
//  - A rollback is a new revision: its target is rollback_revision, else the "Rollback to N"
//    description, as "<service>#N".
#include "common/import_error.h"
#include "common/json_documents.h"
#include "deploy_format.h"
#include "deploy_importers.h"
#include "deploy_values.h"

#include <QRegularExpression>

namespace faultline::importers::deploys {

namespace {

using json::Node;
namespace ds = store::deployment_status;

QString normalisedStatus(const QString& status)
{
    if (status == QLatin1String("deployed") || status == QLatin1String("superseded")
        || status == QLatin1String("uninstalled") || status == QLatin1String("uninstalling"))
        return QString::fromLatin1(ds::kSuccess);
    if (status == QLatin1String("failed"))
        return QString::fromLatin1(ds::kFailure);
    if (status.startsWith(QLatin1String("pending-")))
        return QString::fromLatin1(ds::kRunning);
    if (status == QLatin1String("unknown"))
        return QString::fromLatin1(ds::kUnknown);
    return {};
}

class HelmImport
{
public:
    HelmImport(const QString& path, FileImportContext& ctx)
        : m_ctx(ctx)
        , m_reader(path)
        , m_service(ctx.options().service)
        , m_environment(ctx.options().environment)
    {
        if (m_service.isEmpty())
            throw ImportError(
                QStringLiteral("%1: helm history does not name its release; pass --service with "
                               "the release's service (and --environment)")
                    .arg(path));
        if (m_environment.isEmpty())
            ctx.warn(QStringLiteral("missing-environment"), path, 0, {},
                     QStringLiteral("helm history names no environment and --environment is not given; the "
                                    "deployments of %1 have none, so no metric counts them as production")
                         .arg(m_service));
    }

    void run()
    {
        while (auto root = m_reader.next()) {
            if (root->isArray()) {
                if (root->arraySize() == 0)
                    m_ctx.warn(QStringLiteral("empty"), *root,
                               QStringLiteral("an empty array: no revisions to import"));
                root->forEach([this](const Node& revision) { importRevision(revision); });
            } else {
                importRevision(*root);
            }
        }
    }

private:
    void importRevision(const Node& h)
    {
        if (!isHelmRevision(h))
            h.fail("a helm history revision (revision, updated, status, chart, app_version, description)");
        store::DeploymentRecord r;
        r.provider = QStringLiteral("helm");
        r.service = m_service;
        r.environment = m_environment;
        const std::int64_t revision = h["revision"].requireInteger();
        r.externalId = m_service + QLatin1Char('#') + QString::number(revision);
        const Node status = h["status"];
        r.statusRaw = status.requireText();
        r.status = normalisedStatus(r.statusRaw);
        if (r.status.isEmpty()) {
            r.status = QString::fromLatin1(ds::kUnknown);
            warnUnknownStatus(m_ctx, status, r.statusRaw,
                              QStringLiteral("deployed, superseded, failed, uninstalled, uninstalling, "
                                             "pending-install, pending-upgrade, pending-rollback, unknown"));
        }
        // The one time helm keeps is when the revision's operation began (pending) or last
        // finished (any other status).
        const auto updated = h["updated"].timestamp(m_ctx.time());
        if (r.status == QLatin1String(ds::kRunning))
            r.startedAt = updated;
        else if (r.status != QLatin1String(ds::kUnknown))
            r.finishedAt = updated;
        r.updatedAt = updated;
        const QString chart = h["chart"].text();
        const QString appVersion = h["app_version"].text();
        r.ref = appVersion.isEmpty() ? chart : QStringLiteral("%1 (app %2)").arg(chart, appVersion);
        r.description = h["description"].text();
        std::optional<std::int64_t> target = h["rollback_revision"].integer();
        if (!target || *target <= 0) {
            static const QRegularExpression rollback(QStringLiteral(R"(^Rollback to (\d+)\b)"));
            const auto m = rollback.match(r.description);
            target = m.hasMatch() ? std::optional(m.captured(1).toLongLong()) : std::nullopt;
        }
        if (target)
            r.rollbackTarget = m_service + QLatin1Char('#') + QString::number(*target);
        m_ctx.writer().upsertDeployment(r);
        if (++m_records % kProgressEvery == 0)
            m_ctx.progress(m_reader.bytesRead());
    }

    FileImportContext& m_ctx;
    json::JsonDocumentReader m_reader;
    QString m_service;
    QString m_environment;
    std::int64_t m_records = 0;
};

} // namespace

void importHelmHistory(const QString& path, FileImportContext& ctx)
{
    HelmImport(path, ctx).run();
}

} // namespace faultline::importers::deploys
