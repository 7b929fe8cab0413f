// The linker (importers/link): changesets, rollbacks, unplanned deployments, incident and pull
// request links, bot pull requests, settings and idempotence, on scratch git repositories imported
// with the real git importer and deployments, incidents, pull requests and CI runs written through
// the store's writers, then relinked.
//
// Times: the scratch clock starts at kEpoch and each commit or merge is one hour after the previous
// one, so commit k of a history is authored at kEpoch + k h. Deployments and incidents are placed in
// hours after kEpoch (at(h)); every expected duration below is the difference of two such hours.
#include "ci_test_support.h"
#include "common/import_error.h"
#include "git_scratch.h"
#include "link/link_data.h"
#include "link/link_settings.h"
#include "link/linker.h"
#include "store/ci_writer.h"
#include "store/delivery_writer.h"
#include "store/import_batch.h"
#include "store/link_store.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace faultline;
using faultline::importers::ImportCancelled;
using faultline::importers::ImportError;
using faultline::importers::LinkSummary;
using faultline::importers::link::LinkSettings;
using faultline::test::kEpoch;
using faultline::test::kHour;
using faultline::test::Scratch;
using faultline::test::verifyChecks;
using faultline::test::workspaceRows;

namespace {

using faultline::test::S;

constexpr auto L = test::texts;

// Epoch ms `hours` after kEpoch.
std::int64_t at(double hours)
{
    return kEpoch * 1000 + std::int64_t(hours * 3600.0 * 1000.0);
}

store::DeploymentRecord deployment(const char* id, const QString& sha, double finishedHours,
                                   const char* status = "success", const char* service = "shop",
                                   const char* environment = "production")
{
    store::DeploymentRecord d;
    d.provider = S("github");
    d.externalId = S(id);
    d.service = S(service);
    d.environment = S(environment);
    d.status = S(status);
    d.commitSha = sha;
    d.createdAt = at(finishedHours) - 600000;
    d.finishedAt = at(finishedHours);
    return d;
}

store::DeploymentRecord helmRevision(int revision, double hours, const char* rollbackTo = nullptr)
{
    store::DeploymentRecord d;
    d.provider = S("helm");
    d.externalId = QStringLiteral("billing#%1").arg(revision);
    d.service = S("billing");
    d.environment = S("production");
    d.status = S("success");
    d.finishedAt = at(hours);
    if (rollbackTo)
        d.rollbackTarget = S(rollbackTo);
    return d;
}

store::IncidentRecord incident(const char* id, double createdHours, std::optional<double> resolvedHours = {},
                               const char* service = "shop")
{
    store::IncidentRecord i;
    i.provider = S("pagerduty");
    i.externalId = S(id);
    i.title = QStringLiteral("incident %1").arg(S(id));
    i.service = S(service);
    i.createdAt = at(createdHours);
    if (resolvedHours)
        i.resolvedAt = at(*resolvedHours);
    return i;
}

store::PullRequestRecord pullRequest(int number, const char* headRef, const char* author = "dev")
{
    store::PullRequestRecord p;
    p.provider = S("github");
    p.project = S("acme/shop");
    p.number = number;
    p.title = QStringLiteral("PR %1").arg(number);
    p.author = S(author);
    p.headRef = S(headRef);
    p.url = QStringLiteral("https://github.com/acme/shop/pull/%1").arg(number);
    return p;
}

store::PrCommitRecord prCommit(const QString& sha, double authoredHours, const char* headline)
{
    store::PrCommitRecord c;
    c.sha = sha;
    c.authoredAt = at(authoredHours);
    c.committedAt = at(authoredHours);
    c.headline = S(headline);
    return c;
}

store::CiRun run(const char* id, const QString& headSha, std::optional<std::int64_t> prNumber = {})
{
    store::CiRun r;
    r.provider = S("github");
    r.project = S("acme/shop");
    r.externalId = S(id);
    r.headSha = headSha;
    r.prNumber = prNumber;
    r.status = S("completed");
    r.conclusion = S("success");
    return r;
}

using Writes = std::function<void(store::DeliveryWriter&, store::CiWriter&)>;

// One transaction as an import would run it: records written, relinked, committed.
LinkSummary writeAndRelink(const QString& workspace, const Writes& writes = {},
                           const importers::ProgressCallback& progress = {})
{
    static int sources = 0;
    auto ws = store::Workspace::open(workspace);
    store::ImportBatch batch(ws, { workspace, S("test:link"), QByteArray::number(++sources) });
    store::DeliveryWriter delivery(batch);
    store::CiWriter ci(batch);
    if (writes)
        writes(delivery, ci);
    const LinkSummary summary = importers::link::relink(batch, progress);
    batch.commit();
    return summary;
}

void setSetting(const QString& workspace, const char* key, const QString& value)
{
    auto ws = store::Workspace::open(workspace);
    store::setWorkspaceSetting(ws.db(), S(key), value);
}

// A changeset, oldest commit first: subject (or sha7 of a commit in no history) | reason | PR | the
// subject of the commit the row stands for.
QString changesOf(const char* deployment)
{
    return QStringLiteral(
               "SELECT coalesce(c.subject, substr(x.sha, 1, 7)), x.reason, p.number, s.subject "
               "FROM deployment_changes x JOIN deployments d ON d.id = x.deployment_id "
               "LEFT JOIN commits c ON c.id = x.commit_id LEFT JOIN pull_requests p ON p.id = x.pr_id "
               "LEFT JOIN commits s ON s.sha = x.stands_for WHERE d.external_id = '%1' ORDER BY "
               "x.authored_at, x.sha")
        .arg(S(deployment));
}

// What a link points to, by name: a deployment's external id, a commit's subject, a PR's #number,
// an incident's external id.
const char* const kTarget
    = "CASE l.to_type WHEN 'deployment' THEN (SELECT external_id FROM deployments WHERE id = l.to_id) "
      "WHEN 'commit' THEN (SELECT subject FROM commits WHERE id = l.to_id) "
      "WHEN 'pull_request' THEN (SELECT '#' || number FROM pull_requests WHERE id = l.to_id) "
      "WHEN 'incident' THEN (SELECT external_id FROM incidents WHERE id = l.to_id) END";

QString deploymentLinks()
{
    return QStringLiteral("SELECT f.external_id, l.kind, l.reason, l.to_type, %1 FROM links l "
                          "JOIN deployments f ON f.id = l.from_id AND l.from_type = 'deployment' "
                          "WHERE l.kind IN ('rollback', 'unplanned') ORDER BY 1, 2, 3, 5")
        .arg(S(kTarget));
}

// Everything the linker derives, keyed by natural keys (ids of links may differ, their rows not).
QStringList derivedSnapshot(const QString& workspace)
{
    QStringList rows;
    rows << workspaceRows(
        workspace,
        S("SELECT id, repo_id, previous_id, changeset_size, changeset_note, is_production, is_rollback, "
          "is_unplanned, commits_known, ai_share FROM deployments ORDER BY id"));
    rows << workspaceRows(workspace, S("SELECT * FROM deployment_changes ORDER BY deployment_id, sha"));
    rows << workspaceRows(workspace, S("SELECT * FROM links ORDER BY id"));
    rows << workspaceRows(workspace, S("SELECT id, is_bot, bot_rule FROM pull_requests ORDER BY id"));
    return rows;
}

// The shop repository: a linear start, a squash-merged PR, a merged branch, a revert and a merged
// hotfix branch (see commits below, authored kEpoch + 1 h … + 11 h).
struct Shop
{
    QString c1, c2, c3, c4, b1, b2, c5, merge8, c6, h1, merge9;
};

Shop buildShop(Scratch& r)
{
    Shop s;
    r.write(S("app/main.txt"), test::numbered("main", 1, 5));
    s.c1 = r.commit(S("initial")); // 1 h
    r.write(S("app/one.txt"), test::numbered("one", 1, 3));
    s.c2 = r.commit(S("feature one")); // 2 h
    r.write(S("app/two.txt"), test::numbered("two", 1, 3));
    s.c3 = r.commit(S("feature two")); // 3 h
    r.write(S("app/search.txt"), test::numbered("search", 1, 4));
    s.c4 = r.commit(S("Add search (#7)")); // 4 h: the squash of PR 7
    r.checkout("-b login");
    r.write(S("app/login.txt"), test::numbered("login", 1, 3));
    s.b1 = r.commit(S("Login form")); // 5 h
    r.write(S("app/login.txt"), test::numbered("login", 1, 6));
    s.b2 = r.commit(S("Login validation")); // 6 h
    r.checkout("main");
    r.write(S("app/main.txt"), test::replaceLine(test::numbered("main", 1, 5), 2, "cache 10"));
    s.c5 = r.commit(S("Tune cache")); // 7 h
    if (!r.merge(S("login"), S("Merge pull request #8 from acme/login"))) // 8 h
        throw std::runtime_error("merge of login failed");
    s.merge8 = r.rev(S("HEAD"));
    r.clock += kHour; // 9 h
    r.git(QStringList { S("revert"), S("--no-edit"), s.c5 });
    s.c6 = r.rev(S("HEAD"));
    r.checkout("-b hotfix/login-crash");
    r.write(S("app/login.txt"), test::numbered("login", 1, 7));
    s.h1 = r.commit(S("Fix crash on login")); // 10 h
    r.checkout("main");
    if (!r.merge(S("hotfix/login-crash"), S("Merge pull request #9 from acme/hotfix/login-crash"))) // 11 h
        throw std::runtime_error("merge of the hotfix failed");
    s.merge9 = r.rev(S("HEAD"));
    return s;
}

const QString kSquashedA = S("aaaaaaa000000000000000000000000000000001");
const QString kSquashedB = S("aaaaaaa000000000000000000000000000000002");
const QString kUnknownSha = S("0123456789abcdef0123456789abcdef01234567");

// Deployments, incidents, pull requests and runs of the shop scenario (hours after kEpoch).
void writeShop(const Shop& s, store::DeliveryWriter& w, store::CiWriter& ci)
{
    w.upsertDeployment(deployment("D1", s.c1, 1.5));
    w.upsertDeployment(deployment("S1", s.c3, 3.2, "success", "shop", "staging"));
    w.upsertDeployment(deployment("D2", s.c3, 3.5));
    w.upsertDeployment(deployment("DF", s.c4, 4.25, "failure"));
    w.upsertDeployment(deployment("D3", s.c4, 4.5));
    w.upsertDeployment(deployment("D4", s.merge8, 8.5));
    w.upsertDeployment(deployment("D5", s.c6, 9.5));
    w.upsertDeployment(deployment("D6", s.merge9, 11.5));
    w.upsertDeployment(deployment("D7", s.c6, 12.5)); // back to D5's sha: a rollback of D6
    w.upsertDeployment(deployment("D8", s.c6, 13.0)); // the live sha again: no rollback
    w.upsertDeployment(deployment("D9", kUnknownSha, 14.0));
    w.upsertDeployment(deployment("RUN", s.merge9, 14.2, "running"));
    w.upsertDeployment(helmRevision(1, 1));
    w.upsertDeployment(helmRevision(2, 2));
    w.upsertDeployment(helmRevision(3, 3));
    w.upsertDeployment(helmRevision(4, 4, "billing#2"));

    store::IncidentRecord i1 = incident("I1", 20);
    i1.causedByCommitSha = s.c5.left(7); // abbreviated: in D4's changeset
    w.upsertIncident(i1);
    w.upsertIncident(incident("I2", 13.5)); // 30 min after D8
    w.upsertIncident(incident("I3", 87)); // 73 h after D9: outside the window
    w.upsertIncident(incident("I4", 11, 12)); // open while D6 finished (11.5 h)
    store::IncidentRecord i5 = incident("I5", 30);
    i5.causedByPr = S("https://github.com/acme/shop/pull/8");
    w.upsertIncident(i5);
    store::IncidentRecord i6 = incident("I6", 50);
    i6.causedByDeployment = S("D2");
    w.upsertIncident(i6);
    store::IncidentRecord i7 = incident("I7", 9.75, {}, "");
    i7.repository = S("https://github.com/acme/shop.git"); // no service: matched by repository
    w.upsertIncident(i7);

    store::PullRequestRecord pr7 = pullRequest(7, "search");
    pr7.mergeCommitSha = s.c4; // GitHub names the squash commit as the merge commit
    pr7.hasCommits = true;
    pr7.commits = { prCommit(kSquashedA, 3.6, "Search index"), prCommit(kSquashedB, 3.8, "Search box") };
    w.upsertPullRequest(pr7);
    store::PullRequestRecord pr8 = pullRequest(8, "login");
    pr8.mergeCommitSha = s.merge8;
    pr8.headSha = s.b2;
    pr8.hasCommits = true;
    pr8.commits = { prCommit(s.b1, 5, "Login form"), prCommit(s.b2, 6, "Login validation") };
    w.upsertPullRequest(pr8);
    store::PullRequestRecord pr9 = pullRequest(9, "hotfix/login-crash");
    pr9.mergeCommitSha = s.merge9;
    pr9.headSha = s.h1;
    w.upsertPullRequest(pr9);
    w.upsertPullRequest(pullRequest(10, "dependabot/npm_and_yarn/lodash-4.17.21", "dependabot[bot]"));
    w.upsertPullRequest(pullRequest(11, "renovate/eslint-9.x", "renovate[bot]"));

    ci.upsertRun(run("1001", s.b2)); // PR 8's head
    ci.upsertRun(run("1002", s.b1)); // one of PR 8's commits
    ci.upsertRun(run("1003", S("ffffffffffffffffffffffffffffffffffffffff"), 9)); // names PR 9
    ci.upsertRun(run("1004", S("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee")));
}

} // namespace

class TestLink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rangeMatchesGitRevList();
    void shopScenario();
    void relinkIsIdempotent();
    void settingsChangeLinks();
    void servicesSharingARepository();
    void gitImportRelinks();
    void ciImportRelinks();
    void botRulesFile();
    void badSettingsLeaveWorkspaceUnchanged_data();
    void badSettingsLeaveWorkspaceUnchanged();
    void cancel();

private:
    QString fresh(const char* name)
    {
        return m_tmp.filePath(QStringLiteral("%1-%2").arg(++m_seq).arg(S(name)));
    }
    // A workspace with the shop repository imported and the shop records written and linked.
    QString shopWorkspace(Shop* shop = nullptr);

    QTemporaryDir m_tmp;
    int m_seq = 0;
};

void TestLink::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QProcess p;
    p.start(S("git"), { S("--version") });
    if (!p.waitForFinished() || p.exitCode() != 0)
        QSKIP("the git CLI is not available");
}

// CommitGraph::range (the generation-number walk) against `git rev-list base..tip` for every pair of
// commits of a history with merges, a criss-cross merge and an octopus merge.
void TestLink::rangeMatchesGitRevList()
{
    test::guarded([&] {
        Scratch r = Scratch::create(fresh("repos") + S("/graph"));
        int n = 0;
        auto work = [&](const char* branch) {
            r.write(QStringLiteral("%1.txt").arg(S(branch)), test::numbered(branch, 1, ++n));
            r.commit(QStringLiteral("%1 %2").arg(S(branch)).arg(n));
        };
        work("main");
        r.checkout("-b a");
        work("a");
        work("a");
        r.checkout("main");
        work("main");
        QVERIFY(r.merge(S("a"), S("merge a")));
        r.checkout("-b b a~1");
        work("b");
        r.checkout("main");
        work("main");
        QVERIFY(r.merge(S("b"), S("merge b")));
        r.checkout("a");
        work("a");
        QVERIFY(r.merge(S("main"), S("criss-cross: main into a")));
        r.checkout("main");
        work("main");
        QVERIFY(r.merge(S("a"), S("criss-cross: a into main")));
        r.checkout("-b c");
        work("c");
        r.checkout("-b d main");
        work("d");
        r.checkout("main");
        work("main");
        QVERIFY(r.merge(S("c d"), S("octopus")));
        const QString ws = fresh("ws.faultline");
        test::importInto(ws, r.dir());

        auto w = store::Workspace::open(ws);
        store::ImportBatch batch(w, { ws, S("test:graph"), QByteArray("read") });
        store::LinkStore store(batch);
        importers::link::LinkData data;
        data.repos = store.repos();
        data.commits = store.commits();
        data.buildIndexes(store.parents());
        QCOMPARE(data.commits.size(), size_t(r.count({ S("--all") })));
        int pairs = 0;
        std::vector<int> range;
        for (int tip = 0; tip < data.graph.size(); ++tip) {
            for (int base = -1; base < data.graph.size(); ++base) {
                range.clear();
                data.graph.range(tip, base, range);
                QStringList ours;
                for (int c : range)
                    ours << data.commits[size_t(c)].sha;
                ours.sort();
                QStringList args { S("rev-list"), QString(data.commits[size_t(tip)].sha) };
                if (base >= 0)
                    args << S("^") + data.commits[size_t(base)].sha;
                QStringList git = QString::fromUtf8(r.git(args)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
                git.sort();
                QCOMPARE(ours, git);
                ++pairs;
            }
        }
        QCOMPARE(pairs, data.graph.size() * (data.graph.size() + 1));
    });
}

QString TestLink::shopWorkspace(Shop* shop)
{
    // The repository's folder is its name: "shop", which PR projects (acme/shop) match.
    const QString dir = fresh("repos") + S("/shop");
    Scratch r = Scratch::create(dir);
    const Shop s = buildShop(r);
    const QString ws = fresh("ws.faultline");
    test::importInto(ws, r.dir());
    writeAndRelink(ws, [&](store::DeliveryWriter& w, store::CiWriter& ci) { writeShop(s, w, ci); });
    if (shop)
        *shop = s;
    return ws;
}

void TestLink::shopScenario()
{
    test::guarded([&] {
        Shop s;
        const QString ws = shopWorkspace(&s);
        const QString unknown = S("commits unknown: the export names no commit");
        verifyChecks(ws, {
            // Deployment | production | commits known | previous | changeset size | note | rollback |
            // unplanned | AI share (scratch commits carry no AI markers: 0 over their added lines).
            S("SELECT d.external_id, d.is_production, d.commits_known, p.external_id, d.changeset_size, "
              "d.changeset_note, d.is_rollback, d.is_unplanned, d.ai_share FROM deployments d "
              "LEFT JOIN deployments p ON p.id = d.previous_id ORDER BY d.id => ")
                + QStringList {
                    S("D1|1|1|NULL|NULL|first deployment of shop in production|0|0|NULL"),
                    S("S1|0|1|NULL|NULL|first deployment of shop in staging|0|0|NULL"),
                    S("D2|1|1|D1|2|NULL|0|0|0.0"),
                    S("DF|1|1|D2|2|NULL|0|0|NULL"), // a failure: changeset since the last success
                    S("D3|1|1|D2|2|NULL|0|0|NULL"), // only PR 7's own commits: no line counts
                    S("D4|1|1|D3|3|NULL|0|0|0.0"),
                    S("D5|1|1|D4|1|NULL|0|1|0.0"),
                    S("D6|1|1|D5|2|NULL|0|1|0.0"),
                    S("D7|1|1|D6|0|NULL|1|1|NULL"),
                    S("D8|1|1|D7|0|NULL|0|0|NULL"),
                    S("D9|1|0|NULL|NULL|commits unknown: 0123456 is not in any imported repository|0|0|NULL"),
                    S("RUN|1|1|NULL|NULL|no changeset: the deployment is running|0|0|NULL"),
                    S("billing#1|1|0|NULL|NULL|") + unknown + S("|0|0|NULL"),
                    S("billing#2|1|0|NULL|NULL|") + unknown + S("|0|0|NULL"),
                    S("billing#3|1|0|NULL|NULL|") + unknown + S("|0|0|NULL"),
                    S("billing#4|1|0|NULL|NULL|") + unknown + S("|1|1|NULL"),
                }.join(S("; ")),
            changesOf("D2") + S(" => feature one|graph|NULL|NULL; feature two|graph|NULL|NULL"),
            // The squash commit of PR 7 stands for the PR's own commits, which no history holds.
            changesOf("D3") + S(" => aaaaaaa|pr-commit|7|Add search (#7); aaaaaaa|pr-commit|7|Add search (#7)"),
            S("SELECT x.sha, x.stands_for = c.sha, x.commit_id, x.authored_at FROM deployment_changes x "
              "JOIN deployments d ON d.id = x.deployment_id JOIN commits c ON c.subject = 'Add search (#7)' "
              "WHERE d.external_id = 'D3' ORDER BY x.sha => ")
                + QStringLiteral("%1|1|NULL|%2; %3|1|NULL|%4").arg(kSquashedA).arg(at(3.6)).arg(kSquashedB).arg(at(3.8)),
            changesOf("DF") + S(" => aaaaaaa|pr-commit|7|Add search (#7); aaaaaaa|pr-commit|7|Add search (#7)"),
            // The merge commit of PR 8 gives way to the branch's commits, which are in the range.
            changesOf("D4") + S(" => Login form|graph|8|NULL; Login validation|graph|8|NULL; Tune cache|graph|NULL|NULL"),
            changesOf("D5") + S(" => Revert \"Tune cache\"|graph|NULL|NULL"),
            // PR 9 lists no commits: its merge commit stays, naming the PR.
            changesOf("D6") + S(" => Fix crash on login|graph|NULL|NULL; "
                                "Merge pull request #9 from acme/hotfix/login-crash|graph|9|NULL"),
            changesOf("D7") + S(" => "),
            changesOf("D1") + S(" => "),
            deploymentLinks() + S(" => ")
                + QStringList {
                    S("D5|unplanned|revert|commit|Revert \"Tune cache\""),
                    S("D6|unplanned|hotfix|pull_request|#9"),
                    S("D6|unplanned|hotfix|commit|Merge pull request #9 from acme/hotfix/login-crash"),
                    S("D6|unplanned|open-incident|incident|I4"),
                    S("D7|rollback|rollback|deployment|D6"),
                    S("D7|unplanned|rollback|deployment|D6"),
                    S("billing#4|rollback|explicit|deployment|billing#3"),
                    S("billing#4|unplanned|rollback|deployment|billing#3"),
                }.join(S("; ")),
            S("SELECT l.detail FROM links l JOIN deployments f ON f.id = l.from_id "
              "WHERE l.kind = 'unplanned' AND l.reason IN ('revert', 'open-incident') ORDER BY l.reason => ")
                + S("finished 30 min after I4 opened; it resolved 30 min later; ")
                + QStringLiteral("subject: Revert \"Tune cache\" — This reverts commit %1").arg(s.c5.left(7)),
            S("SELECT l.detail FROM links l WHERE l.kind = 'rollback' ORDER BY l.from_id => ")
                + QStringLiteral("redeployed %1, deployed before by D5; undoes D6 (%2); ")
                      .arg(s.c6.left(7), s.merge9.left(7))
                + S("rollback to billing#2; undoes billing#3"),
            // Incidents: explicit sha (abbreviated, in a changeset), PR, deployment id; the 72 h window
            // by service and, without a service, by repository; I3 is 73 h after the last deployment.
            S("SELECT i.external_id, d.external_id, l.reason, l.detail FROM links l "
              "JOIN incidents i ON i.id = l.from_id JOIN deployments d ON d.id = l.to_id "
              "WHERE l.kind = 'incident_deployment' ORDER BY i.external_id => ")
                + QStringList {
                    QStringLiteral("I1|D4|explicit-sha|the incident names commit %1, in this deployment's changeset")
                        .arg(s.c5.left(7)),
                    S("I2|D8|time-window|finished 30 min before the incident"),
                    S("I4|D5|time-window|finished 1.5 h before the incident"),
                    QStringLiteral("I5|D4|explicit-pr|the incident names PR #8, whose commit %1 this deployment shipped")
                        .arg(s.merge8.left(7)),
                    S("I6|D2|explicit-id|the incident names deployment D2"),
                    S("I7|D5|time-window|finished 15 min before the incident"),
                }.join(S("; ")),
            S("SELECT '#' || p.number, l.reason, c.subject FROM links l JOIN pull_requests p ON p.id = l.from_id "
              "JOIN commits c ON c.id = l.to_id WHERE l.kind = 'pr_commit' ORDER BY p.number, c.authored_at => "
              "#7|merge-commit|Add search (#7); #8|pr-commit|Login form; #8|pr-commit|Login validation; "
              "#8|merge-commit|Merge pull request #8 from acme/login; "
              "#9|merge-commit|Merge pull request #9 from acme/hotfix/login-crash"),
            S("SELECT '#' || p.number, l.reason, r.external_id FROM links l JOIN pull_requests p ON p.id = l.from_id "
              "JOIN pipeline_runs r ON r.id = l.to_id WHERE l.kind = 'pr_run' ORDER BY 1, 3 => "
              "#8|head-sha|1001; #8|pr-commit|1002; #9|run-pr-number|1003"),
            S("SELECT number, is_bot, bot_rule FROM pull_requests ORDER BY number => "
              "7|0|NULL; 8|0|NULL; 9|0|NULL; 10|1|dependabot; 11|1|renovate"),
            // Every link says why it was made.
            S("SELECT count(*) FROM links WHERE reason = '' OR detail IS NULL OR detail = '' => 0"),
            S("SELECT count(*) FROM deployment_changes WHERE reason NOT IN ('graph', 'pr-commit') => 0"),
        });
    });
}

void TestLink::relinkIsIdempotent()
{
    test::guarded([&] {
        const QString ws = shopWorkspace();
        const QStringList before = derivedSnapshot(ws);
        QVERIFY(before.size() > 40);
        const LinkSummary again = writeAndRelink(ws);
        QCOMPARE(again.rowsChanged, std::int64_t(0));
        QCOMPARE(derivedSnapshot(ws), before);
        QCOMPARE(again.deployments, std::int64_t(16));
        QCOMPARE(again.changesetRows, std::int64_t(12));
        QCOMPARE(again.commitsUnknown, std::int64_t(5));
        QCOMPARE(again.rollbacks, std::int64_t(2));
        QCOMPARE(again.unplanned, std::int64_t(4));
        QCOMPARE(again.incidentLinks, std::int64_t(6));
        QCOMPARE(again.prCommitLinks, std::int64_t(5));
        QCOMPARE(again.prRunLinks, std::int64_t(3));
        QCOMPARE(again.botPullRequests, std::int64_t(2));

        // Twice within one transaction, as an import of several kinds would: still nothing new.
        auto w = store::Workspace::open(ws);
        store::ImportBatch batch(w, { ws, S("test:link"), QByteArray("twice") });
        importers::link::relink(batch);
        QCOMPARE(importers::link::relink(batch).rowsChanged, std::int64_t(0));
        batch.commit();
        QCOMPARE(derivedSnapshot(ws), before);
    });
}

void TestLink::settingsChangeLinks()
{
    test::guarded([&] {
        const QString ws = shopWorkspace();
        // A window of 20 minutes keeps only I7 (15 min); I2 (30 min) and I4 (1.5 h) lose their link.
        setSetting(ws, LinkSettings::kIncidentWindowKey, S("0.333333"));
        // Staging counts as production, and production no longer does.
        setSetting(ws, LinkSettings::kProductionKey, S("^STAGING$"));
        const LinkSummary changed = writeAndRelink(ws);
        QVERIFY(changed.rowsChanged > 0);
        verifyChecks(
            ws,
            {
                S("SELECT group_concat(external_id) FROM deployments WHERE is_production = 1 => S1"),
                // Only staging deployments are production now: the window finds none for I7.
                S("SELECT count(*) FROM links WHERE kind = 'incident_deployment' AND reason = 'time-window' "
                  "=> 0"),
                // The open incident no longer makes D6 unplanned (it is not production); the hotfix does.
                S("SELECT count(*) FROM links WHERE kind = 'unplanned' AND reason = 'open-incident' => 0"),
                S("SELECT is_unplanned FROM deployments WHERE external_id = 'D6' => 1"),
            });
        setSetting(ws, LinkSettings::kProductionKey, {});
        writeAndRelink(ws);
        verifyChecks(
            ws,
            {
                S("SELECT i.external_id, d.external_id, l.detail FROM links l JOIN incidents i ON i.id = "
                  "l.from_id "
                  "JOIN deployments d ON d.id = l.to_id WHERE l.reason = 'time-window' ORDER BY 1 => "
                  "I7|D5|finished 15 min before the incident"),
            });
        // Back to the defaults: the same rows as the first link.
        setSetting(ws, LinkSettings::kIncidentWindowKey, {});
        writeAndRelink(ws);
        verifyChecks(ws,
                     {
                         S("SELECT group_concat(x) FROM (SELECT i.external_id x FROM links l JOIN incidents "
                           "i ON i.id = l.from_id "
                           "WHERE l.reason = 'time-window' ORDER BY 1) => I2,I4,I7"),
                     });
    });
}

void TestLink::servicesSharingARepository()
{
    test::guarded([&] {
        const QString dir = fresh("repos") + S("/mono");
        Scratch r = Scratch::create(dir);
        r.write(S("api/a.txt"), test::numbered("a", 1, 3));
        r.write(S("web/w.txt"), test::numbered("w", 1, 3));
        r.write(S("README.md"), "readme\n");
        const QString m1 = r.commit(S("initial"));
        r.write(S("api/a.txt"), test::numbered("a", 1, 4));
        r.commit(S("api: endpoint"));
        r.write(S("web/w.txt"), test::numbered("w", 1, 4));
        r.commit(S("web: page"));
        r.write(S("api/a.txt"), test::numbered("a", 1, 5));
        r.commit(S("api: validation"));
        r.write(S("README.md"), "readme\nmore\n");
        const QString m5 = r.commit(S("docs"));
        const QString ws = fresh("ws.faultline");
        test::importInto(ws, r.dir());
        writeAndRelink(ws, [&](store::DeliveryWriter& w, store::CiWriter&) {
            // "API": the folder is found whatever the case.
            w.upsertDeployment(deployment("A1", m1, 1.5, "success", "API"));
            w.upsertDeployment(deployment("A2", m5, 6, "success", "API"));
            w.upsertDeployment(deployment("W1", m1, 1.5, "success", "web"));
            w.upsertDeployment(deployment("W2", m5, 6, "success", "web"));
        });
        const QString changes
            = S("SELECT ext, group_concat(subject, ', ') FROM (SELECT d.id, d.external_id ext, "
                "c.subject FROM deployment_changes x JOIN deployments d ON d.id = x.deployment_id "
                "JOIN commits c ON c.id = x.commit_id ORDER BY d.id, c.authored_at) GROUP BY id "
                "ORDER BY id => ");
        verifyChecks(ws,
                     {
                         changes + S("A2|api: endpoint, api: validation; W2|web: page"),
                         S("SELECT external_id, changeset_size FROM deployments ORDER BY id => A1|NULL; "
                           "A2|2; W1|NULL; W2|1"),
                     });
        // The setting: web is the whole repository, api an explicit prefix like the default.
        setSetting(ws, LinkSettings::kServicePathsKey, S("{\"web\": \"\", \"api\": \"./api\"}"));
        writeAndRelink(ws);
        verifyChecks(ws,
                     {
                         changes
                             + S("A2|api: endpoint, api: validation; W2|api: endpoint, web: page, api: "
                                 "validation, docs"),
                     });
    });
}

void TestLink::gitImportRelinks()
{
    test::guarded([&] {
        const QString dir = fresh("repos") + S("/shop");
        Scratch r = Scratch::create(dir);
        r.write(S("main.txt"), test::numbered("m", 1, 3));
        const QString first = r.commit(S("first"));
        const QString ws = fresh("ws.faultline");
        test::importInto(ws, r.dir());
        r.write(S("main.txt"), test::numbered("m", 1, 4));
        const QString second = r.commit(S("second"));
        // Deployed before its repository is imported again: its commits are unknown for now.
        writeAndRelink(ws, [&](store::DeliveryWriter& w, store::CiWriter&) {
            w.upsertDeployment(deployment("D1", first, 1.5));
            w.upsertDeployment(deployment("D2", second, 2.5));
        });
        verifyChecks(ws,
                     { S("SELECT external_id, commits_known, changeset_size FROM deployments ORDER BY id => "
                         "D1|1|NULL; D2|0|NULL") });
        // The git import links again before it commits.
        test::importInto(ws, r.dir());
        verifyChecks(ws,
                     { S("SELECT external_id, commits_known, changeset_size, changeset_note FROM deployments "
                         "ORDER BY id => D1|1|NULL|first deployment of shop in production; D2|1|1|NULL") });
    });
}

void TestLink::ciImportRelinks()
{
    test::ScratchWorkspace scratch;
    writeAndRelink(scratch.workspace, [](store::DeliveryWriter& w, store::CiWriter&) {
        store::PullRequestRecord pr = pullRequest(21, "feature/nightly");
        pr.headSha = S("0d9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3928170"); // the head of the run in run_single.json
        w.upsertPullRequest(pr);
    });
    const QString runs
        = S("SELECT l.reason, r.external_id FROM links l JOIN pipeline_runs r ON r.id = l.to_id "
            "WHERE l.kind = 'pr_run' => ");
    verifyChecks(scratch.workspace, { runs });
    // The CI import links again before it commits.
    test::importCi(scratch.workspace, { test::dataPath(S("github-actions/run_single.json")) });
    verifyChecks(scratch.workspace, { runs + S("head-sha|7301000003") });
}

void TestLink::botRulesFile()
{
    test::guarded([&] {
        test::ScratchWorkspace scratch;
        const QString rules
            = scratch.write(S("bots.json"), R"x({"rules": [{"id": "internal-robot", "author": "^ci-robot$"},
                                           {"id": "release-branch", "branch": "release-bot/"}]})x");
        writeAndRelink(scratch.workspace, [](store::DeliveryWriter& w, store::CiWriter&) {
            w.upsertPullRequest(pullRequest(1, "feature/x", "ci-robot"));
            w.upsertPullRequest(pullRequest(2, "release-bot/1.2", "alice"));
            w.upsertPullRequest(pullRequest(3, "feature/y", "alice"));
            w.upsertPullRequest(pullRequest(4, "deps", "app/dependabot"));
        });
        const QString bots = S("SELECT number, is_bot, bot_rule FROM pull_requests ORDER BY number => ");
        verifyChecks(scratch.workspace, { bots + S("1|0|NULL; 2|0|NULL; 3|0|NULL; 4|1|dependabot") });
        setSetting(scratch.workspace, LinkSettings::kBotRulesFileKey, rules);
        writeAndRelink(scratch.workspace);
        verifyChecks(scratch.workspace,
                     { bots + S("1|1|internal-robot; 2|1|release-branch; 3|0|NULL; 4|1|dependabot") });
        // A rule change applies to PRs already stored.
        setSetting(scratch.workspace, LinkSettings::kBotRulesFileKey, {});
        writeAndRelink(scratch.workspace);
        verifyChecks(scratch.workspace, { bots + S("1|0|NULL; 2|0|NULL; 3|0|NULL; 4|1|dependabot") });
    });
}

void TestLink::badSettingsLeaveWorkspaceUnchanged_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("parts");
    QTest::addRow("production regex") << S(LinkSettings::kProductionKey) << S("^(prod")
                                      << L({ "link.production_environment", "regular expression", "^(prod" });
    QTest::addRow("window") << S(LinkSettings::kIncidentWindowKey) << S("three days")
                            << L({ "link.incident_window_hours", "a number of hours", "three days" });
    QTest::addRow("service paths") << S(LinkSettings::kServicePathsKey) << S("[\"api\"]")
                                   << L({ "link.service_paths", "JSON object" });
    QTest::addRow("service path not text") << S(LinkSettings::kServicePathsKey) << S("{\"api\": 3}")
                                           << L({ "link.service_paths", "path prefix (text) for \"api\"" });
    QTest::addRow("bot rules file missing")
        << S(LinkSettings::kBotRulesFileKey) << S("/nonexistent/bots.json")
        << L({ "/nonexistent/bots.json", "cannot read the bot rules" });
}

void TestLink::badSettingsLeaveWorkspaceUnchanged()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QStringList, parts);
    test::ScratchWorkspace scratch;
    setSetting(scratch.workspace, key.toUtf8().constData(), value);
    const QByteArray before = test::fileSha256(scratch.workspace);
    const QString message = test::importErrorOf([&] {
        writeAndRelink(scratch.workspace, [](store::DeliveryWriter& w, store::CiWriter&) {
            w.upsertDeployment(deployment("D1", S("abcdef1"), 1));
        });
    });
    QVERIFY2(!message.isEmpty(), "relink did not fail");
    test::verifyContainsAll(message, parts);
    QCOMPARE(test::fileSha256(scratch.workspace), before);
}

void TestLink::cancel()
{
    test::ScratchWorkspace scratch;
    const QByteArray before = test::fileSha256(scratch.workspace);
    std::int64_t calls = 0;
    std::int64_t lastTotal = 0;
    QVERIFY_THROWS_EXCEPTION(ImportCancelled,
                             writeAndRelink(
                                 scratch.workspace,
                                 [](store::DeliveryWriter& w, store::CiWriter&) {
                                     w.upsertDeployment(deployment("D1", S("abcdef1"), 1));
                                 },
                                 [&](std::int64_t done, std::int64_t total) {
                                     ++calls;
                                     lastTotal = total;
                                     return done < 3;
                                 }));
    QCOMPARE(calls, std::int64_t(4));
    QVERIFY(lastTotal > 3);
    QCOMPARE(test::fileSha256(scratch.workspace), before);
    // Every phase reports, the last one as done == total.
    std::vector<std::int64_t> seen;
    writeAndRelink(scratch.workspace, {}, [&](std::int64_t done, std::int64_t total) {
        seen.push_back(done);
        lastTotal = total;
        return true;
    });
    QVERIFY(seen.size() > 3);
    QCOMPARE(seen.back(), lastTotal);
}

QTEST_GUILESS_MAIN(TestLink)
#include "tst_link.moc"
