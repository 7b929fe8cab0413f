#include "deploy_format.h"

#include "common/csv_reader.h"
#include "common/import_error.h"
#include "common/json_documents.h"
#include "common/text_encoding.h"

#include <QFile>
#include <QRegularExpression>

namespace faultline::importers::deploys {

namespace {

constexpr qint64 kHeadBytes = 64 * 1024;

bool has(const json::Node& node, std::string_view key)
{
    return node.isObject() && node[key].exists() && !node[key].isNull();
}

bool textContains(const json::Node& node, std::string_view key, std::string_view needle)
{
    return has(node, key) && node[key].isString() && node[key].view().find(needle) != std::string_view::npos;
}

const QString& expectedFormats()
{
    static const QString text = QStringLiteral(
        "expected GitHub deployments or deployment statuses, GitLab deployments, an Argo CD Application "
        "(JSON or YAML), `helm history -o json`, or a deployment CSV");
    return text;
}

// "the fields a, b, c, …" of an object, for messages.
QString fieldsOf(const json::Node& record)
{
    QStringList names;
    int count = 0;
    record.forEachField([&](std::string_view key, const json::Node&) {
        if (count++ < 8)
            names << QString::fromUtf8(key.data(), qsizetype(key.size()));
    });
    if (names.isEmpty())
        return QStringLiteral("no fields");
    return QStringLiteral("the fields ") + names.join(QStringLiteral(", "))
        + (count > 8 ? QStringLiteral(", …") : QString());
}

// A hint for exports of the other kinds people may hand to `import deploys` by mistake.
QString otherKindHint(const json::Node& record)
{
    if (has(record, "workflow_runs") || has(record, "jobs") || has(record, "workflow_id")
        || has(record, "run_attempt") || has(record, "pipeline") || has(record, "stage")
        || has(record, "head_sha"))
        return QStringLiteral(" (this looks like a CI export: use `faultline import ci`)");
    if (has(record, "incident_number") || has(record, "urgency") || has(record, "tinyId")
        || (has(record, "fields") && has(record, "key")))
        return QStringLiteral(" (this looks like an incident export: use `faultline import incidents`)");
    if (has(record, "merged_at") || has(record, "mergedAt") || has(record, "merge_commit_sha")
        || has(record, "headRefName"))
        return QStringLiteral(" (this looks like a pull request export: use `faultline import prs`)");
    return {};
}

QString describeJson(const json::Node& root, const std::optional<json::Node>& record)
{
    if (root.isArray() && !record)
        return QStringLiteral("an empty JSON array (nothing tells which export it is; pass --format)");
    if (!record || !record->isObject())
        return root.isArray() ? QStringLiteral("a JSON array of values that are not objects")
                              : QStringLiteral("a JSON value that is not an object");
    const QString what = root.isArray() ? QStringLiteral("a JSON array whose first record has ")
                                        : QStringLiteral("a JSON object with ");
    return what + fieldsOf(*record) + otherKindHint(*record);
}

QString detectJson(const QString& path)
{
    json::JsonDocumentReader reader(path);
    const auto root = reader.next();
    if (!root)
        throw ImportError(QStringLiteral("%1: not a deployment export: the file holds no JSON document; %2")
                              .arg(path, expectedFormats()));
    if (isArgoCdApplication(*root))
        return QString::fromLatin1(kArgoCd);
    // A Kubernetes List, or an Argo CD ApplicationList.
    const json::Node records
        = root->isObject() && has(*root, "items") && (*root)["items"].isArray() ? (*root)["items"] : *root;
    const auto record = records.first();
    if (record && record->isObject()) {
        if (isArgoCdApplication(*record))
            return QString::fromLatin1(kArgoCd);
        if (isGitHubStatus(*record))
            return QString::fromLatin1(kGitHubStatuses);
        if (isGitHubDeployment(*record))
            return QString::fromLatin1(kGitHub);
        if (isGitLabDeployment(*record))
            return QString::fromLatin1(kGitLab);
        if (isHelmRevision(*record))
            return QString::fromLatin1(kHelm);
    }
    throw ImportError(QStringLiteral("%1:1: not a deployment export: found %2; %3")
                          .arg(path, describeJson(records, record), expectedFormats()));
}

// A deployment CSV names its deployments: Faultline's deployment_id, or DevLake's webhook names
// (an id with a result or status and something only deployments have).
bool isDeploymentCsvHeader(const QStringList& header)
{
    QStringList names;
    for (const QString& name : header)
        names << CsvColumns::normalizeHeader(name);
    auto any = [&names](std::initializer_list<const char*> wanted) {
        for (const char* w : wanted) {
            if (names.contains(QLatin1String(w)))
                return true;
        }
        return false;
    };
    return any({ "deployment_id" })
        || (any({ "id" }) && any({ "status", "result" })
            && any({ "environment", "commit_sha", "ref_name", "repo_url", "display_title" }));
}

} // namespace

bool isGitHubDeployment(const json::Node& r)
{
    return r.isObject() && has(r, "sha") && has(r, "ref") && r["environment"].exists()
        && !has(r, "deployable")
        && (has(r, "task") || has(r, "statuses_url") || has(r, "original_environment") || has(r, "statuses")
            || textContains(r, "url", "/deployments/"));
}

bool isGitHubStatus(const json::Node& r)
{
    return r.isObject() && has(r, "state")
        && (has(r, "deployment_url") || textContains(r, "url", "/statuses/"));
}

bool isGitLabDeployment(const json::Node& r)
{
    return r.isObject() && has(r, "iid") && r["sha"].exists() && has(r, "status")
        && (r["deployable"].exists() || (has(r, "environment") && r["environment"].isObject()));
}

bool isArgoCdApplication(const json::Node& r)
{
    if (!r.isObject())
        return false;
    if (textContains(r, "apiVersion", "argoproj.io"))
        return !has(r, "kind") || (r["kind"].isString() && r["kind"].view() == "Application");
    return has(r, "metadata") && has(r, "spec") && r["spec"].isObject() && has(r["spec"], "destination");
}

bool isHelmRevision(const json::Node& r)
{
    return r.isObject() && has(r, "revision") && r["updated"].exists() && has(r, "status")
        && (has(r, "chart") || r["app_version"].exists());
}

QString detectDeployFormat(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    QByteArray head = file.read(kHeadBytes);
    file.close();
    if (head.trimmed().isEmpty())
        throw ImportError(QStringLiteral("%1: the file is empty; %2").arg(path, expectedFormats()));
    refuseUtf16(path, head);
    if (json::JsonDocumentReader::looksLikeJson(head))
        return detectJson(path);

    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.mid(3);
    const QString text = QString::fromUtf8(head.left(16384));
    // The table outputs carry no zone (helm) or print Go's time.String() (argocd): refuse them
    // with the command that gives JSON.
    static const QRegularExpression helmTable(QStringLiteral(R"(^REVISION\s+UPDATED\s+STATUS\s+CHART)"));
    if (helmTable.match(text).hasMatch())
        throw ImportError(
            QStringLiteral("%1:1: not a deployment export: the `helm history` table; export the "
                           "history with `helm history RELEASE -o json`")
                .arg(path));
    static const QRegularExpression argoTable(QStringLiteral(R"(^(SOURCE\s+)?ID\s+DATE\s+REVISION)"));
    if (argoTable.match(text).hasMatch())
        throw ImportError(QStringLiteral("%1:1: not a deployment export: the `argocd app history` table; "
                                         "export the Application with `argocd app get APP -o json`")
                              .arg(path));

    static const QRegularExpression yaml(
        QStringLiteral(R"((?:^|\n)(?:---\s*\n)?(?:apiVersion|kind|metadata|items|status|spec)\s*:)"));
    if (yaml.match(text).hasMatch()) {
        static const QRegularExpression argo(QStringLiteral(R"(argoproj\.io/|\bkind:\s*Application\b)"));
        if (argo.match(text).hasMatch())
            return QString::fromLatin1(kArgoCd);
        throw ImportError(
            QStringLiteral("%1:1: not a deployment export: YAML that is not an Argo CD Application "
                           "(no apiVersion argoproj.io/…); %2")
                .arg(path, expectedFormats()));
    }

    if (CsvReader::looksLikeCsv(head)) {
        CsvReader reader(path);
        if (isDeploymentCsvHeader(reader.header()))
            return QString::fromLatin1(kCsv);
        throw ImportError(
            QStringLiteral("%1:1: not a deployment export: a CSV file whose header is %2 (no "
                           "deployment_id column); %3")
                .arg(path, reader.header().join(QStringLiteral(", ")).left(200), expectedFormats()));
    }
    throw ImportError(QStringLiteral("%1:1: not a deployment export: neither JSON, YAML nor CSV; %2")
                          .arg(path, expectedFormats()));
}

} // namespace faultline::importers::deploys
