// Jira issues (FORMATS.md §7d): a search response (`/rest/api/2/search` with startAt/total,
// `/rest/api/3/search/jql` with nextPageToken/isLast), a single issue (`/rest/api/2/issue/{key}`),
// a bare array of issues, or JSON Lines / concatenated pages of these.
//
// Decisions worth knowing:
//  - Only issue types Incident and Bug are incidents (case-insensitive); other issues are skipped
//    and the file gets one warning with their count per type. An issue without `issuetype` (a
//    search that did not request the field) is kept: the JQL is expected to have chosen the types.
//  - External id = id, display key = key, title = summary, status = status.name, priority =
//    priority.name, created / updated / resolutiondate as given (offsets without a colon, +1300),
//    labels, and the first component as the service (else --service). Jira has no standard severity.
//  - The browse URL is <site>/browse/<key>, the site being `self` up to "/rest/api/".
//  - Resolution is `resolutiondate`, which Jira sets when an issue is resolved and clears when it
//    is reopened; the changelog is not read.
#include "common/import_error.h"
#include "common/json_documents.h"
#include "common/time_order.h"
#include "incidents/incident_formats.h"
#include "incidents/incident_shapes.h"
#include "incidents/incident_values.h"

namespace faultline::importers::incidents {

namespace {

using json::Node;

const QString& provider()
{
    static const QString name = QStringLiteral("jira");
    return name;
}

// "https://acme.atlassian.net/rest/api/3/issue/10042" → "https://acme.atlassian.net".
QString siteOf(const QString& self)
{
    const qsizetype at = self.indexOf(QLatin1String("/rest/api/"));
    return at > 0 ? self.left(at) : QString();
}

class JiraImport
{
public:
    JiraImport(const QString& path, FileImportContext& ctx)
        : m_path(path)
        , m_ctx(ctx)
        , m_reader(path)
    { }

    void run()
    {
        while (auto root = m_reader.next()) {
            importRoot(*root);
            m_ctx.progress(m_reader.bytesRead());
        }
        if (m_skipped.count() > 0)
            m_ctx.warn(QStringLiteral("skipped"), m_path, 0, QStringLiteral("$.issues"),
                       m_skipped.describe());
    }

private:
    void importRoot(const Node& root)
    {
        if (root.isObject() && !root["fields"].exists()) {
            const Node issues = root["issues"];
            if (!issues.isArray())
                issues.fail("an array of Jira issues (a search response) or an issue object with fields");
            if (issues.arraySize() == 0)
                m_ctx.warn(QStringLiteral("empty"), issues, QStringLiteral("no Jira issues to import"));
            return issues.forEach([this](const Node& issue) { importIssue(issue); });
        }
        if (root.isArray()) {
            if (root.arraySize() == 0)
                m_ctx.warn(QStringLiteral("empty"), root, QStringLiteral("no Jira issues to import"));
            return root.forEach([this](const Node& issue) { importIssue(issue); });
        }
        importIssue(root);
    }

    void importIssue(const Node& issue)
    {
        if (++m_records % 1000 == 0)
            m_ctx.progress(m_reader.bytesRead());
        if (!issue.isObject())
            issue.fail("a Jira issue object (id, key, fields)");
        const Node fields = issue["fields"];
        if (!fields.isObject())
            fields.fail("an object (the issue's fields: summary, issuetype, status, created, …)");
        const Node type = fields["issuetype"];
        if (type.exists() && !type.isNull()) {
            const QString name = type["name"].text();
            if (!isIncidentIssueType(name)) {
                m_skipped.add(name);
                return;
            }
        }

        const TimestampParser& time = m_ctx.time();
        store::IncidentRecord i;
        i.provider = provider();
        i.externalId = issue["id"].requireId();
        i.displayKey = issue["key"].requireText();
        i.title = fields["summary"].requireText().trimmed();
        if (i.title.isEmpty())
            fields["summary"].fail("a non-empty string (the title)");
        i.status = fields["status"]["name"].text();
        i.priority = fields["priority"]["name"].text();
        i.createdAt = requireTimestamp(fields["created"], time);
        i.updatedAt = fields["updated"].timestamp(time);
        i.resolvedAt = fields["resolutiondate"].timestamp(time);
        // Both are Jira's own stamps; a custom "incident start" field is never compared.
        checkRecordTimes(m_ctx, fields["resolutiondate"], "created", i.createdAt, "resolutiondate",
                         i.resolvedAt);
        fields["labels"].forEach([&i](const Node& label) { i.labels << label.requireText(); });
        fields["components"].forEach([&i](const Node& component) {
            if (i.service.isEmpty())
                i.service = component["name"].text();
        });
        const QString site = siteOf(issue["self"].text());
        if (!site.isEmpty())
            i.url = site + QStringLiteral("/browse/") + i.displayKey;
        storeIncident(i, m_ctx);
    }

    QString m_path;
    FileImportContext& m_ctx;
    json::JsonDocumentReader m_reader;
    SkippedIssueTypes m_skipped;
    std::int64_t m_records = 0;
};

} // namespace

void importJira(const QString& path, FileImportContext& ctx)
{
    JiraImport(path, ctx).run();
}

} // namespace faultline::importers::incidents
