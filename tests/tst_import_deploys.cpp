// `import deploys` (importers/deploys): GitHub deployments with their statuses in every layout, GitLab
// deployments, Argo CD Applications as JSON and YAML, helm history, the deployment CSV, detection by
// content, malformed input, re-imports, older exports, and the real samples in
// ../shared/samples/deployments.
//
// Fixtures are in tests/data/deployments (written for these tests, field for field like the samples).
// Epoch values were worked out by hand from the anchors 2024-05-06T00:00:00Z = 1714953600 s and
// 2024-05-07T00:00:00Z = 1715040000 s; the arithmetic is in the comments.
#include "delivery_test_support.h"
#include "deploys/deploy_import.h"
#include "deploys/github_outcome.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace faultline;
using faultline::test::dataPath;
using faultline::test::importFiles;
using faultline::test::ScratchWorkspace;
using faultline::test::sharedSamplesDir;
using faultline::test::verifyChecks;
using faultline::test::verifyFileImportFails;
using faultline::test::workspaceCount;
using faultline::test::workspaceRows;

namespace {

using faultline::test::S;

constexpr auto L = test::texts;

const importers::FileImportKind& kind()
{
    return importers::deploys::importKind();
}

QStringList fixtures(const QStringList& names)
{
    return test::dataPaths(names, QStringLiteral("deployments"));
}

QByteArray readFixture(const char* name)
{
    return test::readData(QStringLiteral("deployments/") + QString::fromUtf8(name));
}

importers::FileImportOptions options(const QString& service = {}, const QString& environment = {},
                                     const QString& format = {})
{
    importers::FileImportOptions o;
    o.service = service;
    o.environment = environment;
    o.format = format;
    return o;
}

// The columns most checks compare, one deployment per row (a macro, so that rows are literals).
#define CORE                                                                                                 \
    "SELECT external_id, service, environment, status, status_raw, started_at, finished_at, commit_sha, "    \
    "ref "                                                                                                   \
    "FROM deployments ORDER BY external_id => "

// Every stored deployment and status, to compare whole workspaces.
QStringList snapshot(const QString& workspace)
{
    return workspaceRows(
               workspace,
               "SELECT provider, external_id, service, environment, status, status_raw, created_at, "
               "started_at, finished_at, updated_at, commit_sha, ref, url, description, creator, "
               "repository, rollback_target FROM deployments ORDER BY provider, external_id")
        + workspaceRows(
               workspace,
               "SELECT d.external_id, s.external_id, s.state, s.created_at, s.description, s.log_url "
               "FROM deployment_statuses s JOIN deployments d ON d.id = s.deployment_id "
               "ORDER BY d.external_id, s.external_id");
}

QByteArray edited(const QByteArray& content, const char* from, const char* to)
{
    QByteArray copy = content;
    if (!copy.contains(from))
        qFatal("fixture lacks %s", from);
    return copy.replace(from, to);
}

} // namespace

class TestImportDeploys : public QObject
{
    Q_OBJECT

private slots:
    void shapes_data();
    void shapes();
    void statusesImportAfterDeployments();
    void gitHubOutcome_data();
    void gitHubOutcome();
    void warnings();
    void yamlScalars();
    void argoCdApplicationList();
    void argoCdRunningOperationSucceeds();
    void formatGivenKeepsFileOrder();
    void malformed_data();
    void malformed();
    void reimportAddsNothing_data();
    void reimportAddsNothing();
    void olderExportKeepsNewerState();
    void skewedTimesAreKeptWithAWarning();
    void sampleGitHubDeploymentsList();
    void sampleGitHubDeploymentStatuses();
    void sampleGitLabDeployments();
    void sampleArgoCdApplication();
    void sampleHelmHistory();
};

void TestImportDeploys::shapes_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QStringList>("checks");

    // 910001: created 09:00:00 (1714953600 + 32400 s), first in_progress 09:01:10 (+32470), success
    // 09:04:30 (+32670). 910002 has no statuses: unknown, started = created 10:00:00 (+36000).
    // 910003: in_progress 11:02:00 (+39720), failure 11:06:00 (+39960).
    const QStringList github = L(
        { "SELECT external_id, service, environment, status, status_raw, created_at, started_at, "
          "finished_at, "
          "updated_at, commit_sha, ref, creator, repository, description FROM deployments ORDER BY "
          "external_id => "
          "910001|shop-api|production|success|success|1714986000000|1714986070000|1714986270000|"
          "1714986270000|"
          "4b825dc642cb6eb9a060e54bf8d69288fbee4904|main|mara-k|acme/shop-api|Release 2.4; "
          "910002|shop-api|staging|unknown|NULL|1714989600000|1714989600000|NULL|1714989600000|"
          "9c1185a5c5e9fc54612808977ee8f548b2258d31|v2.4.1|deploy-bot|acme/shop-api|task deploy:migrations; "
          "910003|shop-api|production|failure|failure|1714993200000|1714993320000|1714993560000|"
          "1714993560000|"
          "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391|main|mara-k|acme/shop-api|Release 2.5",
          "SELECT d.external_id, s.external_id, s.state, s.created_at, s.log_url FROM deployment_statuses s "
          "JOIN deployments d ON d.id = s.deployment_id WHERE d.external_id = '910003' ORDER BY s.created_at "
          "=> "
          "910003|3300011|in_progress|1714993320000|https://ci.acme.example/deploys/910003/log; "
          "910003|3300012|failure|1714993560000|https://ci.acme.example/deploys/910003/log",
          "SELECT count(*), count(DISTINCT provider) FROM deployment_statuses, deployments => 15|1",
          "SELECT url FROM deployments WHERE external_id = '910001' => "
          "https://api.github.com/repos/acme/shop-api/deployments/910001" });
    QTest::addRow("github list, then statuses pages")
        << L({ "github_deployments.json", "github_statuses.json" }) << QString() << QString() << github;
    QTest::addRow("github statuses pages, then list")
        << L({ "github_statuses.json", "github_deployments.json" }) << QString() << QString() << github;

    // 2024-05-07: 02:00:00 = 1715040000 + 7200 s; in_progress 02:03 (+7380), success 02:07 (+7620),
    // then inactive (superseded): still success. 920011: in_progress 03:01 (+10860), error 03:09
    // (+11340). 920012: pending only → queued, started = created 04:00 (+14400). 920013: queued,
    // then in_progress 05:02 (+18120) → running.
    QTest::addRow("github deployments with statuses (combined)")
        << L({ "github_combined.json" }) << QString() << QString()
        << L({ CORE "920010|billing-worker|production|success|success|1715047380000|1715047620000|"
                    "1111111111222222222233333333334444444444|main; "
                    "920011|billing-worker|production|failure|error|1715050860000|1715051340000|"
                    "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd|hotfix/ledger; "
                    "920012|billing-worker|staging|queued|pending|1715054400000|NULL|"
                    "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd|hotfix/ledger; "
                    "920013|billing-worker|staging|running|in_progress|1715058120000|NULL|"
                    "1111111111222222222233333333334444444444|main",
               "SELECT count(*) FROM deployment_statuses => 9",
               "SELECT DISTINCT repository, provider FROM deployments => acme/billing-worker|github" });

    // 2024-05-08T08:00:00Z = 1715126400 + 28800 s; 09:30:00 = +34200 s.
    QTest::addRow("github JSON Lines, --service overrides the repository name")
        << L({ "github_deployments.jsonl" }) << S("search-api") << QString()
        << L({ CORE "930001|search-api|production|unknown|NULL|1715155200000|NULL|"
                    "0123456789abcdef0123456789abcdef01234567|main; "
                    "930002|search-api|qa|unknown|NULL|1715160600000|NULL|"
                    "89abcdef0123456789abcdef0123456789abcdef|main",
               "SELECT DISTINCT repository, creator FROM deployments => acme/search|li-wu" });

    // 55001: started = deployable.started_at 07:03:29.010 (+25409.010 s), finished = finished_at
    // 07:04:10.480 (+25450.480). 55002 (+02:00, no finished_at): created 07:30 UTC (+27000), started
    // 07:31:15 (+27075), finished = deployable.finished_at 07:33:00.200 (+27180.200). 55003 running:
    // started 08:00:39 (+28839), no finish. 55004 "completed" is no GitLab status: unknown, no finish.
    QTest::addRow("gitlab deployments")
        << L({ "gitlab_deployments.json" }) << QString() << QString()
        << L({ CORE "55001|checkout|production|success|success|1714979009010|1714979050480|"
                    "5d41402abc4b2a76b9719d911017c592ae1b2c3d|main; "
                    "55002|checkout|production|failure|failed|1714980675000|1714980780200|"
                    "7215ee9c7d9dc229d2921a40e899ec5f22e6a1b0|main; "
                    "55003|checkout|staging|running|running|1714982439000|NULL|"
                    "7215ee9c7d9dc229d2921a40e899ec5f22e6a1b0|main; "
                    "55004|checkout|staging|unknown|completed|1714975260000|NULL|"
                    "5d41402abc4b2a76b9719d911017c592ae1b2c3d|main",
               "SELECT created_at, updated_at, creator, repository, url FROM deployments WHERE external_id = "
               "'55002' "
               "=> 1714980600000|1714980780250|t.lind|acme/platform/checkout|"
               "https://gitlab.example.com/acme/platform/checkout/-/jobs/880002" });

    // History 11: 08:10:00 (+29400 s) → 08:10:04; 12: 09:20:00 (+33600) → 09:20:03; 13 redeploys
    // 11's revision at 09:45:10 (+35110) → 09:45:12. The running operation started 10:30:00 (+37800).
    QTest::addRow("argocd YAML with a running operation")
        << L({ "argocd_app.yaml" }) << QString() << QString()
        << L({ CORE "argocd/prod-cart#11|prod-cart|prod|success|Succeeded|1714983000000|1714983004000|"
                    "2f0e7a1c9b8d6e5f4a3b2c1d0e9f8a7b6c5d4e3f|main; "
                    "argocd/prod-cart#12|prod-cart|prod|success|Succeeded|1714987200000|1714987203000|"
                    "8e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d|main; "
                    "argocd/prod-cart#13|prod-cart|prod|success|Succeeded|1714988710000|1714988712000|"
                    "2f0e7a1c9b8d6e5f4a3b2c1d0e9f8a7b6c5d4e3f|main; "
                    "argocd/prod-cart#op-1714991400000|prod-cart|prod|running|Running|1714991400000|NULL|"
                    "6b7a8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b|main",
               "SELECT external_id, creator, repository FROM deployments ORDER BY external_id => "
               "argocd/prod-cart#11|NULL|https://github.com/acme/shop-gitops.git; "
               "argocd/prod-cart#12|mara-k|https://github.com/acme/shop-gitops.git; "
               "argocd/prod-cart#13|automated|https://github.com/acme/shop-gitops.git; "
               "argocd/prod-cart#op-1714991400000|jo-ng|https://github.com/acme/shop-gitops.git",
               "SELECT description FROM deployments WHERE status = 'running' => "
               "waiting for healthy state of apps/Deployment/cart" });

    // A Helm-chart source: revisions are chart versions (refs, no commit). 2024-05-07 10:00:00 =
    // +36000 s, 11:00:00 = +39600 s; the failed operation ran 11:40:00 (+42000) → 11:40:30.
    QTest::addRow("argocd JSON List with a failed operation")
        << L({ "argocd_apps_list.json" }) << QString() << QString()
        << L({ CORE
               "argocd/ledger#4|ledger|billing|success|Succeeded|1715076000000|1715076007000|NULL|1.4.1; "
               "argocd/ledger#5|ledger|billing|success|Succeeded|1715079600000|1715079609000|NULL|1.4.2; "
               "argocd/ledger#op-1715082000000|ledger|billing|failure|Failed|1715082000000|1715082030000|"
               "NULL|1.4.3",
               "SELECT external_id, creator, repository, description FROM deployments ORDER BY external_id "
               "=> "
               "argocd/ledger#4|li-wu|https://charts.acme.example|NULL; "
               "argocd/ledger#5|automated|https://charts.acme.example|NULL; "
               "argocd/ledger#op-1715082000000|automated|https://charts.acme.example|"
               "one or more objects failed to apply: Job.batch \"ledger-migrate\" is invalid" });

    // +02:00 offsets: 11:02:03.123456789+02:00 = 09:02:03.123Z (+32523.123 s, nanoseconds cut),
    // 14:30:00.5 → 12:30:00.500Z (+45000.5), 15:00 → 13:00Z (+46800), 15:10 → 13:10Z (+47400).
    QTest::addRow("helm history with a Helm 4 rollback")
        << L({ "helm_history.json" }) << S("shop-api") << S("production")
        << L({ CORE "shop-api#1|shop-api|production|success|superseded|NULL|1714986123123|NULL|"
                    "shop-api-3.1.0 (app 2.4.0); "
                    "shop-api#2|shop-api|production|success|superseded|NULL|1714998600500|NULL|"
                    "shop-api-3.2.0 (app 2.5.0); "
                    "shop-api#3|shop-api|production|failure|failed|NULL|1715000400000|NULL|shop-api-3.3.0 "
                    "(app 2.6.0); "
                    "shop-api#4|shop-api|production|success|deployed|NULL|1715001000000|NULL|"
                    "shop-api-3.2.0 (app 2.5.0)",
               "SELECT external_id, rollback_target, description FROM deployments ORDER BY external_id => "
               "shop-api#1|NULL|Install complete; shop-api#2|NULL|Upgrade complete; "
               "shop-api#3|NULL|Upgrade \"shop-api\" failed: context deadline exceeded; "
               "shop-api#4|shop-api#2|Rollback to 2" });

    // Helm 3: the rollback target only in the description; a pending upgrade is running since
    // `updated` (2024-05-08T10:00:00Z = 1715126400 + 36000 s).
    QTest::addRow("helm 3 history, pending upgrade")
        << L({ "helm_history_helm3.json" }) << S("search") << S("staging")
        << L({ CORE "search#7|search|staging|success|superseded|NULL|1715158800000|NULL|search-1.0.0; "
                    "search#8|search|staging|success|deployed|NULL|1715160600000|NULL|search-0.9.0; "
                    "search#9|search|staging|running|pending-upgrade|1715162400000|NULL|NULL|search-1.1.0",
               "SELECT rollback_target FROM deployments WHERE external_id = 'search#8' => search#6" });

    // Reordered columns, an unknown `notes` column, quoted commas and quotes; row 2 takes
    // --environment, row 3 --service. 13:00+02:00 = 11:00Z (+39600 s); 14:00:00.250Z = +50400.25 s.
    QTest::addRow("csv, reordered columns and quoted commas")
        << L({ "deployments.csv" }) << S("cart") << S("production")
        << L({ CORE "rel-2024-05-06.1|shop-api|production|success|Succeeded|1714996800000|1714997400000|"
                    "4b825dc642cb6eb9a060e54bf8d69288fbee4904|main; "
                    "rel-2024-05-06.2|shop-api|production|failure|FAILED|1714993200000|1714993530000|e69de29|"
                    "main; "
                    "rel-2024-05-06.3|cart|staging|running|in_progress|1715004000250|NULL|NULL|release/2.6",
               "SELECT DISTINCT provider FROM deployments => csv",
               "SELECT url, description FROM deployments WHERE external_id = 'rel-2024-05-06.1' => "
               "https://deploy.acme.example/r/1|NULL" });

    // DevLake's webhook names: the service from repo_url, started = created_at when started_at is NULL.
    QTest::addRow("csv with DevLake webhook columns")
        << L({ "deployments_devlake.csv" }) << QString() << QString()
        << L({ CORE "dl-1001|shop-api|PRODUCTION|success|SUCCESS|1714986060000|1714986540000|"
                    "4b825dc642cb6eb9a060e54bf8d69288fbee4904|main; "
                    "dl-1002|shop-api|PRODUCTION|cancelled|ABORTED|1714993200000|NULL|"
                    "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391|main",
               "SELECT external_id, repository, description, url FROM deployments ORDER BY external_id => "
               "dl-1001|https://github.com/acme/shop-api|Deploy 2.4 to prod|https://ci.acme.example/d/1001; "
               "dl-1002|https://github.com/acme/shop-api.git|Deploy 2.5 to "
               "prod|https://ci.acme.example/d/1002" });
}

void TestImportDeploys::shapes()
{
    QFETCH(QStringList, files);
    QFETCH(QString, service);
    QFETCH(QString, environment);
    QFETCH(QStringList, checks);
    ScratchWorkspace s;
    importFiles(s.workspace, kind(), fixtures(files), options(service, environment));
    verifyChecks(s.workspace, checks);
}

void TestImportDeploys::statusesImportAfterDeployments()
{
    ScratchWorkspace s;
    const auto report
        = importFiles(s.workspace, kind(),
                      fixtures(L({ "github_statuses.json", "helm_history.json", "github_deployments.json" })),
                      options(S("shop-api"), S("production")));
    QCOMPARE(int(report.files.size()), 3);
    QStringList formats;
    for (const auto& file : report.files)
        formats << QFileInfo(file.path).fileName() + QLatin1Char('=') + file.format;
    QCOMPARE(formats,
             L({ "helm_history.json=helm", "github_deployments.json=github",
                 "github_statuses.json=github-statuses" }));
    QCOMPARE(workspaceCount(s.workspace, "deployment_statuses"), 5);

    // Given alone, a statuses file names the first status whose deployment is missing.
    ScratchWorkspace empty;
    const QByteArray pages = readFixture("github_statuses.json");
    const QString firstPage = empty.write(S("statuses.json"), pages.left(pages.indexOf("]\n[") + 1));
    verifyFileImportFails(empty.workspace, kind(), { firstPage }, {},
                          { firstPage
                            + S(": $[0].url: deployment 910001 is not in the workspace; import the "
                                "deployments list first or in the same command") });
}

void TestImportDeploys::gitHubOutcome_data()
{
    QTest::addColumn<QStringList>("states"); // "state@minute"
    QTest::addColumn<QString>("expected"); // status|raw|started|finished, created at minute 0

    QTest::addRow("none") << QStringList() << S("unknown||0|");
    QTest::addRow("inactive only") << L({ "inactive@5" }) << S("unknown|inactive|0|");
    QTest::addRow("queued, pending") << L({ "queued@1", "pending@2" }) << S("queued|pending|0|");
    QTest::addRow("in progress") << L({ "queued@1", "in_progress@2" }) << S("running|in_progress|2|");
    QTest::addRow("success") << L({ "queued@1", "in_progress@2", "success@4" }) << S("success|success|2|4");
    QTest::addRow("success then inactive")
        << L({ "in_progress@2", "success@4", "inactive@9" }) << S("success|success|2|4");
    QTest::addRow("first success counts") << L({ "success@3", "success@6" }) << S("success|success|0|3");
    QTest::addRow("failure") << L({ "in_progress@2", "failure@7" }) << S("failure|failure|2|7");
    QTest::addRow("error after success") << L({ "success@3", "error@8" }) << S("failure|error|0|8");
    QTest::addRow("error, inactive") << L({ "error@3", "inactive@8" }) << S("failure|error|0|3");
    QTest::addRow("failure, then success")
        << L({ "failure@3", "in_progress@4", "success@8" }) << S("success|success|4|8");
    QTest::addRow("undocumented state last") << L({ "queued@1", "waiting@2" }) << S("unknown|waiting|0|");
}

void TestImportDeploys::gitHubOutcome()
{
    QFETCH(QStringList, states);
    QFETCH(QString, expected);
    std::vector<store::DeploymentStatusRecord> statuses;
    for (const QString& entry : std::as_const(states)) {
        store::DeploymentStatusRecord r;
        r.state = entry.section(QLatin1Char('@'), 0, 0);
        r.createdAt = entry.section(QLatin1Char('@'), 1).toLongLong();
        statuses.push_back(r);
    }
    const auto o = importers::deploys::gitHubOutcome(statuses, std::int64_t(0));
    auto text = [](const std::optional<std::int64_t>& v) { return v ? QString::number(*v) : QString(); };
    QCOMPARE(
        QStringList({ o.status, o.statusRaw, text(o.startedAt), text(o.finishedAt) }).join(QLatin1Char('|')),
        expected);
}

void TestImportDeploys::warnings()
{
    ScratchWorkspace s;
    const auto report = importFiles(s.workspace, kind(),
                                    fixtures(L({ "gitlab_deployments.json", "helm_history_helm3.json" })),
                                    options(S("search")));
    QCOMPARE(report.warnings, 2);
    const QString gitlab = dataPath(QStringLiteral("deployments/gitlab_deployments.json"));
    const QString helm = dataPath(QStringLiteral("deployments/helm_history_helm3.json"));
    QCOMPARE(workspaceRows(s.workspace,
                           "SELECT kind, file, line, location, detail FROM import_warnings ORDER BY id"),
             QStringList(
                 { S("unknown-value|") + gitlab
                       + S("|NULL|$[3].status|unknown status 'completed' (expected one of created, running, "
                           "success, failed, canceled, skipped, blocked); kept with status unknown"),
                   S("missing-environment|") + helm
                       + S("|NULL|NULL|helm history names no environment and --environment is not given; the "
                           "deployments of search have none, so no metric counts them as production") }));
    // --service is the service of every record: the GitLab deployments too.
    QCOMPARE(workspaceRows(s.workspace,
                           "SELECT DISTINCT provider, service, environment FROM deployments ORDER BY 1, 3"),
             L({ "gitlab|search|production", "gitlab|search|staging", "helm|search|" }));
}

void TestImportDeploys::yamlScalars()
{
    // Two documents; quoted and plain digits, leading zeros, floats and booleans keep their text
    // where it matters: revisions are refs, ids integers.
    ScratchWorkspace s;
    const QString file = s.write(S("apps.yaml"), R"x(# two Applications
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: docs, namespace: argocd}
spec:
  destination: {namespace: "007", server: https://kubernetes.default.svc}
  source: {repoURL: https://charts.acme.example, chart: docs}
status:
  history:
    - {id: 1, revision: 0123, deployedAt: "2024-05-06T08:00:00Z", deployStartedAt: 2024-05-06T07:59:58Z}
    - {id: +2, revision: 2.10, deployedAt: '2024-05-06T09:00:00Z', initiatedBy: {automated: True}}
    - {id: 3, revision: 1234567, deployedAt: "2024-05-06T10:00:00Z", initiatedBy: {automated: false, username: ~}}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: "wiki"
spec:
  destination:
    namespace: null
status:
  history: []
  operationState: {phase: Error, startedAt: "2024-05-06T11:00:00Z", finishedAt: "2024-05-06T11:00:05Z",
    message: "ComparisonError: rpc error", syncResult: {revision: "true"}}
)x");
    importFiles(s.workspace, kind(), { file }, options(QString(), QString()));
    // 07:59:58Z = 1714953600 + 28798 s; 11:00:00Z = +39600 s.
    verifyChecks(
        s.workspace,
        L({ "SELECT external_id, environment, status, ref, commit_sha, started_at, creator FROM deployments "
            "ORDER BY external_id => "
            "argocd/docs#1|007|success|0123|NULL|1714982398000|NULL; "
            "argocd/docs#2|007|success|2.10|NULL|NULL|automated; "
            "argocd/docs#3|007|success|1234567|NULL|NULL|NULL; "
            "wiki#op-1714993200000||failure|true|NULL|1714993200000|NULL" }));
}

void TestImportDeploys::argoCdApplicationList()
{
    // `kubectl get applications.argoproj.io -o json` names its list ApplicationList.
    ScratchWorkspace s;
    const QString file = s.write(S("apps.json"),
                                 edited(readFixture("argocd_apps_list.json"),
                                        "\"apiVersion\": \"v1\",\n  \"kind\": \"List\"",
                                        "\"apiVersion\": \"argoproj.io/v1alpha1\",\n  \"kind\": "
                                        "\"ApplicationList\""));
    const auto report = importFiles(s.workspace, kind(), { file });
    QCOMPARE(report.files.front().format, S("argocd"));
    QCOMPARE(workspaceRows(s.workspace, "SELECT external_id FROM deployments ORDER BY external_id"),
             L({ "argocd/ledger#4", "argocd/ledger#5", "argocd/ledger#op-1715082000000" }));
}

void TestImportDeploys::argoCdRunningOperationSucceeds()
{
    // The fixture's operation is running (started 10:30). A later export holds it as history entry 14
    // with the same start: the running row gives way to the entry.
    ScratchWorkspace s;
    const QByteArray first = readFixture("argocd_app.yaml");
    importFiles(s.workspace, kind(), { s.write(S("app.yaml"), first) });
    QCOMPARE(workspaceRows(s.workspace, "SELECT status FROM deployments WHERE external_id LIKE '%#op-%'"),
             L({ "running" }));
    QByteArray later = edited(first, "  operationState:\n", R"(    - deployStartedAt: "2024-05-06T10:30:00Z"
      deployedAt: "2024-05-06T10:31:40Z"
      id: 14
      revision: 6b7a8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b
  operationState:
)");
    later = edited(later, "    phase: Running\n",
                   "    phase: Succeeded\n    finishedAt: \"2024-05-06T10:31:40Z\"\n");
    importFiles(s.workspace, kind(), { s.write(S("later.yaml"), later) });
    QCOMPARE(workspaceRows(s.workspace, "SELECT external_id, status FROM deployments ORDER BY started_at"),
             L({ "argocd/prod-cart#11|success", "argocd/prod-cart#12|success", "argocd/prod-cart#13|success",
                 "argocd/prod-cart#14|success" }));
}

void TestImportDeploys::formatGivenKeepsFileOrder()
{
    // --format github reads both files as "github": no phase tells them apart, so the order given
    // counts, and the message says so.
    ScratchWorkspace s;
    const QStringList files = fixtures(L({ "github_statuses.json", "github_deployments.json" }));
    verifyFileImportFails(s.workspace, kind(), files, options({}, {}, S("github")),
                          { files.front() + S(":1: $[0].url: deployment 910001 is not in the workspace"),
                            S("with --format, files import in the order given") });
    importFiles(s.workspace, kind(), { files.back(), files.front() }, options({}, {}, S("github")));
    QCOMPARE(workspaceCount(s.workspace, "deployment_statuses"), 5);
}

void TestImportDeploys::malformed_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QStringList>("message");

    const QByteArray list = readFixture("github_deployments.json");
    const QByteArray pages = readFixture("github_statuses.json");
    const QByteArray gitlab = readFixture("gitlab_deployments.json");
    const QByteArray yaml = readFixture("argocd_app.yaml");
    const QByteArray argoJson = readFixture("argocd_apps_list.json");
    const QByteArray csv = readFixture("deployments.csv");

    QTest::addRow("truncated JSON") << S("bad.json") << list.left(list.indexOf("\"creator\"")) << QString()
                                    << L({ "bad.json:", "invalid JSON" });
    QTest::addRow("github created_at a number")
        << S("bad.json")
        << edited(list, "\"created_at\": \"2024-05-06T10:00:00Z\"", "\"created_at\": 1714989600") << QString()
        << L({ "bad.json: $[1].created_at: expected a string, found the number 1714989600" });
    QTest::addRow("github timestamp garbage")
        << S("bad.json")
        << edited(list, "\"updated_at\": \"2024-05-06T11:06:00Z\"", "\"updated_at\": \"last tuesday\"")
        << QString()
        << L({ "bad.json: $[2].updated_at: expected an ISO-8601 timestamp, found the string \"last "
               "tuesday\"" });
    QTest::addRow("github deployment without url or --service")
        << S("bad.json")
        << QByteArray(
               R"([{"id": 1, "sha": "4b825dc642cb6eb9a060e54bf8d69288fbee4904", "ref": "main", "task": "deploy",
            "environment": "production", "created_at": "2024-05-06T09:00:00Z"}])")
        << QString()
        << L({ "bad.json: $[0].url: expected the deployment's API url", "or --service, found nothing" });
    QTest::addRow("statuses without their deployments")
        << S("statuses.json") << pages.mid(pages.indexOf("]\n[") + 2) << QString()
        << L({ "statuses.json: $[0].url: deployment 910003 is not in the workspace; import the deployments "
               "list "
               "first or in the same command" });
    QTest::addRow("status state a number")
        << S("bad.json") << edited(pages, "\"state\": \"queued\"", "\"state\": 3") << QString()
        << L({ "bad.json:1: $[2].state: expected a string, found the number 3" });
    QTest::addRow("gitlab environment name a number")
        << S("bad.json") << edited(gitlab, "\"name\": \"staging\"", "\"name\": 42") << QString()
        << L({ "bad.json: $[2].environment.name: expected a string, found the number 42" });
    QTest::addRow("gitlab deployment naming no project")
        << S("bad.json")
        << QByteArray(
               R"([{"id": 7, "iid": 1, "ref": "main", "sha": "5d41402abc4b2a76b9719d911017c592ae1b2c3d",
            "created_at": "2024-05-06T07:00:00Z", "status": "success", "environment": {"id": 1, "name": "production"},
            "deployable": null}])")
        << QString()
        << L({ "bad.json: $[0].deployable: expected the deploy job", "--service or --project",
               "found null" });
    QTest::addRow("YAML syntax error")
        << S("bad.yaml")
        << edited(yaml, "deployedAt: \"2024-05-06T09:20:03Z\"", "deployedAt: \"2024-05-06T09:20:03Z")
        << QString() << L({ "bad.yaml:40:25: invalid YAML (did not find expected key)" });
    QTest::addRow("YAML bad indentation")
        << S("bad.yaml") << edited(yaml, "  project: shop\n", "  project: shop\n bad: indent\n") << QString()
        << L({ "bad.yaml:14:2: invalid YAML (did not find expected key)" });
    QTest::addRow("YAML history id not a number")
        << S("bad.yaml") << edited(yaml, "id: 12", "id: twelve") << QString()
        << L({ "bad.yaml: $.status.history[1].id: expected an integer, found the string \"twelve\"" });
    QTest::addRow("argocd history entry without deployedAt")
        << S("bad.json") << edited(argoJson, "\"deployedAt\": \"2024-05-07T11:00:09Z\",", "") << QString()
        << L({ "bad.json: $.items[0].status.history[1].deployedAt: expected the time the revision was "
               "deployed, "
               "found nothing" });
    QTest::addRow("helm without --service")
        << S("history.json") << readFixture("helm_history.json") << QString()
        << L({ "history.json: helm history does not name its release; pass --service" });
    QTest::addRow("helm revision a string")
        << S("history.json")
        << edited(readFixture("helm_history.json"), "\"revision\":3", "\"revision\":\"three\"")
        << S("shop-api")
        << L({ "history.json: $[2].revision: expected an integer, found the string \"three\"" });
    QTest::addRow("csv missing column")
        << S("bad.csv") << edited(csv, "environment,service", "env_name,service") << S("cart")
        << L({ "bad.csv:1: missing required column environment" });
    QTest::addRow("csv bad status")
        << S("bad.csv") << edited(csv, "Succeeded", "Shipped") << S("cart")
        << L({ "bad.csv:2: column status: unknown value 'Shipped'; expected one of success, succeeded" });
    QTest::addRow("csv bad timestamp")
        << S("bad.csv") << edited(csv, "2024-05-06T12:10:00Z", "12/05/2024 noon") << S("cart")
        << L({ "bad.csv:2: column finished_at: expected an ISO-8601 timestamp, found '12/05/2024 noon'" });
    QTest::addRow("csv commit not hex")
        << S("bad.csv") << edited(edited(csv, "e69de29,", "e69-de29,"), ",,shop-api", ",production,shop-api")
        << S("cart") << L({ "bad.csv:3: column commit_sha: expected a commit id of 7 to 64 hex digits" });
    QTest::addRow("csv empty environment, no --environment")
        << S("bad.csv") << csv << S("cart")
        << L({ "bad.csv:3: column environment: empty, and no --environment given" });
    QTest::addRow("csv empty service, no --service")
        << S("bad.csv") << edited(csv, ",,shop-api,2024-05-06 13:05", ",production,shop-api,2024-05-06 13:05")
        << QString() << L({ "bad.csv:4: column service: empty, and no --service given" });
    // Times of one deployment more than the clock-skew tolerance (24 h) backwards.
    QTest::addRow("csv finished 2 days before started")
        << S("bad.csv")
        << edited(csv, "2024-05-06T12:10:00Z,2024-05-06T12:00:00Z",
                  "2024-05-04T12:00:00Z,2024-05-06T12:00:00Z")
        << S("cart")
        << L({ "bad.csv:2: finished_at 2024-05-04T12:00:00Z is 2 days before started_at "
               "2024-05-06T12:00:00Z; "
               "expected a time at most 24 h before it (clock skew)" });
    QTest::addRow("gitlab finished before created")
        << S("bad.json")
        << edited(gitlab, "\"finished_at\": \"2024-05-06T07:04:10.480Z\"",
                  "\"finished_at\": \"2024-05-04T07:00:00.120Z\"")
        << QString()
        << L({ "bad.json: $[0].finished_at: finished_at 2024-05-04T07:00:00.120Z is 2 days before created_at "
               "2024-05-06T07:00:00.120Z" });
    QTest::addRow("argo cd deployed before its start")
        << S("bad.yaml")
        << edited(yaml, "deployedAt: \"2024-05-06T09:20:03Z\"", "deployedAt: \"2024-05-04T09:20:00Z\"")
        << QString()
        << L({ "bad.yaml",
               "$.status.history[1].deployedAt: deployedAt 2024-05-04T09:20:00Z is 2 days before "
               "deployStartedAt" });
    QTest::addRow("argo cd json deployed before its start")
        << S("bad.json")
        << edited(argoJson, "\"deployedAt\": \"2024-05-07T10:00:07Z\"",
                  "\"deployedAt\": \"2024-05-05T10:00:00Z\"")
        << QString()
        << L({ "bad.json: $.items[0].status.history[0].deployedAt: deployedAt 2024-05-05T10:00:00Z is 2 days "
               "before deployStartedAt 2024-05-07T10:00:00Z" });
    QTest::addRow("csv of incidents")
        << S("incidents.csv")
        << QByteArray("incident_id,title,created_at\nINC-1,Checkout down,2024-05-06T10:00:00Z\n") << QString()
        << L({ "incidents.csv:1: not a deployment export: a CSV file whose header is incident_id, title" });
    QTest::addRow("CI runs JSON")
        << S("runs.json")
        << QByteArray(R"({"total_count": 1, "workflow_runs": [{"id": 1, "head_sha": "abc"}]})") << QString()
        << L({ "runs.json:1: not a deployment export: found a JSON object with the fields "
               "total_count, workflow_runs (this looks like a CI export" });
    QTest::addRow("incident list JSON")
        << S("incidents.json")
        << QByteArray(
               R"([{"id": "PT4KHLK", "incident_number": 1234, "title": "Checkout down", "urgency": "high"}])")
        << QString()
        << L({ "incidents.json:1: not a deployment export: found a JSON array whose first record has the "
               "fields id, "
               "incident_number, title, urgency (this looks like an incident export" });
    QTest::addRow("empty array") << S("empty.json") << QByteArray("[]\n") << QString()
                                 << L({ "empty.json:1: not a deployment export: found an empty JSON array",
                                        "pass --format" });
    QTest::addRow("helm table")
        << S("history.txt")
        << QByteArray("REVISION\tUPDATED                 \tSTATUS    \tCHART           \tAPP "
                      "VERSION\tDESCRIPTION\n1       \tFri Sep  2 22:04:05 1977\tdeployed  "
                      "\tfoo-0.1.0\t1.0        \tInstall complete\n")
        << S("foo")
        << L({ "history.txt:1: not a deployment export: the `helm history` table",
               "helm history RELEASE -o json" });
    QTest::addRow("unrelated YAML")
        << S("deploy.yaml") << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cart\n")
        << QString()
        << L({ "deploy.yaml:1: not a deployment export: YAML that is not an Argo CD Application" });
}

void TestImportDeploys::malformed()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, service);
    QFETCH(QStringList, message);
    ScratchWorkspace s;
    importFiles(s.workspace, kind(), fixtures(L({ "deployments_devlake.csv" })));
    const QString file = s.write(name, content);
    QStringList parts;
    for (const QString& part : std::as_const(message))
        parts << (part.startsWith(name) ? s.dir.filePath(part) : part);
    verifyFileImportFails(s.workspace, kind(), { file }, options(service), parts);
    QCOMPARE(workspaceCount(s.workspace, "deployments"), 2);
}

void TestImportDeploys::reimportAddsNothing_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("service");
    QTest::addRow("github") << L({ "github_deployments.json", "github_statuses.json", "github_combined.json",
                                   "github_deployments.jsonl" })
                            << QString();
    QTest::addRow("gitlab") << L({ "gitlab_deployments.json" }) << QString();
    QTest::addRow("argocd") << L({ "argocd_app.yaml", "argocd_apps_list.json" }) << QString();
    QTest::addRow("helm") << L({ "helm_history.json" }) << S("shop-api");
    QTest::addRow("csv") << L({ "deployments.csv", "deployments_devlake.csv" }) << S("cart");
}

void TestImportDeploys::reimportAddsNothing()
{
    QFETCH(QStringList, files);
    QFETCH(QString, service);
    ScratchWorkspace s;
    importFiles(s.workspace, kind(), fixtures(files), options(service, S("production")));
    const QStringList first = snapshot(s.workspace);
    QVERIFY(!first.isEmpty());
    const auto again = importFiles(s.workspace, kind(), fixtures(files), options(service, S("production")));
    for (const auto& summary : again.summaries)
        QVERIFY(summary.seenBefore);
    QCOMPARE(snapshot(s.workspace), first);
}

void TestImportDeploys::olderExportKeepsNewerState()
{
    ScratchWorkspace s;
    // GitLab: 55003 was running; an older export (created, earlier updated_at) changes nothing, a
    // newer one (success) wins.
    const QByteArray gitlab = readFixture("gitlab_deployments.json");
    importFiles(s.workspace, kind(), fixtures(L({ "gitlab_deployments.json" })));
    const QString older = s.write(S("older.json"),
                                  edited(edited(gitlab, "\"updated_at\": \"2024-05-06T08:00:40.000Z\"",
                                                "\"updated_at\": \"2024-05-06T08:00:01.000Z\""),
                                         "\"status\": \"running\"\n }", "\"status\": \"created\"\n }"));
    importFiles(s.workspace, kind(), { older });
    verifyChecks(s.workspace,
                 L({ "SELECT status, status_raw, updated_at FROM deployments WHERE external_id = '55003' "
                     "=> running|running|1714982440000" }));
    const QString newer = s.write(S("newer.json"),
                                  edited(edited(gitlab, "\"updated_at\": \"2024-05-06T08:00:40.000Z\"",
                                                "\"updated_at\": \"2024-05-06T08:05:00.000Z\""),
                                         "\"status\": \"running\"\n }", "\"status\": \"success\"\n }"));
    importFiles(s.workspace, kind(), { newer });
    // The export has no finished_at and the job is still running in it: success without a finish.
    verifyChecks(s.workspace,
                 L({ "SELECT status, status_raw, updated_at FROM deployments WHERE external_id = '55003' "
                     "=> success|success|1714982700000" }));

    // GitHub: statuses only accumulate, so an older export with fewer statuses keeps the outcome;
    // its older deployment record does not replace the description either.
    importFiles(s.workspace, kind(), fixtures(L({ "github_deployments.json", "github_statuses.json" })));
    const QByteArray list = readFixture("github_deployments.json");
    const QString oldList = s.write(S("old_list.json"),
                                    edited(edited(list, "\"Release 2.4\"", "\"Release 2.4 (draft)\""),
                                           "\"updated_at\": \"2024-05-06T09:04:30Z\"",
                                           "\"updated_at\": \"2024-05-06T09:00:00Z\""));
    const QString oldStatuses = s.write(
        S("old_statuses.json"),
        R"([{"url": "https://api.github.com/repos/acme/shop-api/deployments/910001/statuses/3300001", "id": 3300001,
             "state": "queued", "created_at": "2024-05-06T09:00:05Z"}])");
    importFiles(s.workspace, kind(), { oldList, oldStatuses });
    verifyChecks(s.workspace,
                 L({ "SELECT status, description, finished_at FROM deployments WHERE external_id = '910001' "
                     "=> success|Release 2.4|1714986270000" }));

    // CSV: an older export says the deployment was still running.
    importFiles(s.workspace, kind(), fixtures(L({ "deployments.csv" })), options(S("cart"), S("production")));
    const QString oldCsv = s.write(S("old.csv"),
                                   "deployment_id,service,environment,status,started_at\n"
                                   "rel-2024-05-06.1,shop-api,production,running,2024-05-06T12:00:00Z\n");
    importFiles(s.workspace, kind(), { oldCsv });
    verifyChecks(s.workspace,
                 L({ "SELECT status, finished_at FROM deployments WHERE external_id = 'rel-2024-05-06.1' "
                     "=> success|1714997400000" }));
}

void TestImportDeploys::skewedTimesAreKeptWithAWarning()
{
    // Up to 24 h backwards is clock skew: the deployment keeps its times as given (its duration
    // exports negative, which is what the file says) and the import warns.
    ScratchWorkspace s;
    const QByteArray csv = edited(readFixture("deployments.csv"), "2024-05-06T12:10:00Z,2024-05-06T12:00:00Z",
                                  "2024-05-06T10:00:00Z,2024-05-06T12:00:00Z");
    const auto report = importFiles(s.workspace, kind(), { s.write(S("skew.csv"), csv) },
                                    options(S("cart"), S("production")));
    QCOMPARE(report.warnings, 1);
    QCOMPARE(workspaceRows(
                 s.workspace,
                 "SELECT started_at, finished_at FROM deployments WHERE external_id = 'rel-2024-05-06.1'"),
             L({ "1714996800000|1714989600000" }));
    QCOMPARE(workspaceRows(s.workspace, "SELECT kind, line, location, detail FROM import_warnings"),
             L({ "inconsistent|2|finished_at|finished_at 2024-05-06T10:00:00Z is 2 h before started_at "
                 "2024-05-06T12:00:00Z (clock skew; kept as given)" }));
}

void TestImportDeploys::sampleGitHubDeploymentsList()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    ScratchWorkspace s;
    const auto report = importFiles(s.workspace, kind(),
                                    { samples + S("/deployments/github_deployments_list_PyGithub.json") });
    QCOMPARE(report.files.front().format, S("github"));
    // created 2020-08-26T11:44:53Z = 1598442293 s, 11:40:41Z = 1598442041 s; no statuses yet.
    verifyChecks(
        s.workspace,
        L({ "SELECT external_id, service, environment, status, created_at, started_at, commit_sha, creator, "
            "repository, description FROM deployments ORDER BY external_id => "
            "262350588|PyGithub|production|unknown|1598442041000|1598442041000|"
            "743f5a58b0bce91c4eab744ff7e39dfca9e6e8a5|jacquev6|PyGithub/PyGithub|NULL; "
            "263877258|PyGithub|test|unknown|1598442293000|1598442293000|"
            "743f5a58b0bce91c4eab744ff7e39dfca9e6e8a5|jacquev6|PyGithub/PyGithub|Test deployment" }));
}

void TestImportDeploys::sampleGitHubDeploymentStatuses()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    const QString list = samples + S("/deployments/github_deployments_list_PyGithub.json");
    const QString statuses = samples + S("/deployments/github_deployment_statuses_PyGithub.json");
    ScratchWorkspace s;
    // Statuses given first: they still import after the list. Three queued statuses (newest first in
    // the file, 14:32:51Z = 1598452371 s the latest): the deployment is queued.
    const auto report = importFiles(s.workspace, kind(), { statuses, list });
    QCOMPARE(report.files.back().format, S("github-statuses"));
    verifyChecks(s.workspace,
                 L({ "SELECT d.external_id, d.status, d.status_raw, d.finished_at, count(st.external_id) "
                     "FROM deployments d "
                     "LEFT JOIN deployment_statuses st ON st.deployment_id = d.id GROUP BY d.id ORDER BY "
                     "d.external_id => "
                     "262350588|unknown|NULL|NULL|0; 263877258|queued|queued|NULL|3",
                     "SELECT external_id, created_at, log_url FROM deployment_statuses ORDER BY created_at "
                     "DESC LIMIT 1 => "
                     "388454671|1598452371000|https://example.com/deployment.log" }));
    ScratchWorkspace alone;
    verifyFileImportFails(alone.workspace, kind(), { statuses }, {},
                          { statuses + S(": $[0].url: deployment 263877258 is not in the workspace") });
}

void TestImportDeploys::sampleGitLabDeployments()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    ScratchWorkspace s;
    const auto report
        = importFiles(s.workspace, kind(), { samples + S("/deployments/gitlab_deployments_devlake.json") });
    // "completed" and "undeployed" are no GitLab deployment statuses: kept, unknown, one warning each.
    // created and blocked wait (queued), canceled is cancelled.
    QCOMPARE(report.warnings, 2);
    QCOMPARE(workspaceCount(s.workspace, "deployments"), 8);
    // 13426753: started = deployable.started_at 2019-03-13T14:17:33.559Z = 1552486653.559 s, finished
    // = deployable.finished_at 14:17:47.640Z.
    verifyChecks(
        s.workspace,
        L({ "SELECT service, repository, environment, status, started_at, finished_at, commit_sha, creator "
            "FROM deployments WHERE external_id = '13426753' => "
            "vdev.co|merico-dev/ee/vdev.co|staging|success|1552486653559|1552486667640|"
            "add237f6852e6108ee8e0246780a54ce909c6087|hackwaly",
            "SELECT status, count(*) FROM deployments GROUP BY status ORDER BY status => "
            "cancelled|1; failure|1; queued|2; running|1; success|1; unknown|2",
            "SELECT external_id, status_raw FROM deployments WHERE status = 'unknown' ORDER BY external_id "
            "=> "
            "13432654|completed; 13436915|undeployed",
            "SELECT count(*) FROM import_warnings WHERE location = '$[7].status' => 1" }));
}

void TestImportDeploys::sampleArgoCdApplication()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    ScratchWorkspace s;
    const QString yaml = samples + S("/deployments/argocd_application_status_history_gitops-backend.yaml");
    const auto report = importFiles(s.workspace, kind(), { yaml });
    QCOMPARE(report.files.front().format, S("argocd"));
    // Six history entries (A, A, B, A, B, C), all kept; operationState Succeeded adds nothing.
    // id 0: 2022-04-19T18:19:50Z = 1650392390 s → 18:19:52Z.
    verifyChecks(
        s.workspace,
        L({ "SELECT count(*), count(DISTINCT commit_sha), min(status), max(status) FROM deployments => "
            "6|3|success|success",
            "SELECT external_id, service, environment, started_at, finished_at, commit_sha, repository FROM "
            "deployments "
            "WHERE external_id LIKE '%#0' => test-namespace/dev-app-taxi#0|dev-app-taxi|dev|1650392390000|"
            "1650392392000|e5585fcf22366e2d066e0936cbd8a0508756d02d|https://github.com/test-repo/gitops.git",
            "SELECT group_concat(substr(commit_sha, 1, 7), ' ') FROM (SELECT commit_sha FROM deployments "
            "ORDER BY finished_at) => e5585fc e5585fc 3f6965b e5585fc 3f6965b a0c7298" }));
}

void TestImportDeploys::sampleHelmHistory()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    ScratchWorkspace s;
    const QString json = samples + S("/deployments/helm_history_with_rollback.json");
    verifyFileImportFails(s.workspace, kind(), { json }, {},
                          { json + S(": helm history does not name its release") });
    importFiles(s.workspace, kind(), { json }, options(S("foo"), S("production")));
    // 1977-09-02T22:04:05Z = 242085845 s.
    verifyChecks(
        s.workspace,
        L({ "SELECT external_id, status, status_raw, finished_at, ref, rollback_target, description FROM "
            "deployments "
            "ORDER BY external_id => "
            "foo#1|success|superseded|242085845000|foo-0.1.0-beta.1 (app 1.0)|NULL|Install complete; "
            "foo#2|success|superseded|242085845000|foo-0.1.0-beta.1 (app 1.0)|NULL|Upgrade complete; "
            "foo#3|success|deployed|242085845000|foo-0.1.0-beta.1 (app 1.0)|foo#1|Rollback to 1" }));
    const QString table = samples + S("/deployments/helm_history_with_rollback_table.txt");
    verifyFileImportFails(s.workspace, kind(), { table }, options(S("foo")),
                          { table + S(":1: not a deployment export: the `helm history` table") });
}

QTEST_GUILESS_MAIN(TestImportDeploys)
#include "tst_import_deploys.moc"
