// Argo CD Applications (FORMATS.md §6c): `argocd app get APP -o json|yaml`, `kubectl get
// applications.argoproj.io -o json|yaml` (one Application or a List with items), the Applications
// API, or an array / JSON Lines of Applications. YAML goes through yamlFileToJson, so both
// notations are read by the same code and fail with the same JSON paths.
//
// Decisions worth knowing:
//  - Every status.history[] entry is one successful deployment, kept even when it redeploys an
//    earlier revision (the sample goes A, A, B, A, B, C): telling rollbacks apart is the linker's job.
//    External id "<metadata.namespace>/<metadata.name>#<id>" ("<name>#<id>" without a namespace);
//    history ids only grow, and Argo CD keeps the last revisionHistoryLimit entries (default 10), so
//    an export taken later adds new ids and repeats the others unchanged.
//  - service = --service, else metadata.name; environment = --environment, else
//    spec.destination.namespace; repository = source.repoURL (sources[0] for multi-source apps).
//  - A revision of 40 (or 64) hex digits is the commit; anything else (a chart version, a tag) is the
//    ref, with no commit. For a commit the ref is source.targetRevision when given.
//  - started = deployStartedAt, finished = deployedAt; creator = initiatedBy.username, or "automated"
//    for an automated sync; status_raw "Succeeded" (only successful syncs enter the history).
//  - status.operationState adds what the history does not hold yet: phase Running → a running
//    deployment, Failed/Error → a failed one (finished = finishedAt, description = message),
//    Terminating → cancelled. Its external id is "<ns>/<name>#op-<startedAt ms>". Succeeded is
//    already the last history entry and is not repeated. A Running operation that later succeeds
//    becomes a history entry under its own id with the same start: importing that entry removes
//    the running "#op-" row.
#include "common/import_error.h"
#include "common/json_documents.h"
#include "common/time_order.h"
#include "deploy_format.h"
#include "deploy_importers.h"
#include "deploy_values.h"
#include "yaml_json.h"

#include <QFile>

namespace faultline::importers::deploys {

namespace {

using json::Node;
namespace ds = store::deployment_status;

class ArgoCdImport
{
public:
    explicit ArgoCdImport(FileImportContext& ctx)
        : m_ctx(ctx)
    { }

    void importRoot(const Node& root)
    {
        if (root.isArray()) {
            if (root.arraySize() == 0)
                m_ctx.warn(QStringLiteral("empty"), root,
                           QStringLiteral("an empty array: no Applications to import"));
            root.forEach([this](const Node& app) { importApplication(app); });
        } else if (root.isObject() && !isArgoCdApplication(root) && root["items"].exists()) {
            const Node items = root["items"];
            if (items.arraySize() == 0)
                m_ctx.warn(QStringLiteral("empty"), items,
                           QStringLiteral("an empty list: no Applications to import"));
            items.forEach([this](const Node& app) { importApplication(app); });
        } else {
            importApplication(root);
        }
    }

private:
    struct Source
    {
        QString repoUrl;
        QString targetRevision;
    };

    static Source sourceOf(const Node& holder)
    {
        Node source = holder["source"];
        if (!source.isObject()) {
            if (const auto first = holder["sources"].first(); first && holder["sources"].isArray())
                source = *first;
        }
        return { source["repoURL"].text(), source["targetRevision"].text() };
    }

    // `revision`, else the first of `revisions` (multi-source apps). Given as text; a YAML plain
    // scalar of digits only arrives as a number, hence id().
    static QString revisionOf(const Node& holder)
    {
        QString revision = holder["revision"].id();
        if (revision.isEmpty()) {
            if (const auto first = holder["revisions"].first(); first && holder["revisions"].isArray())
                revision = first->id();
        }
        return revision;
    }

    static QString initiatorOf(const Node& initiatedBy)
    {
        const QString user = initiatedBy["username"].text();
        if (!user.isEmpty())
            return user;
        return initiatedBy["automated"].boolean().value_or(false) ? QStringLiteral("automated") : QString();
    }

    void setRevision(store::DeploymentRecord& r, const QString& revision, const QString& targetRevision)
    {
        if (isFullCommitSha(revision)) {
            r.commitSha = revision.toLower();
            r.ref = targetRevision;
        } else {
            r.ref = revision.isEmpty() ? targetRevision : revision;
        }
    }

    void importApplication(const Node& app)
    {
        if (!isArgoCdApplication(app))
            app.fail(
                "an Argo CD Application (apiVersion argoproj.io/v1alpha1, kind Application, with metadata, "
                "spec and status)");
        const auto& options = m_ctx.options();
        const Node metadata = app["metadata"];
        const QString name = metadata["name"].requireText();
        const QString ns = metadata["namespace"].text();
        m_idPrefix = ns.isEmpty() ? name : ns + QLatin1Char('/') + name;
        m_service = options.service.isEmpty() ? name : options.service;
        m_environment = options.environment.isEmpty() ? app["spec"]["destination"]["namespace"].text()
                                                      : options.environment;
        m_appSource = sourceOf(app["spec"]);

        const Node status = app["status"];
        status["history"].forEach([this](const Node& entry) { importHistoryEntry(entry); });
        const Node operation = status["operationState"];
        if (operation.isObject())
            importOperation(operation);
    }

    store::DeploymentRecord base() const
    {
        store::DeploymentRecord r;
        r.provider = QStringLiteral("argocd");
        r.service = m_service;
        r.environment = m_environment;
        return r;
    }

    void importHistoryEntry(const Node& entry)
    {
        if (!entry.isObject())
            entry.fail("an Argo CD history entry (id, revision, deployStartedAt, deployedAt, source)");
        store::DeploymentRecord r = base();
        const std::int64_t id = entry["id"].requireInteger();
        r.externalId = m_idPrefix + QLatin1Char('#') + QString::number(id);
        r.status = QString::fromLatin1(ds::kSuccess);
        r.statusRaw = QStringLiteral("Succeeded");
        Source source = sourceOf(entry);
        if (source.repoUrl.isEmpty())
            source = m_appSource;
        setRevision(r, revisionOf(entry), source.targetRevision);
        r.repository = source.repoUrl;
        r.startedAt = entry["deployStartedAt"].timestamp(m_ctx.time());
        r.finishedAt = entry["deployedAt"].timestamp(m_ctx.time());
        if (!r.finishedAt)
            entry["deployedAt"].fail("the time the revision was deployed");
        checkRecordTimes(m_ctx, entry["deployedAt"], "deployStartedAt", r.startedAt, "deployedAt",
                         r.finishedAt);
        r.createdAt = r.startedAt ? r.startedAt : r.finishedAt;
        r.updatedAt = r.finishedAt;
        r.creator = initiatorOf(entry["initiatedBy"]);
        m_ctx.writer().upsertDeployment(r);
        // The operation an earlier export saw running is this entry now (same start): drop its row.
        if (r.startedAt)
            m_ctx.writer().removeRunningDeployment(
                r.provider, m_idPrefix + QStringLiteral("#op-") + QString::number(*r.startedAt));
    }

    void importOperation(const Node& op)
    {
        const Node phaseNode = op["phase"];
        const QString phase = phaseNode.text();
        store::DeploymentRecord r = base();
        if (phase.isEmpty() || phase == QLatin1String("Succeeded"))
            return; // nothing to add, or the last history entry
        if (phase == QLatin1String("Running")) {
            r.status = QString::fromLatin1(ds::kRunning);
        } else if (phase == QLatin1String("Failed") || phase == QLatin1String("Error")) {
            r.status = QString::fromLatin1(ds::kFailure);
        } else if (phase == QLatin1String("Terminating")) {
            r.status = QString::fromLatin1(ds::kCancelled);
        } else {
            warnUnknownStatus(m_ctx, phaseNode, phase,
                              QStringLiteral("Running, Succeeded, Failed, Error, Terminating"));
            return;
        }
        r.statusRaw = phase;
        const Node startedAt = op["startedAt"];
        r.startedAt = startedAt.timestamp(m_ctx.time());
        if (!r.startedAt)
            startedAt.fail("the time the operation started");
        r.externalId = m_idPrefix + QStringLiteral("#op-") + QString::number(*r.startedAt);
        r.createdAt = r.startedAt;
        if (r.status != QLatin1String(ds::kRunning))
            r.finishedAt = op["finishedAt"].timestamp(m_ctx.time());
        checkRecordTimes(m_ctx, op["finishedAt"], "startedAt", r.startedAt, "finishedAt", r.finishedAt);
        r.updatedAt = latestOf({ r.startedAt, r.finishedAt });
        const Node syncResult = op["syncResult"];
        const Node sync = op["operation"]["sync"];
        QString revision = revisionOf(syncResult);
        if (revision.isEmpty())
            revision = revisionOf(sync);
        Source source = sourceOf(syncResult);
        if (source.repoUrl.isEmpty())
            source = m_appSource;
        setRevision(r, revision, source.targetRevision);
        r.repository = source.repoUrl;
        r.description = op["message"].text();
        r.creator = initiatorOf(op["operation"]["initiatedBy"]);
        m_ctx.writer().upsertDeployment(r);
    }

    FileImportContext& m_ctx;
    QString m_idPrefix;
    QString m_service;
    QString m_environment;
    Source m_appSource;
};

bool isJsonFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    return json::JsonDocumentReader::looksLikeJson(file.peek(64 * 1024));
}

} // namespace

void importArgoCdApplications(const QString& path, FileImportContext& ctx)
{
    ArgoCdImport import(ctx);
    if (isJsonFile(path)) {
        json::JsonDocumentReader reader(path);
        while (auto root = reader.next()) {
            import.importRoot(*root);
            ctx.progress(reader.bytesRead());
        }
        return;
    }
    const std::string text = yamlFileToJson(path);
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (const auto code = parser.parse(text).get(root); code != simdjson::SUCCESS)
        throw ImportError(QStringLiteral("%1: the YAML does not convert to JSON (%2)")
                              .arg(path, QString::fromUtf8(simdjson::error_message(code))));
    const json::DocumentOrigin origin { path, 0 };
    import.importRoot(json::Node(root, &origin));
}

} // namespace faultline::importers::deploys
