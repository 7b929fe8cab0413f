// Incident importers (importers/incidents), end to end through runFileImport: PagerDuty incidents
// (list pages, bare arrays with log entries and alerts, single incidents, analytics raw incidents),
// Opsgenie alerts and incidents, Jira search responses and issues (non-incident types skipped),
// incident CSV (template, PagerDuty analytics and DevLake headers), detection, streamed layouts,
// malformed input, re-import, shared fingerprints, and the real samples in ../shared/samples/incidents.
//
// Fixtures are in tests/data/incidents (written for these tests, field for field like the samples).
// Epoch values were worked out by hand from the fixtures' timestamps; the arithmetic for the derived
// ones (durations added to a creation time, offsets) is in the comments.
#include "common/time_order.h"
#include "delivery_test_support.h"
#include "incidents/incident_import.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace faultline;
using faultline::importers::FileImportOptions;
using faultline::test::dataPath;
using faultline::test::ScratchWorkspace;
using faultline::test::sharedSamplesDir;
// Checks are "<SQL> => <expected rows>", rows joined by "; ", columns by "|", NULL as NULL.
using faultline::test::verifyChecks;
using faultline::test::workspaceCount;
using faultline::test::workspaceRows;

namespace {

using faultline::test::S;

constexpr auto L = test::texts;

const importers::FileImportKind& kind()
{
    return importers::incidents::importKind();
}

QString fixture(const QString& name)
{
    return dataPath(QStringLiteral("incidents/") + name);
}

QStringList fixtures(const QStringList& names)
{
    return test::dataPaths(names, QStringLiteral("incidents"));
}

QByteArray readFixture(const QString& name)
{
    return test::readData(QStringLiteral("incidents/") + name);
}

FileImportOptions withOptions(const QString& service, const QString& environment, const QString& format = {})
{
    FileImportOptions options;
    options.service = service;
    options.environment = environment;
    options.format = format;
    return options;
}

importers::FileImportReport importAll(const QString& workspace, const QStringList& files,
                                      const FileImportOptions& options = {})
{
    return test::importFiles(workspace, kind(), files, options);
}

// Everything stored about incidents and their fingerprints, to compare before and after a re-import.
QStringList everything(const QString& workspace)
{
    return workspaceRows(workspace,
                         "SELECT i.*, f.kind, f.service, f.normalized FROM incidents i "
                         "LEFT JOIN fingerprints f ON f.id = i.fingerprint_id ORDER BY i.id");
}

constexpr const char* kRows
    = "SELECT external_id, display_key, title, service, environment, severity, priority, "
      "status, created_at, acknowledged_at, resolved_at, updated_at, url, labels "
      "FROM incidents ORDER BY created_at, external_id => ";

QString rows(const char* expected)
{
    return S(kRows) + S(expected);
}

// The rows check, then any others.
QStringList withRows(const char* expected, std::initializer_list<const char*> more = {})
{
    return QStringList { rows(expected) } + test::texts(more);
}

} // namespace

class TestImportIncidents : public QObject
{
    Q_OBJECT

private slots:
    void formats_data();
    void formats();
    void streamedLayouts_data();
    void streamedLayouts();
    void analyticsCompleteIncidents();
    void optionsFillGaps();
    void folderSkipsOtherExports();
    void emptyExports_data();
    void emptyExports();
    void malformed_data();
    void malformed();
    void reimportAddsNothing_data();
    void reimportAddsNothing();
    void titlesDifferingInNumbersShareAFingerprint();
    void clockSkewTolerance_data();
    void clockSkewTolerance();
    void skewedTimesAreKeptWithAWarning();
    void samplePagerDuty();
    void sampleOpsgenie();
    void sampleJira();
    void sampleCsv();
};

void TestImportIncidents::formats_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format"); // detected
    QTest::addColumn<int>("incidents");
    QTest::addColumn<int>("warnings");
    QTest::addColumn<QStringList>("checks");

    // #112: acknowledgements is empty, the acknowledge_log_entry (09:17:42) acknowledges it; still
    // triggered, so unresolved. #114: two acknowledge entries, the earlier (22:41:05) counts; the
    // resolve_log_entry (23:31:15) resolves it. Log entries are newest first.
    QTest::addRow("pagerduty array with log entries and alerts")
        << S("pagerduty_incidents_log_entries.json") << S("pagerduty") << 3 << 0
        << withRows(
               "PX1ABCD2EFGH34|112|Checkout API error rate above 5%|checkout-api|NULL|high|NULL|triggered|"
               "1712049245000|1712049462000|NULL|NULL|https://acme-shop.pagerduty.com/incidents/"
               "PX1ABCD2EFGH34|[]; "
               "PY2BCDE3FGHI45|113|Search API p99 latency 2400ms|search-api|NULL|low|NULL|acknowledged|"
               "1712055750000|1712055960000|NULL|NULL|https://acme-shop.pagerduty.com/incidents/"
               "PY2BCDE3FGHI45|[]; "
               "PZ3CDEF4GHIJ56|114|Order queue backlog growing|checkout-api|NULL|low|NULL|resolved|"
               "1712184000000|1712184065000|1712187075000|NULL|"
               "https://acme-shop.pagerduty.com/incidents/PZ3CDEF4GHIJ56|[]",
               { "SELECT DISTINCT provider FROM incidents => pagerduty",
                 "SELECT f.kind, f.service, f.normalized FROM incidents i JOIN fingerprints f ON f.id = "
                 "i.fingerprint_id "
                 "WHERE i.display_key = '113' => incident|search-api|search api p<n> latency <n>ms" });
    // No log entries. +02:00 offsets: 08:00:12+02:00 = 06:00:12Z = 1712296812000. #120 has resolved_at;
    // #121 is resolved without it: last_status_change_at (12:12:34+02:00) stands in, and its earlier
    // acknowledgement (10:01:15+02:00) counts. #122 has no title: the summary is the title.
    QTest::addRow("pagerduty list page without log entries")
        << S("pagerduty_incidents_page.json") << S("pagerduty") << 3 << 0
        << withRows(
               "PA4DEFG5HIJK67|120|Payment gateway "
               "timeouts|payments|NULL|high|P1|resolved|1712296812000|NULL|"
               "1712302200000|1712303100000|https://acme-shop.pagerduty.com/incidents/PA4DEFG5HIJK67|[]; "
               "PB5EFGH6IJKL78|121|Image resizer crash "
               "loop|media-service|NULL|low|NULL|resolved|1712303880000|"
               "1712304075000|1712311954000|1712311954000|"
               "https://acme-shop.pagerduty.com/incidents/PB5EFGH6IJKL78|[]; "
               "PC6FGHI7JKLM89|122|[#122] Disk usage 91% on orders-db-3|orders-db|NULL|high|P3|triggered|"
               "1712319645000|NULL|NULL|1712319645000|https://acme-shop.pagerduty.com/incidents/"
               "PC6FGHI7JKLM89|[]");
    QTest::addRow("pagerduty single incident")
        << S("pagerduty_incident_single.json") << S("pagerduty") << 1 << 0
        << withRows(
               "PD7GHIJ8KLMN90|130|Login page returns "
               "502|auth-gateway|NULL|high|P2|resolved|1712594709000|NULL|"
               "1712595690000|1712595720000|https://acme-shop.pagerduty.com/incidents/PD7GHIJ8KLMN90|[]");
    // #120: 06:00:12Z + 95 s = 1712296907000 acknowledged; resolved_at given. #125: resolved_at null,
    // 02:03:04Z (1712368984000) + 1830 s = 1712370814000; + 42.5 s = 1712369026500 acknowledged.
    // #127: neither, so open and without status.
    QTest::addRow("pagerduty analytics raw incidents")
        << S("pagerduty_analytics_raw.json") << S("pagerduty") << 3 << 0
        << withRows(
               "PA4DEFG5HIJK67|120|Payment gateway timeouts|payments|NULL|high|P1|resolved|1712296812000|"
               "1712296907000|1712302200000|NULL|NULL|[\"team:Payments\"]; "
               "PE8HIJK9LMNO01|125|Checkout API error rate above 8%|checkout-api|NULL|high|NULL|resolved|"
               "1712368984000|1712369026500|1712370814000|NULL|NULL|[\"team:Storefront\"]; "
               "PF9IJKL0MNOP12|127|Search index rebuild "
               "stuck|search-api|NULL|low|NULL|NULL|1712494800000|NULL|"
               "NULL|NULL|NULL|[]");
    // #1791: 08:26:40.517Z (1715675200517) + ackTime 95483 ms = 1715675296000; + closeTime 1980000 ms =
    // 1715677180517, which is also its close. #1793 is closed without closeTime: its updatedAt
    // (06:30:00.5Z) stands in. Service from the tags "service:…" and "Service=…"; #1793 has none.
    QTest::addRow("opsgenie alerts")
        << S("opsgenie_alerts.json") << S("opsgenie") << 3 << 0
        << withRows(
               "70413a06-38d6-4c85-92b8-5ebc900d42e2|1791|Checkout API 5xx rate 7.2% on pod checkout-7d9f|"
               "checkout-api|NULL|NULL|P1|closed|1715675200517|1715675296000|1715677180517|1715677331080|"
               "NULL|"
               "[\"service:checkout-api\",\"prod\"]; "
               "a3c9e1f0-55b2-4d7e-9f31-0c2d6e8b7a14|1792|Search API heap usage "
               "93%|search-api|NULL|NULL|P3|open|"
               "1715681700000|NULL|NULL|1715681700100|NULL|[\"Service=search-api\"]; "
               "5be0c2d4-9a8f-4e71-b6c3-2f1e0d9c8b7a|1793|Nightly backup job failed|NULL|NULL|NULL|P4|closed|"
               "1715734803123|NULL|1715754600500|1715754600500|NULL|[]",
               { "SELECT display_key, closed_at, impact_started_at FROM incidents ORDER BY display_key => "
                 "1791|1715677180517|NULL; 1792|NULL|NULL; 1793|1715754600500|NULL" });
    // #41: service from its tag, resolved at impactEndDate (08:31:07.004Z). #42: closed without
    // impactEndDate: updatedAt (16:20:30.7Z); service = its impactedServices id. #43: open, no service.
    QTest::addRow("opsgenie incidents")
        << S("opsgenie_incidents.json") << S("opsgenie") << 3 << 0
        << withRows(
               "b81f3c52-6d0a-4e9f-a7c1-3e5d2b9f8a60|41|Payments degraded in eu-west-1|payments|NULL|NULL|P2|"
               "resolved|1717398765900|NULL|1717403467004|1717404010250|"
               "https://acme-shop.app.opsgenie.com/incident/detail/b81f3c52-6d0a-4e9f-a7c1-3e5d2b9f8a60|"
               "[\"payments\",\"service:payments\"]; "
               "0d2e4f6a-8b1c-4d3e-9f5a-7b9c1d3e5f70|42|Recommendations service returning empty results|"
               "f1e2d3c4-b5a6-4798-8a9b-0c1d2e3f4a5b|NULL|NULL|P4|closed|1717513200000|NULL|1717518030700|"
               "1717518030700|https://acme-shop.app.opsgenie.com/incident/detail/"
               "0d2e4f6a-8b1c-4d3e-9f5a-7b9c1d3e5f70|[]; "
               "9c8b7a6f-5e4d-4c3b-a2f1-e0d9c8b7a6f5|43|Inventory sync "
               "delayed|NULL|NULL|NULL|P3|open|1717579815330|"
               "NULL|NULL|1717579816021|"
               "https://acme-shop.app.opsgenie.com/incident/detail/9c8b7a6f-5e4d-4c3b-a2f1-e0d9c8b7a6f5|[]",
               { "SELECT display_key, impact_started_at FROM incidents ORDER BY display_key => "
                 "41|1717398300000; 42|1717513200000; 43|1717579815330" });
    // Offsets without a colon: 14:05:11.000+0200 = 12:05:11Z = 1719921911000; 09:00:00.000-0500 =
    // 14:00:00Z = 1720015200000. One Story and two Tasks are skipped with one warning.
    QTest::addRow("jira search with other issue types")
        << S("jira_search.json") << S("jira") << 2 << 1
        << withRows(
               "20101|OPS-201|Checkout API 500s after release "
               "2024.27|checkout-api|NULL|NULL|Highest|Resolved|"
               "1719921911000|NULL|1719931710000|1719933000000|https://jira.acme-shop.example/browse/OPS-201|"
               "[\"sev1\",\"customer-facing\"]; "
               "20102|OPS-202|Search suggestions show stale prices|NULL|NULL|NULL|Major|In "
               "Progress|1720015200000|"
               "NULL|NULL|1720024200000|https://jira.acme-shop.example/browse/OPS-202|[]",
               { "SELECT kind, location, detail FROM import_warnings => skipped|$.issues|3 issues are not "
                 "incidents "
                 "(Story: 1, Task: 2); only the issue types Incident and Bug are imported" });
    // /rest/api/3/search/jql: "incident" in lower case is kept; 23:50:02.117+1200 = 11:50:02.117Z.
    QTest::addRow("jira search/jql page")
        << S("jira_search_jql.json") << S("jira") << 1 << 1
        << withRows(
               "30412|INC-77|Order confirmation emails delayed 40 minutes|notifications|NULL|NULL|High|Done|"
               "1724068202117|NULL|1724072712664|1724076940900|https://acme-shop.atlassian.net/browse/INC-77|"
               "[\"email\",\"postmortem-needed\"]",
               { "SELECT detail FROM import_warnings => 1 issue is not an incident (Post-incident review: "
                 "1); only the "
                 "issue types Incident and Bug are imported" });
    // +1300: 02:30:00.000+1300 = 13:30:00Z the day before = 1720359000000.
    QTest::addRow("jira single issue")
        << S("jira_issue.json") << S("jira") << 1 << 0
        << withRows(
               "20110|OPS-210|Nightly invoice export times out|billing-jobs|NULL|NULL|Critical|Resolved|"
               "1720359000000|NULL|1720370715500|1720472400000|https://jira.acme-shop.example/browse/OPS-210|"
               "[\"batch\"]");
    // Quoted commas, doubled quotes and a newline inside a title; epoch seconds (1725436800) and
    // milliseconds; the sha in lower case; environment "production" by default.
    QTest::addRow("csv template")
        << S("incidents_template.csv") << S("csv") << 3 << 0
        << withRows("INC-1001|NULL|Checkout failing: \"card declined\", all EU "
                    "cards|checkout-api|production|SEV1|P1|"
                    "resolved|1725264900000|1725265080000|1725267930000|NULL|https://"
                    "status.acme-shop.example/incidents/1001|"
                    "[\"sev1\",\"customer-facing\"]; "
                    "INC-1002|NULL|Search slow\nafter "
                    "reindex|search-api|production|SEV3|NULL|mitigated|1725350400000|"
                    "NULL|NULL|NULL|NULL|[]; "
                    "INC-1003|NULL|Stale prices in "
                    "cart|NULL|staging|SEV4|P4|resolved|1725436800000|NULL|1725440400000|"
                    "NULL|NULL|[\"ui\",\"pricing\"]",
                    { "SELECT external_id, impact_started_at, mitigated_at, closed_at, caused_by_deployment, "
                      "caused_by_commit_sha, "
                      "caused_by_pr FROM incidents WHERE external_id IN ('INC-1001', 'INC-1002') ORDER BY "
                      "external_id => "
                      "INC-1001|1725264540000|1725267120000|1725346800000|deploy-8841|"
                      "9f3c1a7e5b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f|"
                      "https://github.com/acme-shop/checkout/pull/512; "
                      "INC-1002|NULL|1725352800000|NULL|NULL|NULL|NULL",
                      "SELECT DISTINCT provider FROM incidents => csv" });
    // CRLF line ends. #310: 03:12:00Z + 120 s acknowledged = 1727752440000. #311: no resolved_at,
    // 14:00:00Z (1727877600000) + 900.5 s = 1727878500500. team_name becomes a label.
    QTest::addRow("csv with pagerduty analytics headers")
        << S("incidents_pagerduty_analytics.csv") << S("csv") << 3 << 0
        << withRows(
               "PQ1R2S3T4U5V6W|310|Cart service OOM, pods restarting|cart-service|production|high|P2|NULL|"
               "1727752320000|1727752440000|1727755350000|NULL|"
               "https://acme-shop.pagerduty.com/incidents/PQ1R2S3T4U5V6W|[\"team:Storefront\"]; "
               "PQ2S3T4U5V6W7X|311|Webhook retries piling "
               "up|notifications|production|low|NULL|NULL|1727877600000|"
               "NULL|1727878500500|NULL|https://acme-shop.pagerduty.com/incidents/"
               "PQ2S3T4U5V6W7X|[\"team:Platform\"]; "
               "PQ3T4U5V6W7X8Y|312|Disk 95% on log "
               "shipper|NULL|production|low|P4|NULL|1727917200000|NULL|NULL|NULL|"
               "https://acme-shop.pagerduty.com/incidents/PQ3T4U5V6W7X8Y|[]");
    // NULL is empty; the REQUIREMENT row is skipped with one warning. 21:40:00.5+01:00 = 20:40:00.5Z.
    QTest::addRow("csv devlake style")
        << S("incidents_devlake.csv") << S("csv") << 2 << 1
        << withRows("csv:201|201|Checkout button unresponsive on "
                    "Safari|NULL|production|NULL|high|open|1730711553120|"
                    "NULL|NULL|NULL|https://gitlab.acme-shop.example/shop/checkout/-/issues/201|[]; "
                    "csv:202|202|Payment provider "
                    "outage|payments|production|critical|urgent|closed|1730839200500|NULL|"
                    "1730844130250|NULL|https://gitlab.acme-shop.example/shop/checkout/-/issues/202|"
                    "[\"outage\",\"provider\"]",
                    { "SELECT kind, location, detail FROM import_warnings => skipped|original_type|1 issue "
                      "is not an incident "
                      "(REQUIREMENT: 1); only the issue types Incident and Bug are imported" });
}

void TestImportIncidents::formats()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(int, incidents);
    QFETCH(int, warnings);
    QFETCH(QStringList, checks);
    ScratchWorkspace s;
    const auto report = importAll(s.workspace, { fixture(file) });
    QCOMPARE(report.files.size(), size_t(1));
    QCOMPARE(report.files.front().format, format);
    QCOMPARE(report.warnings, warnings);
    QCOMPARE(workspaceCount(s.workspace, "incidents"), incidents);
    verifyChecks(s.workspace, checks);
    // Every incident has a fingerprint of its title, kind "incident", keyed by its service.
    verifyChecks(
        s.workspace,
        L({ "SELECT count(*) FROM incidents i LEFT JOIN fingerprints f ON f.id = i.fingerprint_id "
            "WHERE f.id IS NULL OR f.kind <> 'incident' OR f.service <> coalesce(i.service, '') => 0" }));
}

void TestImportIncidents::streamedLayouts_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("sameAs"); // fixtures that hold the same incidents as whole documents

    // `jq -c '.incidents[]'`: one record per line.
    auto lines = [](const QString& name, const char* key) {
        const QJsonDocument doc = QJsonDocument::fromJson(readFixture(name));
        const QJsonArray list
            = doc.isArray() ? doc.array() : doc.object().value(QLatin1String(key)).toArray();
        QByteArray out;
        for (const QJsonValue& value : list)
            out += QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact) + '\n';
        return out;
    };
    QTest::addRow("pagerduty JSON Lines")
        << S("pd.jsonl") << lines(S("pagerduty_incidents_page.json"), "incidents")
        << L({ "pagerduty_incidents_page.json" });
    QTest::addRow("pagerduty analytics JSON Lines")
        << S("pda.jsonl") << lines(S("pagerduty_analytics_raw.json"), "data")
        << L({ "pagerduty_analytics_raw.json" });
    QTest::addRow("opsgenie JSON Lines")
        << S("og.jsonl") << lines(S("opsgenie_alerts.json"), "data") << L({ "opsgenie_alerts.json" });
    QTest::addRow("jira JSON Lines") << S("jira.jsonl") << lines(S("jira_search.json"), "issues")
                                     << L({ "jira_search.json" });
    // Pages appended to one file (`curl … >> export.json`): documents back to back.
    QTest::addRow("pagerduty concatenated pages")
        << S("pd.json")
        << QByteArray(readFixture(S("pagerduty_incidents_page.json"))
                      + readFixture(S("pagerduty_incident_single.json")))
        << L({ "pagerduty_incidents_page.json", "pagerduty_incident_single.json" });
    QTest::addRow("opsgenie alerts and incidents concatenated")
        << S("og.json")
        << QByteArray(readFixture(S("opsgenie_alerts.json")) + readFixture(S("opsgenie_incidents.json")))
        << L({ "opsgenie_alerts.json", "opsgenie_incidents.json" });
    QTest::addRow("jira pages concatenated")
        << S("jira.json")
        << QByteArray(readFixture(S("jira_search.json")) + readFixture(S("jira_search_jql.json")))
        << L({ "jira_search.json", "jira_search_jql.json" });
}

void TestImportIncidents::streamedLayouts()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QStringList, sameAs);
    const char* fields
        = "SELECT provider, external_id, display_key, title, service, severity, priority, status, "
          "created_at, acknowledged_at, resolved_at, impact_started_at, closed_at, updated_at, url, labels "
          "FROM incidents ORDER BY provider, external_id";
    ScratchWorkspace whole;
    importAll(whole.workspace, fixtures(sameAs));
    ScratchWorkspace s;
    importAll(s.workspace, { s.write(name, content) });
    const QStringList expected = workspaceRows(whole.workspace, fields);
    QVERIFY(!expected.isEmpty());
    QCOMPARE(workspaceRows(s.workspace, fields), expected);
}

void TestImportIncidents::analyticsCompleteIncidents()
{
    // An incident and its analytics record share the id: one row that has what both say. The
    // incident's updated_at is kept (analytics have none), the acknowledgement comes from analytics
    // (06:00:12Z + 95 s), and so does the team label.
    ScratchWorkspace s;
    importAll(s.workspace, fixtures(L({ "pagerduty_incidents_page.json", "pagerduty_analytics_raw.json" })));
    QCOMPARE(workspaceCount(s.workspace, "incidents"), 3 + 3 - 1);
    verifyChecks(s.workspace,
                 L({ "SELECT title, service, priority, status, created_at, acknowledged_at, resolved_at, "
                     "updated_at, url, "
                     "labels FROM incidents WHERE external_id = 'PA4DEFG5HIJK67' => Payment gateway "
                     "timeouts|payments|P1|"
                     "resolved|1712296812000|1712296907000|1712302200000|1712303100000|"
                     "https://acme-shop.pagerduty.com/incidents/PA4DEFG5HIJK67|[\"team:Payments\"]" }));
}

void TestImportIncidents::optionsFillGaps()
{
    {
        // Jira: --service only where no component names one; --environment everywhere.
        ScratchWorkspace s;
        importAll(s.workspace, { fixture(S("jira_search.json")) },
                  withOptions(S("storefront"), S("prod-eu")));
        verifyChecks(s.workspace,
                     L({ "SELECT display_key, service, environment FROM incidents ORDER BY display_key => "
                         "OPS-201|checkout-api|prod-eu; OPS-202|storefront|prod-eu" }));
    }
    {
        // Opsgenie names services by id only, so --service comes first.
        ScratchWorkspace s;
        importAll(s.workspace, { fixture(S("opsgenie_incidents.json")) }, withOptions(S("storefront"), {}));
        verifyChecks(s.workspace, L({ "SELECT DISTINCT service FROM incidents => storefront" }));
    }
    {
        // CSV: the column first, then --service and --environment.
        ScratchWorkspace s;
        importAll(s.workspace, { fixture(S("incidents_template.csv")) },
                  withOptions(S("storefront"), S("live")));
        verifyChecks(s.workspace,
                     L({ "SELECT external_id, service, environment FROM incidents ORDER BY external_id => "
                         "INC-1001|checkout-api|production; INC-1002|search-api|live; "
                         "INC-1003|storefront|staging" }));
    }
    {
        // --format needs no detection (and reads what detection would also have chosen).
        ScratchWorkspace s;
        const auto report = importAll(s.workspace, { fixture(S("opsgenie_alerts.json")) },
                                      withOptions({}, {}, S("opsgenie")));
        QCOMPARE(report.files.front().format, S("opsgenie"));
        QCOMPARE(workspaceCount(s.workspace, "incidents"), 3);
        verifyChecks(s.workspace, L({ "SELECT DISTINCT format FROM imports => incidents:opsgenie" }));
    }
}

void TestImportIncidents::folderSkipsOtherExports()
{
    // A folder may hold other exports next to the incident ones: they are skipped, not errors.
    ScratchWorkspace s;
    QDir(s.dir.path()).mkdir(S("exports"));
    const QString folder = s.dir.filePath(S("exports"));
    QVERIFY(QFile::copy(fixture(S("opsgenie_incidents.json")), folder + S("/opsgenie.json")));
    QVERIFY(QFile::copy(fixture(S("incidents_devlake.csv")), folder + S("/issues.csv")));
    QFile readme(folder + S("/README.md"));
    QVERIFY(readme.open(QIODevice::WriteOnly));
    readme.write("# Exports\n\nPulled by hand.\n");
    readme.close();
    QFile deployments(folder + S("/deployments.json"));
    QVERIFY(deployments.open(QIODevice::WriteOnly));
    deployments.write(R"([{"id": 41, "sha": "a1b2c3d", "ref": "main", "environment": "production"}])");
    deployments.close();

    const auto report = importAll(s.workspace, { folder });
    QCOMPARE(report.files.size(), size_t(2));
    QCOMPARE(report.skipped.size(), 2);
    QVERIFY(report.skipped.filter(S("README.md")).size() == 1);
    QVERIFY(report.skipped.filter(S("deployments.json")).size() == 1);
    QCOMPARE(workspaceCount(s.workspace, "incidents"), 3 + 2);
}

void TestImportIncidents::emptyExports_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");

    QTest::addRow("pagerduty empty page")
        << S("pd.json") << QByteArray(R"({"incidents": [], "limit": 25, "offset": 0, "more": false})");
    QTest::addRow("opsgenie empty page")
        << S("og.json") << QByteArray(R"({"data": [], "took": 0.002, "requestId": "f00"})");
    QTest::addRow("jira empty search")
        << S("jira.json") << QByteArray(R"({"startAt": 0, "maxResults": 50, "total": 0, "issues": []})");
    QTest::addRow("csv header only") << S("empty.csv") << QByteArray("incident_id,title,created_at\n");
}

void TestImportIncidents::emptyExports()
{
    // A quiet period exports nothing: no incident, one warning, no error.
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    ScratchWorkspace s;
    const auto report = importAll(s.workspace, { s.write(name, content) });
    QCOMPARE(report.warnings, 1);
    QCOMPARE(workspaceCount(s.workspace, "incidents"), 0);
    verifyChecks(s.workspace, L({ "SELECT kind FROM import_warnings => empty" }));
}

void TestImportIncidents::malformed_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("message");

    auto edited = [](const char* fixtureName, const char* from, const char* to) {
        QByteArray copy = readFixture(S(fixtureName));
        if (!copy.contains(from))
            qFatal("%s lacks %s", fixtureName, from);
        return copy.replace(from, to);
    };
    const QByteArray page = readFixture(S("pagerduty_incidents_page.json"));

    QTest::addRow("truncated JSON") << S("bad.json") << page.left(page.indexOf("\"urgency\"")) << QString()
                                    << L({ "bad.json", "invalid JSON" });
    QTest::addRow("urgency as a number")
        << S("bad.json") << edited("pagerduty_incidents_page.json", "\"urgency\": \"low\"", "\"urgency\": 2")
        << QString() << L({ "bad.json", "$.incidents[1].urgency: expected a string, found the number 2" });
    QTest::addRow("priority as a string")
        << S("bad.json")
        << edited("pagerduty_incidents_page.json", "\"priority\": null", "\"priority\": \"P2\"") << QString()
        << L({ "bad.json", "$.incidents[1].priority: expected an object with \"summary\"" });
    QTest::addRow("incidents not an array")
        << S("bad.json")
        << QByteArray(R"({"incidents": {"id": "P1"}, "limit": 25, "offset": 0, "more": false})")
        << S("pagerduty")
        << L({ "bad.json", "$.incidents: expected an array of PagerDuty incidents, found an object" });
    QTest::addRow("pagerduty incident without created_at")
        << S("bad.json")
        << edited("pagerduty_incidents_page.json", "\"created_at\": \"2024-04-05T14:20:45+02:00\",", "")
        << QString()
        << L({ "bad.json", "$.incidents[2].created_at: expected an ISO-8601 timestamp, found nothing" });
    QTest::addRow("pagerduty log entry time garbage")
        << S("bad.json")
        << edited("pagerduty_incidents_log_entries.json", "\"created_at\": \"2024-04-03T22:41:05.000000Z\"",
                  "\"created_at\": \"yesterday\"")
        << QString()
        << L({ "bad.json",
               "$[2].log_entries[3].created_at: expected an ISO-8601 timestamp, found the string" });
    QTest::addRow("analytics seconds as a string")
        << S("bad.json")
        << edited("pagerduty_analytics_raw.json", "\"seconds_to_resolve\": 1830",
                  "\"seconds_to_resolve\": \"1830s\"")
        << QString() << L({ "bad.json", "$.data[1].seconds_to_resolve: expected a number" });
    QTest::addRow("opsgenie createdAt garbage")
        << S("bad.json")
        << edited("opsgenie_incidents.json", "\"createdAt\": \"2024-06-04T15:00:00.000Z\"",
                  "\"createdAt\": \"2024-06-31T15:00:00Z\"")
        << QString() << L({ "bad.json", "$[1].createdAt: expected an ISO-8601 timestamp" });
    QTest::addRow("opsgenie ackTime as a string")
        << S("bad.json") << edited("opsgenie_alerts.json", "\"ackTime\": 95483", "\"ackTime\": \"95s\"")
        << QString() << L({ "bad.json", "$.data[0].report.ackTime: expected an integer" });
    QTest::addRow("opsgenie without message")
        << S("bad.json") << edited("opsgenie_incidents.json", "\"message\": \"Inventory sync delayed\",", "")
        << S("opsgenie") << L({ "bad.json", "$[2]: expected an Opsgenie alert" });
    QTest::addRow("jira issue without fields")
        << S("bad.json")
        << QByteArray(R"({"startAt": 0, "total": 1, "issues": [{"id": "1", "key": "OPS-1", "fields": 3}]})")
        << S("jira") << L({ "bad.json", "$.issues[0].fields: expected an object" });
    QTest::addRow("jira created garbage")
        << S("bad.json")
        << edited("jira_issue.json", "\"created\": \"2024-07-08T02:30:00.000+1300\"",
                  "\"created\": \"15 Dec\"")
        << QString()
        << L({ "bad.json", "$.fields.created: expected an ISO-8601 timestamp, found the string \"15 Dec\"" });
    QTest::addRow("jira labels not an array")
        << S("bad.json")
        << edited("jira_issue.json", "\"labels\": [\n      \"batch\"\n    ]", "\"labels\": \"batch\"")
        << QString() << L({ "bad.json", "$.fields.labels: expected an array" });
    QTest::addRow("csv missing required column")
        << S("bad.csv") << QByteArray("incident_id,title,resolved_at\nINC-1,Down,2024-01-01T00:00:00Z\n")
        << QString() << L({ "bad.csv:1:", "missing required column created_at" });
    QTest::addRow("csv bad timestamp")
        << S("bad.csv")
        << QByteArray("incident_id,title,created_at,resolved_at\nINC-1,Down,2024-01-01T00:00:00Z,\n"
                      "INC-2,Slow,2024-01-02T00:00:00Z,2024-02-30T01:00:00Z\n")
        << QString()
        << L({ "bad.csv:3: column resolved_at: expected a timestamp", "found \"2024-02-30T01:00:00Z\"" });
    QTest::addRow("csv timestamp after a multi-line title")
        << S("bad.csv") << QByteArray("id,description,created_date\n\"P1\",\"two\nlines\",soon\n")
        << QString() << L({ "bad.csv:2: column created_date: expected a timestamp", "found \"soon\"" });
    QTest::addRow("csv empty created_at")
        << S("bad.csv") << QByteArray("incident_id,title,created_at\nINC-1,Down,\n") << QString()
        << L({ "bad.csv:2: column created_at: expected the time the incident was created or detected, found "
               "nothing" });
    QTest::addRow("csv empty title") << S(
        "bad.csv") << QByteArray("incident_id,title,created_at\nINC-1,,2024-01-01T00:00:00Z\n")
                                     << QString()
                                     << L({ "bad.csv:2: column title: expected a title, found nothing" });
    QTest::addRow("csv bad duration")
        << S("bad.csv")
        << QByteArray("id,description,created_at,seconds_to_resolve\nP1,Down,2024-01-01T00:00:00Z,1h\n")
        << QString()
        << L({ "bad.csv:2: column seconds_to_resolve: expected a duration in seconds, found \"1h\"" });
    QTest::addRow("csv unbalanced quote")
        << S("bad.csv") << QByteArray("incident_id,title,created_at\nINC-1,\"Down,2024-01-01T00:00:00Z\n")
        << QString() << L({ "bad.csv:2:", "unterminated quoted field" });
    QTest::addRow("unrelated JSON: deployments")
        << S("deploys.json")
        << QByteArray(
               R"([{"id": 41, "sha": "a1b2c3d", "ref": "main", "task": "deploy", "environment": "production"}])")
        << QString()
        << L({ "deploys.json:1: not an incident export",
               "found an array of objects with fields id, sha, ref, task" });
    QTest::addRow("unrelated JSON: CI runs")
        << S("runs.json")
        << QByteArray(R"({"total_count": 1, "workflow_runs": [{"id": 9, "run_attempt": 1}]})") << QString()
        << L({ "runs.json:1: not an incident export",
               "found an object with fields total_count, workflow_runs" });
    QTest::addRow("unrelated JSON: incident.io")
        << S("iio.json")
        << QByteArray(R"({"incidents": [{"id": "01H", "reference": "INC-1", "name": "Down"}]})") << QString()
        << L({ "iio.json:1: not an incident export" });
    QTest::addRow("empty array without --format")
        << S("empty.json") << QByteArray("[]") << QString()
        << L({ "empty.json:1: not an incident export", "found an empty array" });
    QTest::addRow("opsgenie file read as pagerduty")
        << S("og.json") << readFixture(S("opsgenie_alerts.json")) << S("pagerduty")
        << L({ "og.json", "$.data[0]: expected a PagerDuty incident" });
    // Times of one incident more than the clock-skew tolerance (24 h) backwards
    // (importers/common/time_order.h).
    QTest::addRow("CSV resolved 3 days before created")
        << S("bad.csv")
        << edited("incidents_template.csv", "2024-09-02T10:15:00+02:00,2024-09-02T11:05:30+02:00",
                  "2024-09-02T10:15:00+02:00,2024-08-30T10:15:00+02:00")
        << QString()
        << L({ "bad.csv:2: resolved_at 2024-08-30T08:15:00Z is 3 days before created_at "
               "2024-09-02T08:15:00Z; "
               "expected a time at most 24 h before it (clock skew)" });
    QTest::addRow("CSV acknowledged 24 h 1 s before created")
        << S("bad.csv")
        << edited("incidents_template.csv", "resolved,2024-09-02T10:18:00+02:00",
                  "resolved,2024-09-01T10:14:59+02:00")
        << QString()
        << L({ "bad.csv:2: acknowledged_at 2024-09-01T08:14:59Z is 1 day 1 s before created_at" });
    QTest::addRow("PagerDuty resolved_at before created_at")
        << S("bad.json")
        << edited("pagerduty_incident_single.json", "\"resolved_at\": \"2024-04-08T17:01:30Z\"",
                  "\"resolved_at\": \"2024-04-06T17:01:30Z\"")
        << QString()
        << L({ "bad.json: $.incident.resolved_at: resolved_at 2024-04-06T17:01:30Z is 1 day 23 h before "
               "created_at 2024-04-08T16:45:09Z; expected a time at most 24 h before it" });
    QTest::addRow("Jira resolutiondate before created")
        << S("bad.json")
        << edited("jira_issue.json", "\"resolutiondate\": \"2024-07-08T05:45:15.500+1300\"",
                  "\"resolutiondate\": \"2024-07-06T02:30:00.000+1300\"")
        << QString()
        << L({ "bad.json: $.fields.resolutiondate: resolutiondate 2024-07-05T13:30:00Z is 2 days before "
               "created "
               "2024-07-07T13:30:00Z" });
    QTest::addRow("Opsgenie impact end before its start")
        << S("bad.json")
        << edited("opsgenie_incidents.json", "\"impactEndDate\": \"2024-06-03T08:31:07.004Z\"",
                  "\"impactEndDate\": \"2024-06-01T07:05:00Z\"")
        << QString()
        << L({ "bad.json: $[0].impactEndDate: impactEndDate 2024-06-01T07:05:00Z is 2 days before "
               "impactStartDate 2024-06-03T07:05:00Z" });
    QTest::addRow("Opsgenie closeTime of minus two days")
        << S("bad.json")
        << edited("opsgenie_alerts.json", "\"closeTime\": 1980000", "\"closeTime\": -172800000") << QString()
        << L({ "bad.json: $.data[0].report.closeTime: report.closeTime -172800000 is negative (2 days "
               "backwards); "
               "expected a duration of at least -24 h (clock skew)" });
    QTest::addRow("plain text") << S("notes.txt") << QByteArray("incidents for April\n") << QString()
                                << L({ "notes.txt:1: not an incident export" });
    QTest::addRow("empty file") << S("nothing.json") << QByteArray("\n") << QString()
                                << L({ "nothing.json: the file is empty" });
}

void TestImportIncidents::malformed()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, format);
    QFETCH(QStringList, message);
    ScratchWorkspace s;
    importAll(s.workspace, { fixture(S("pagerduty_incident_single.json")) });
    const QString file = s.write(name, content);
    // Detected files go with a good file before them in the same command: nothing of either is kept.
    const QStringList inputs
        = format.isEmpty() ? QStringList { fixture(S("opsgenie_alerts.json")), file } : QStringList { file };
    test::verifyFileImportFails(s.workspace, kind(), inputs, withOptions({}, {}, format), message);
    QCOMPARE(workspaceCount(s.workspace, "incidents"), 1);
}

void TestImportIncidents::reimportAddsNothing_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addRow("pagerduty") << L({ "pagerduty_incidents_log_entries.json", "pagerduty_incidents_page.json",
                                      "pagerduty_incident_single.json", "pagerduty_analytics_raw.json" });
    QTest::addRow("opsgenie") << L({ "opsgenie_alerts.json", "opsgenie_incidents.json" });
    QTest::addRow("jira") << L({ "jira_search.json", "jira_search_jql.json", "jira_issue.json" });
    QTest::addRow("csv") << L(
        { "incidents_template.csv", "incidents_pagerduty_analytics.csv", "incidents_devlake.csv" });
}

void TestImportIncidents::reimportAddsNothing()
{
    QFETCH(QStringList, files);
    ScratchWorkspace s;
    importAll(s.workspace, fixtures(files));
    const QStringList first = everything(s.workspace);
    const auto incidents = workspaceCount(s.workspace, "incidents");
    const auto fingerprints = workspaceCount(s.workspace, "fingerprints");
    QVERIFY(incidents > 0);
    importAll(s.workspace, fixtures(files));
    QCOMPARE(workspaceCount(s.workspace, "incidents"), incidents);
    QCOMPARE(workspaceCount(s.workspace, "fingerprints"), fingerprints);
    QCOMPARE(everything(s.workspace), first);
}

void TestImportIncidents::titlesDifferingInNumbersShareAFingerprint()
{
    // Same service, titles that differ in numbers, a host id and a hex id: one fingerprint. The same
    // title for another service is another fingerprint (METRICS.md "Repeat incidents": service + title).
    ScratchWorkspace s;
    const QString file = s.write(
        S("repeat.csv"),
        "incident_id,title,created_at,service\n"
        "INC-1,Checkout latency above 2000ms on node 14 (req 7f3a9c2e1b),2024-03-01T10:00:00Z,checkout-api\n"
        "INC-2,Checkout latency above 3500ms on node 7 (req 0c4d8e6f2a),2024-03-09T22:15:00Z,checkout-api\n"
        "INC-3,Checkout latency above 2000ms on node 14 (req 7f3a9c2e1b),2024-03-10T08:00:00Z,search-api\n");
    importAll(s.workspace, { file });
    verifyChecks(
        s.workspace,
        L({ "SELECT count(*) FROM fingerprints => 2",
            "SELECT count(DISTINCT fingerprint_id) FROM incidents WHERE external_id IN ('INC-1', 'INC-2') => "
            "1",
            "SELECT f.service, f.normalized FROM incidents i JOIN fingerprints f ON f.id = i.fingerprint_id "
            "WHERE i.external_id = 'INC-2' => checkout-api|checkout latency above <n>ms on node <n> (req "
            "<hex>)" }));
    // Across sources too: PagerDuty's "error rate above 5%" and its analytics' "above 8%", both checkout-api.
    ScratchWorkspace t;
    importAll(t.workspace,
              fixtures(L({ "pagerduty_incidents_log_entries.json", "pagerduty_analytics_raw.json" })));
    verifyChecks(t.workspace,
                 L({ "SELECT count(DISTINCT fingerprint_id) FROM incidents WHERE display_key IN ('112', "
                     "'125') => 1" }));
}

void TestImportIncidents::clockSkewTolerance_data()
{
    QTest::addColumn<qint64>("backwardsMs");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("problem");
    using Kind = importers::TimeOrder::Kind;
    constexpr qint64 day = 24LL * 3600 * 1000;
    QTest::addRow("in order") << qint64(-5000) << int(Kind::InOrder) << QString();
    QTest::addRow("same time") << qint64(0) << int(Kind::InOrder) << QString();
    QTest::addRow("45 s back")
        << qint64(45000) << int(Kind::Skewed)
        << S("resolved_at 2024-03-04T09:59:15Z is 45 s before created_at 2024-03-04T10:00:00Z");
    QTest::addRow("exactly 24 h back")
        << day << int(Kind::Skewed) << S("resolved_at 2024-03-03T10:00:00Z is 1 day before created_at");
    QTest::addRow("24 h and 1 ms back")
        << day + 1 << int(Kind::Refused)
        << S("resolved_at 2024-03-03T09:59:59.999Z is 1 day 0.001 s before created_at 2024-03-04T10:00:00Z; "
             "expected a time at most 24 h before it (clock skew)");
    QTest::addRow("3 days back") << 3 * day << int(Kind::Refused)
                                 << S("resolved_at 2024-03-01T10:00:00Z is 3 days before created_at");
}

void TestImportIncidents::clockSkewTolerance()
{
    // The shared rule (importers/common/time_order.h) at its boundary, as every importer applies it.
    QFETCH(qint64, backwardsMs);
    QFETCH(int, kind);
    QFETCH(QString, problem);
    constexpr qint64 created = 1709546400000; // 2024-03-04T10:00:00Z
    const auto order
        = importers::TimeOrder::compare("created_at", created, "resolved_at", created - backwardsMs);
    QCOMPARE(int(order.kind()), kind);
    QVERIFY2(order.problem().startsWith(problem), qPrintable(order.problem()));
    QVERIFY(problem.isEmpty() || !order.problem().isEmpty());
    // A missing time is never out of order.
    QVERIFY(importers::TimeOrder::compare("created_at", created, "resolved_at", std::nullopt).inOrder());
    // Explicit durations follow the same tolerance.
    const auto duration = importers::TimeOrder::duration(S("duration"), -backwardsMs, S("x"));
    QCOMPARE(int(duration.kind()), kind);
    // Garbled extremes are refused without overflowing (UBSan runs this too).
    constexpr qint64 lowest = std::numeric_limits<qint64>::min();
    QVERIFY(importers::TimeOrder::duration(S("duration"), lowest, S("x")).refused());
    QVERIFY(importers::TimeOrder::compare("started", std::numeric_limits<qint64>::max(), "finished", lowest)
                .refused());
}

void TestImportIncidents::skewedTimesAreKeptWithAWarning()
{
    // Within the tolerance a backwards pair is clock skew: the incident imports with its times as
    // given, and the import says what it saw.
    ScratchWorkspace s;
    const QByteArray csv = readFixture(S("incidents_template.csv"))
                               .replace("2024-09-02T10:15:00+02:00,2024-09-02T11:05:30+02:00",
                                        "2024-09-02T10:15:00+02:00,2024-09-02T10:14:15+02:00");
    const auto report = importAll(s.workspace, { s.write(S("skew.csv"), csv) });
    QCOMPARE(report.warnings, 1);
    verifyChecks(
        s.workspace,
        L({ "SELECT created_at, resolved_at FROM incidents WHERE external_id = 'INC-1001' => "
            "1725264900000|1725264855000",
            "SELECT kind, location, detail FROM import_warnings => inconsistent|resolved_at|resolved_at "
            "2024-09-02T08:14:15Z is 45 s before created_at 2024-09-02T08:15:00Z (clock skew; kept as "
            "given)" }));
}

void TestImportIncidents::samplePagerDuty()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    ScratchWorkspace s;
    const auto report
        = importAll(s.workspace, { samples + S("/incidents/pagerduty_incidents_devlake.json") });
    QCOMPARE(report.files.front().format, S("pagerduty"));
    QCOMPARE(report.warnings, 0);
    QCOMPARE(workspaceCount(s.workspace, "incidents"), 3);
    // #4 is still triggered: its acknowledgements are empty (they expired), its first
    // acknowledge_log_entry is 06:23:07Z, one second after creation. #5: acknowledgements[0].at
    // 06:44:37Z. #6: resolve_log_entry at 06:51:44Z; acknowledged 06:45:46Z.
    verifyChecks(
        s.workspace,
        L({ "SELECT external_id, display_key, title, service, severity, priority, status, created_at, "
            "acknowledged_at, resolved_at, url FROM incidents ORDER BY created_at => "
            "Q3YON8WNWTZMRQ|4|Crash reported|DevService|high|NULL|triggered|1667456586000|1667456587000|NULL|"
            "https://keon-test.pagerduty.com/incidents/Q3YON8WNWTZMRQ; "
            "Q3CZAU7Q4008QD|5|Slow "
            "startup|DevService|high|NULL|acknowledged|1667457868000|1667457877000|NULL|"
            "https://keon-test.pagerduty.com/incidents/Q3CZAU7Q4008QD; "
            "Q1OHFWFP3GPXOG|6|Spamming logs|DevService|low|NULL|resolved|1667457936000|1667457946000|"
            "1667458304000|https://keon-test.pagerduty.com/incidents/Q1OHFWFP3GPXOG" }));
}

void TestImportIncidents::sampleOpsgenie()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    ScratchWorkspace s;
    const auto report = importAll(s.workspace, { samples + S("/incidents/opsgenie_incidents_devlake.json") });
    QCOMPARE(report.files.front().format, S("opsgenie"));
    QCOMPARE(workspaceCount(s.workspace, "incidents"), 2);
    // Incident#2: impactEndDate 18:21:21.49Z (two fraction digits) = 1693938081490. Both name only
    // the impacted service's id.
    verifyChecks(
        s.workspace,
        L({ "SELECT external_id, display_key, title, service, priority, status, created_at, "
            "impact_started_at, "
            "resolved_at, updated_at, url FROM incidents ORDER BY created_at => "
            "3f84e009-7548-4e7d-832a-fa82c1ceb6b1|1|Incident#2|695bce3d-4621-4630-8ae1-24eb89c22d6e|P5|"
            "resolved|"
            "1693938028003|1693938028003|1693938081490|1693938081490|"
            "https://sandesvitor.app.opsgenie.com/incident/detail/3f84e009-7548-4e7d-832a-fa82c1ceb6b1; "
            "3a74524a-f492-4172-b3f5-6041c7cb404a|3|Incident#1|695bce3d-4621-4630-8ae1-24eb89c22d6e|P3|open|"
            "1694010656346|1694010656346|NULL|1694010657035|"
            "https://sandesvitor.app.opsgenie.com/incident/detail/3a74524a-f492-4172-b3f5-6041c7cb404a",
            "SELECT count(DISTINCT fingerprint_id) FROM incidents => 1" }));
}

void TestImportIncidents::sampleJira()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    const QString path = samples + S("/incidents/jira_search_issues_jira-ruby.json");
    {
        // All eleven issues are Tasks: none is an incident.
        ScratchWorkspace s;
        const auto report = importAll(s.workspace, { path });
        QCOMPARE(report.files.front().format, S("jira"));
        QCOMPARE(report.warnings, 1);
        QCOMPARE(workspaceCount(s.workspace, "incidents"), 0);
        verifyChecks(s.workspace,
                     L({ "SELECT detail FROM import_warnings => 11 issues are not incidents (Task: 11); "
                         "only the issue types Incident and Bug are imported" }));
    }
    {
        // The same response with the Tasks filed as Bugs (a scratch copy): every field as read.
        // 15:35:06.000+1300 = 02:35:06Z = 1323916506000.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bugs = file.readAll();
        QCOMPARE(bugs.count("\"name\": \"Task\""), 11);
        bugs.replace("\"name\": \"Task\"", "\"name\": \"Bug\"");
        ScratchWorkspace s;
        importAll(s.workspace, { s.write(S("bugs.json"), bugs) });
        QCOMPARE(workspaceCount(s.workspace, "incidents"), 11);
        verifyChecks(
            s.workspace,
            L({ "SELECT external_id, display_key, title, service, status, priority, created_at, resolved_at, "
                "updated_at, url, labels FROM incidents WHERE display_key IN ('SAMPLEPROJECT-13', "
                "'SAMPLEPROJECT-1') "
                "ORDER BY created_at => "
                "10002|SAMPLEPROJECT-1|MOOOOOOARRR "
                "NINJAAAA!|NULL|Open|Major|1323811566000|NULL|1323916653000|"
                "http://localhost:2990/jira/browse/SAMPLEPROJECT-1|[]; "
                "10014|SAMPLEPROJECT-13|blarg from in "
                "example.rb|NULL|Open|Major|1323916506000|NULL|1323916506000|"
                "http://localhost:2990/jira/browse/SAMPLEPROJECT-13|[]",
                // Eight issues share one title, two another, one is alone: three fingerprints.
                "SELECT count(*) FROM fingerprints => 3" }));
    }
}

void TestImportIncidents::sampleCsv()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    ScratchWorkspace s;
    const auto report
        = importAll(s.workspace, { samples + S("/incidents/generic_issues_import_devlake_customize.csv") });
    QCOMPARE(report.files.front().format, S("csv"));
    QCOMPARE(report.warnings, 1);
    QCOMPARE(workspaceCount(s.workspace, "incidents"), 2);
    // Two BUG rows; the REQUIREMENT row is skipped. NULL resolution_date: open.
    verifyChecks(
        s.workspace,
        withRows("csv:1|1|issue test|NULL|production|NULL|major|new|1658042155959|NULL|NULL|NULL|"
                 "https://api.bitbucket.org/2.0/repositories/thenicetgp/lake/issues/1|[]; "
                 "csv:10|10|issue test007|NULL|production|NULL|trivial|new|1660311780783|NULL|NULL|NULL|"
                 "https://api.bitbucket.org/2.0/repositories/thenicetgp/lake/issues/10|[\"hello worlds\"]",
                 { "SELECT detail FROM import_warnings => 1 issue is not an incident (REQUIREMENT: 1); only "
                   "the issue "
                   "types Incident and Bug are imported" }));
}

QTEST_GUILESS_MAIN(TestImportIncidents)
#include "tst_import_incidents.moc"
