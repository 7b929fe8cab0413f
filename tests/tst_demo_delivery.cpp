// The demo's delivery exports (issue 9): a small hand-made plan written as the deployment CSV, Argo CD
// Applications, PagerDuty incident pages and `gh pr list --json`, then detected and imported through
// the real importers, with the planned rows and links read back.
#include "auto/auto_import.h"
#include "ci_test_support.h"
#include "demo/demo_delivery_writer.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <stdexcept>

using namespace faultline;
using namespace faultline::demo;
using importers::InputKind;
using test::S;

namespace {

// 2026-05-04T09:00:00Z
const std::int64_t kStart = QDateTime(QDate(2026, 5, 4), QTime(9, 0), QTimeZone::utc()).toMSecsSinceEpoch();

std::int64_t at(double hours)
{
    return kStart + std::int64_t(hours * double(kHourMs));
}

// A fake sha: 40 hex digits derived from the index.
QString fakeSha(int index)
{
    QString sha = QStringLiteral("%1").arg(index + 1, 8, 16, QLatin1Char('0'));
    while (sha.size() < 40)
        sha += QStringLiteral("c0ffee");
    return sha.left(40);
}

Commit commit(int author, const char* subject, double hours, const char* service, int pr,
              AiMarker marker = AiMarker::None)
{
    Commit c;
    c.author = author;
    c.marker = marker;
    c.subject = S(subject);
    c.body = S("Why this change: the team needed it.");
    c.authoredMs = at(hours - 0.5);
    c.committedMs = at(hours);
    c.service = S(service);
    c.pullRequest = pr;
    c.changes.push_back({ QStringLiteral("services/%1/main.go").arg(S(service)), false, 3, 2, 5 });
    return c;
}

Deployment deployment(std::int64_t id, const char* service, const char* environment, int commitIndex,
                      double hours, const char* status, bool viaArgoCd, bool rollback = false)
{
    Deployment d;
    d.id = id;
    d.service = S(service);
    d.environment = S(environment);
    d.commit = commitIndex;
    d.createdMs = at(hours);
    d.finishedMs = at(hours) + 4 * kMinuteMs + 12000;
    d.status = S(status);
    d.viaArgoCd = viaArgoCd;
    d.rollback = rollback;
    return d;
}

Incident incident(std::int64_t id, int number, const char* title, const char* service, double hours,
                  int causedBy)
{
    Incident i;
    i.id = id;
    i.number = number;
    i.title = S(title);
    i.service = S(service);
    i.urgency = QStringLiteral("high");
    i.createdMs = at(hours);
    i.acknowledgedMs = at(hours) + 7 * kMinuteMs;
    i.resolvedMs = at(hours) + 95 * kMinuteMs;
    i.causedBy = causedBy;
    return i;
}

// Three people, two services, eight commits, three merged PRs (one by the Copilot agent), eight
// deployments (CSV and Argo CD, a failure in the middle of an Argo CD history, a rollback, an app
// whose only operation failed) and four incidents (three caused by a deployment, one by none).
Plan smallPlan()
{
    Plan plan;
    plan.seed = 7;
    plan.startMs = kStart;
    plan.endMs = at(24 * 14);
    plan.repository = QStringLiteral("acme/shop");
    plan.people = { { S("Alice Moreau"), S("alice@acme.example"), S("amoreau") },
                    { S("Bo Lindqvist"), S("bo@acme.example"), S("bolind") },
                    { S("Chen Wei"), S("chen@acme.example"), S("chenwei") } };
    plan.services = { QStringLiteral("cart"), QStringLiteral("checkout") };

    plan.commits.push_back(commit(0, "Add cart totals", 1, "cart", 0));
    plan.commits.push_back(commit(0, "Round totals per line", 2, "cart", 0, AiMarker::ClaudeTrailer));
    plan.commits.push_back(commit(1, "Fix cart total for empty carts", 5, "cart", 1, AiMarker::CopilotAgent));
    plan.commits.push_back(commit(2, "Validate card expiry", 8, "checkout", 2));
    plan.commits.push_back(commit(2, "Retry the payment call", 9, "checkout", 2, AiMarker::Aider));
    Commit hotfix = commit(1, "Hotfix: guard nil payment", 30, "checkout", -1);
    hotfix.hotfix = true;
    plan.commits.push_back(hotfix);
    Commit revert = commit(0, "Revert \"Round totals per line\"", 40, "cart", -1);
    revert.reverts = 1;
    plan.commits.push_back(revert);
    plan.commits.push_back(commit(2, "Show totals with currency", 50, "cart", -1));

    PullRequest p1;
    p1.number = 101;
    p1.author = 0;
    p1.title = S("Cart totals");
    p1.body = S("Adds totals, with rounding per line.");
    p1.branch = S("amoreau/cart-totals");
    p1.commits = { 0, 1 };
    p1.createdMs = at(2.2);
    p1.mergedMs = at(4);
    p1.reviews = { { 1, at(2.5), S("CHANGES_REQUESTED") },
                   { 2, at(2.7), S("COMMENTED") },
                   { 1, at(3.5), S("APPROVED") } };
    p1.service = S("cart");
    p1.aiAssisted = true;
    PullRequest p2;
    p2.number = 102;
    p2.author = 1;
    p2.byCopilotAgent = true;
    p2.title = S("Fix cart total for empty carts");
    p2.body = S("Fixes the total of an empty cart.");
    p2.branch = S("copilot/fix-cart-total");
    p2.commits = { 2 };
    p2.createdMs = at(4.5);
    p2.mergedMs = at(6);
    p2.reviews = { { 0, at(5.5), S("APPROVED") } };
    p2.service = S("cart");
    p2.aiAssisted = true;
    PullRequest p3;
    p3.number = 103;
    p3.author = 2;
    p3.title = S("Card expiry and payment retries");
    p3.body = S("Validates expiry, retries the payment call once.");
    p3.branch = S("chenwei/payment-retry");
    p3.commits = { 3, 4 };
    p3.createdMs = at(9.1);
    p3.mergedMs = at(10);
    p3.reviews = { { 0, at(9.5), S("APPROVED") } };
    p3.service = S("checkout");
    p3.aiAssisted = true;
    plan.pulls = { p1, p2, p3 };

    plan.deployments = {
        deployment(5001, "cart", "staging", 1, 4.5, "success", false), // 0
        deployment(5002, "cart", "production", 1, 5, "success", true), // 1
        deployment(5003, "checkout", "production", 4, 11, "success", false), // 2
        deployment(5004, "cart", "production", 2, 12, "failure", true), // 3: failed sync, not the last
        deployment(5005, "cart", "production", 2, 13, "success", true), // 4
        deployment(5006, "cart", "production", 1, 16, "success", true, true), // 5: rollback to commit 1
        deployment(5007, "checkout", "production", 5, 31, "failure", true), // 6: the app's only operation
        deployment(5008, "cart", "staging", 7, 51, "success", true), // 7
    };
    plan.incidents = {
        incident(9001, 41, "Cart totals are wrong", "cart", 14.5, 4),
        incident(9002, 42, "Payments time out", "checkout", 12, 2),
        incident(9003, 43, "Cart page slow", "cart", 16 + 24 * 5, -1), // days after the last deploy
        incident(9004, 44, "Checkout errors after hotfix", "checkout", 31.5, 2),
    };
    plan.incidents[2].urgency = QStringLiteral("low");
    return plan;
}

std::vector<QString> shasOf(const Plan& plan)
{
    std::vector<QString> shas;
    for (size_t i = 0; i < plan.commits.size(); ++i)
        shas.push_back(fakeSha(int(i)));
    return shas;
}

// Every file under `dir`, relative, sorted.
QStringList filesUnder(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(dir).relativeFilePath(it.next());
    files.sort();
    return files;
}

QByteArray bytesOf(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString ms(std::int64_t value)
{
    return QString::number(value);
}

// How the importers name the small plan's deployments: "<provider>:<external id>".
QString importedName(const Plan& plan, int index)
{
    static const char* const names[] = { "csv:5001", "argocd:production/cart#0", "csv:5003",
                                         "csv:5004", "argocd:production/cart#1", "argocd:production/cart#2",
                                         nullptr,    "argocd:staging/cart#0" };
    if (index == 6)
        return QStringLiteral("argocd:production/checkout#op-%1").arg(plan.deployments[6].createdMs);
    return S(names[index]);
}

} // namespace

class TestDemoDelivery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesTheSameBytesTwice();
    void everyFileIsDetectedAsItsKind();
    void importsThePlannedRows();
    void linksIncidentsAsPlanned();
    void reportsPlansTheLinkerWouldReadOtherwise();
    void refusesUnknownCommits();
    void pagesIncidentsByHundred();

private:
    // Writes the small plan and imports it into a fresh workspace; returns the workspace path.
    QString importSmallPlan(QTemporaryDir& dir);
};

void TestDemoDelivery::writesTheSameBytesTwice()
{
    const Plan plan = smallPlan();
    const auto shas = shasOf(plan);
    QTemporaryDir a;
    QTemporaryDir b;
    const QStringList writtenA = writeDeliveryExports(plan, shas, a.path());
    const QStringList writtenB = writeDeliveryExports(plan, shas, b.path());
    const QStringList files = filesUnder(a.path());
    QCOMPARE(files,
             test::texts({ "deployments/argocd/cart-production.yaml", "deployments/argocd/cart-staging.yaml",
                           "deployments/argocd/checkout-production.yaml", "deployments/deployments.csv",
                           "incidents/pagerduty_incidents_001.json", "pull-requests/gh_pr_list.json" }));
    QCOMPARE(filesUnder(b.path()), files);
    QCOMPARE(writtenA.size(), files.size());
    QCOMPARE(writtenB.size(), files.size());
    for (const QString& file : files) {
        const QByteArray bytes = bytesOf(QDir(a.path()).filePath(file));
        QVERIFY2(!bytes.isEmpty(), qPrintable(file));
        QVERIFY2(bytes == bytesOf(QDir(b.path()).filePath(file)), qPrintable(file));
    }
    // Writing again over the same folder gives the same bytes too (no state kept between calls).
    const QByteArray before
        = bytesOf(QDir(a.path()).filePath(QStringLiteral("pull-requests/gh_pr_list.json")));
    writeDeliveryExports(plan, shas, a.path());
    QCOMPARE(bytesOf(QDir(a.path()).filePath(QStringLiteral("pull-requests/gh_pr_list.json"))), before);

    // Fixed formats: ISO-8601 UTC to the second, the CSV header of the project's fixture.
    const QByteArray csv = bytesOf(QDir(a.path()).filePath(QStringLiteral("deployments/deployments.csv")));
    QVERIFY(csv.startsWith(
        "status,deployment_id,environment,service,finished_at,started_at,commit_sha,ref,url,notes\n"));
    QVERIFY(csv.contains("success,5001,staging,cart,2026-05-04T13:34:12Z,2026-05-04T13:30:00Z,"));
}

void TestDemoDelivery::everyFileIsDetectedAsItsKind()
{
    const Plan plan = smallPlan();
    QTemporaryDir dir;
    const QStringList written = writeDeliveryExports(plan, shasOf(plan), dir.path());
    const importers::Detection detection = importers::detectInputs({ dir.path() });
    QVERIFY2(detection.unrecognised.isEmpty(), qPrintable(detection.unrecognised.join(QLatin1Char('\n'))));
    QCOMPARE(detection.inputs.size(), size_t(written.size()));
    for (const importers::DetectedInput& input : detection.inputs) {
        const QString name = QDir(dir.path()).relativeFilePath(input.path);
        InputKind expected = InputKind::Ci;
        if (name.startsWith(QLatin1String("deployments/")))
            expected = InputKind::Deploys;
        else if (name.startsWith(QLatin1String("incidents/")))
            expected = InputKind::Incidents;
        else if (name.startsWith(QLatin1String("pull-requests/")))
            expected = InputKind::Prs;
        QVERIFY2(expected != InputKind::Ci, qPrintable(name));
        QVERIFY2(input.kind == expected,
                 qPrintable(name + QStringLiteral(" detected as ") + importers::inputKindName(input.kind)));
    }
}

QString TestDemoDelivery::importSmallPlan(QTemporaryDir& dir)
{
    const Plan plan = smallPlan();
    writeDeliveryExports(plan, shasOf(plan), dir.filePath(QStringLiteral("exports")));
    const QString path = dir.filePath(QStringLiteral("demo.faultline"));
    auto workspace = store::Workspace::create(path);
    const importers::Detection detection
        = importers::detectInputs({ dir.filePath(QStringLiteral("exports")) });
    importers::AutoImportReport report;
    QElapsedTimer timer;
    timer.start();
    importers::runAutoImport(workspace, detection, {}, report);
    qInfo("imported %d files in %lld ms", int(detection.inputs.size()), timer.elapsed());
    [&] {
        QCOMPARE(report.steps.size(), size_t(3));
        QVERIFY(report.steps[0].kind == InputKind::Deploys);
        QVERIFY(report.steps[1].kind == InputKind::Incidents);
        QVERIFY(report.steps[2].kind == InputKind::Prs);
        for (const auto& step : report.steps) {
            QVERIFY2(step.notices.isEmpty(), qPrintable(step.notices.join(QLatin1Char('\n'))));
            for (const auto& summary : step.summaries)
                QCOMPARE(summary.warnings, 0);
        }
        QCOMPARE(report.steps[0].formats, test::texts({ "argocd", "argocd", "argocd", "csv" }));
        QCOMPARE(report.steps[1].formats, test::texts({ "pagerduty" }));
        QCOMPARE(report.steps[2].formats, test::texts({ "gh" }));
    }();
    return path;
}

void TestDemoDelivery::importsThePlannedRows()
{
    QTemporaryDir dir;
    const QString ws = importSmallPlan(dir);
    if (QTest::currentTestFailed())
        return;
    const Plan plan = smallPlan();
    const auto shas = shasOf(plan);
    QCOMPARE(test::workspaceCount(ws, "import_warnings"), 0);
    QCOMPARE(test::workspaceCount(ws, "deployments"), std::int64_t(plan.deployments.size()));
    QCOMPARE(test::workspaceCount(ws, "incidents"), std::int64_t(plan.incidents.size()));
    QCOMPARE(test::workspaceCount(ws, "pull_requests"), std::int64_t(plan.pulls.size()));
    QCOMPARE(test::workspaceCount(ws, "pr_commits"), std::int64_t(5));
    QCOMPARE(test::workspaceCount(ws, "pr_reviews"), std::int64_t(5));

    // Deployments: provider, id, service, environment, status, start, finish, sha; the failed sync
    // in the middle of the Argo CD history went to the CSV, the app's last failed one is its
    // operationState.
    const auto& d = plan.deployments;
    QStringList expected;
    auto row = [&](const char* provider, const QString& id, size_t k) {
        expected << QStringList { S(provider),
                                  id,
                                  d[k].service,
                                  d[k].environment,
                                  d[k].status,
                                  ms(d[k].createdMs),
                                  ms(d[k].finishedMs / 1000 * 1000),
                                  shas[size_t(d[k].commit)] }
                        .join(QLatin1Char('|'));
    };
    row("argocd", S("production/cart#0"), 1);
    row("argocd", S("production/cart#1"), 4);
    row("argocd", S("production/cart#2"), 5);
    row("argocd", QStringLiteral("production/checkout#op-%1").arg(d[6].createdMs), 6);
    row("argocd", S("staging/cart#0"), 7);
    row("csv", S("5001"), 0);
    row("csv", S("5003"), 2);
    row("csv", S("5004"), 3);
    QCOMPARE(test::workspaceRows(ws,
                                 "SELECT provider, external_id, service, environment, status, started_at, "
                                 "finished_at, commit_sha FROM deployments ORDER BY provider, external_id"),
             expected);
    // What the linker derived from them: production flags and the rollback (commit 1 redeployed).
    QCOMPARE(test::workspaceRows(ws, "SELECT external_id FROM deployments WHERE is_rollback = 1"),
             test::texts({ "production/cart#2" }));
    QCOMPARE(test::workspaceRows(ws, "SELECT count(*) FROM deployments WHERE is_production = 1"),
             test::texts({ "6" }));

    // Incidents: PagerDuty id and number, title, service, urgency, status and the three times.
    QStringList planned;
    std::vector<Incident> byTime = plan.incidents;
    std::sort(byTime.begin(), byTime.end(),
              [](const Incident& a, const Incident& b) { return a.createdMs < b.createdMs; });
    for (const Incident& i : byTime)
        planned << QStringList { S("pagerduty"),  QString::number(i.number),
                                 i.title,         i.service,
                                 i.urgency,       S("resolved"),
                                 ms(i.createdMs), ms(i.acknowledgedMs),
                                 ms(i.resolvedMs) }
                       .join(QLatin1Char('|'));
    QCOMPARE(
        test::workspaceRows(ws,
                            "SELECT provider, display_key, title, service, severity, status, created_at, "
                            "acknowledged_at, resolved_at FROM incidents ORDER BY created_at"),
        planned);
    QCOMPARE(test::workspaceRows(ws, "SELECT count(DISTINCT external_id) FROM incidents"),
             test::texts({ "4" }));

    // Pull requests: author (the Copilot agent's as "Copilot", not a bot by the linker's rules), head
    // branch, times, merge commit; reviews with their states and times; commits with their shas.
    QCOMPARE(test::workspaceRows(ws,
                                 "SELECT number, author, is_bot, state, head_ref, base_ref, created_at, "
                                 "merged_at, merge_commit_sha, project, additions, deletions "
                                 "FROM pull_requests ORDER BY number"),
             (QStringList {
                 QStringList { S("101"), S("amoreau"), S("0"), S("MERGED"), S("amoreau/cart-totals"),
                               S("main"), ms(at(2.2)), ms(at(4)), shas[1], S("acme/shop"), S("10"), S("4") }
                     .join(QLatin1Char('|')),
                 QStringList { S("102"), S("Copilot"), S("0"), S("MERGED"), S("copilot/fix-cart-total"),
                               S("main"), ms(at(4.5)), ms(at(6)), shas[2], S("acme/shop"), S("5"), S("2") }
                     .join(QLatin1Char('|')),
                 QStringList { S("103"), S("chenwei"), S("0"), S("MERGED"), S("chenwei/payment-retry"),
                               S("main"), ms(at(9.1)), ms(at(10)), shas[4], S("acme/shop"), S("10"), S("4") }
                     .join(QLatin1Char('|')) }));
    QCOMPARE(test::workspaceRows(ws,
                                 "SELECT p.number, r.author, r.state, r.submitted_at FROM pr_reviews r "
                                 "JOIN pull_requests p ON p.id = r.pr_id ORDER BY p.number, r.submitted_at"),
             (QStringList { QStringLiteral("101|bolind|CHANGES_REQUESTED|%1").arg(at(2.5)),
                            QStringLiteral("101|chenwei|COMMENTED|%1").arg(at(2.7)),
                            QStringLiteral("101|bolind|APPROVED|%1").arg(at(3.5)),
                            QStringLiteral("102|amoreau|APPROVED|%1").arg(at(5.5)),
                            QStringLiteral("103|amoreau|APPROVED|%1").arg(at(9.5)) }));
    QCOMPARE(test::workspaceRows(ws,
                                 "SELECT p.number, c.sha, c.authored_at, c.committed_at FROM pr_commits c "
                                 "JOIN pull_requests p ON p.id = c.pr_id ORDER BY p.number, c.committed_at"),
             (QStringList { QStringLiteral("101|%1|%2|%3").arg(shas[0]).arg(at(0.5)).arg(at(1)),
                            QStringLiteral("101|%1|%2|%3").arg(shas[1]).arg(at(1.5)).arg(at(2)),
                            QStringLiteral("102|%1|%2|%3").arg(shas[2]).arg(at(4.5)).arg(at(5)),
                            QStringLiteral("103|%1|%2|%3").arg(shas[3]).arg(at(7.5)).arg(at(8)),
                            QStringLiteral("103|%1|%2|%3").arg(shas[4]).arg(at(8.5)).arg(at(9)) }));
}

void TestDemoDelivery::linksIncidentsAsPlanned()
{
    QTemporaryDir dir;
    const QString ws = importSmallPlan(dir);
    if (QTest::currentTestFailed())
        return;
    const Plan plan = smallPlan();
    // The planned cause of each incident, as the deployment's external id ("-" for none).
    QStringList planned;
    for (const Incident& i : plan.incidents) {
        const QString cause = i.causedBy >= 0 ? importedName(plan, i.causedBy) : S("-");
        planned << QStringLiteral("%1|%2").arg(i.title, cause);
    }
    std::sort(planned.begin(), planned.end());
    QStringList linked = test::workspaceRows(
        ws,
        "SELECT i.title, coalesce(d.provider || ':' || d.external_id, '-') FROM incidents i "
        "LEFT JOIN links l ON l.kind = 'incident_deployment' AND l.from_type = 'incident' AND l.from_id = "
        "i.id "
        "LEFT JOIN deployments d ON d.id = l.to_id ORDER BY i.title");
    QCOMPARE(linked, planned);
    QCOMPARE(incidentLinkMismatches(plan), QStringList());
}

void TestDemoDelivery::reportsPlansTheLinkerWouldReadOtherwise()
{
    Plan plan = smallPlan();
    plan.incidents[0].causedBy = 1; // an earlier deployment than the latest one before the incident
    plan.incidents[2].causedBy = 5; // five days after it: outside the 72 h window
    const QStringList problems = incidentLinkMismatches(plan);
    QCOMPARE(problems.size(), 2);
    QVERIFY2(problems[0].contains(QLatin1String("#41"))
                 && problems[0].contains(QLatin1String("deployment 5005")),
             qPrintable(problems[0]));
    QVERIFY2(problems[1].contains(QLatin1String("#43")) && problems[1].contains(QLatin1String("finds none")),
             qPrintable(problems[1]));
}

void TestDemoDelivery::refusesUnknownCommits()
{
    Plan plan = smallPlan();
    auto shas = shasOf(plan);
    shas.pop_back(); // commit 7 (deployed to cart staging) has no sha
    QTemporaryDir dir;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeDeliveryExports(plan, shas, dir.path()));
}

void TestDemoDelivery::pagesIncidentsByHundred()
{
    Plan plan = smallPlan();
    plan.incidents.clear();
    for (int k = 0; k < 150; ++k)
        plan.incidents.push_back(incident(20000 + k, 1000 + k, "Cart errors", "cart", 200 + k, -1));
    QTemporaryDir dir;
    const QStringList written
        = writeDeliveryExports(plan, shasOf(plan), dir.filePath(QStringLiteral("exports")));
    QVERIFY(written.contains(dir.filePath(QStringLiteral("exports/incidents/pagerduty_incidents_001.json"))));
    QVERIFY(written.contains(dir.filePath(QStringLiteral("exports/incidents/pagerduty_incidents_002.json"))));
    const QByteArray second
        = bytesOf(dir.filePath(QStringLiteral("exports/incidents/pagerduty_incidents_002.json")));
    QVERIFY(second.contains("\"offset\": 100"));
    QVERIFY(second.contains("\"more\": false"));
    QVERIFY(bytesOf(dir.filePath(QStringLiteral("exports/incidents/pagerduty_incidents_001.json")))
                .contains("\"more\": true"));

    const QString path = dir.filePath(QStringLiteral("paged.faultline"));
    auto workspace = store::Workspace::create(path);
    importers::AutoImportReport report;
    importers::runAutoImport(workspace, importers::detectInputs({ dir.filePath(QStringLiteral("exports")) }),
                             {}, report);
    QCOMPARE(test::workspaceCount(path, "incidents"), std::int64_t(150));
    QCOMPARE(test::workspaceCount(path, "import_warnings"), std::int64_t(0));
    QCOMPARE(test::workspaceRows(path, "SELECT min(display_key), max(display_key) FROM incidents"),
             test::texts({ "1000|1149" }));
}

QTEST_GUILESS_MAIN(TestDemoDelivery)
#include "tst_demo_delivery.moc"
