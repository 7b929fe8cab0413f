#include "ci_test_support.h"
#include "link/linker.h"
#include "metrics/lead_time_breakdown.h"
#include "store/ci_writer.h"
#include "store/delivery_writer.h"
#include "store/import_batch.h"
#include "store/synthetic_history.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QTest>

using namespace faultline;
using faultline::metrics::LeadStage;
using faultline::metrics::Segment;
using faultline::test::S;

namespace {

// 2024-05-06T00:00:00Z; every time below is hours after it.
constexpr std::int64_t kBase = 1714953600000LL;

std::int64_t h(double hours)
{
    return kBase + std::int64_t(hours * 3600.0 * 1000.0);
}

QString sha(char c)
{
    return QString(40, QLatin1Char(c));
}

std::optional<double> stage(const metrics::LeadTimeBreakdown& b, Segment segment, LeadStage s)
{
    return b.stages[size_t(segment)][size_t(s)].medianHours;
}

int count(const metrics::LeadTimeBreakdown& b, Segment segment, LeadStage s)
{
    return b.stages[size_t(segment)][size_t(s)].n;
}

} // namespace

// METRICS.md "Lead-time breakdown" on a workspace written through the store and linked by the real
// linker. The history (hours after kBase):
//   c1 0 h · c2 2 h (PR 1, 10 lines, all AI) · c3 3 h (PR 1, 10 lines) · c4 30 h "Bump lib (#2)", the
//   squash of Dependabot's PR 2 (its own commit x1 at 18 h is in no history) · c5 40 h (no PR).
// PR 1 (alice): created 4 h, alice comments at 5 h, bob reviews at 6 h, merged 8 h; CI on c2 4–4.25 h
//   and on c3 4.5–5.5 h. PR 2: created 20 h, merged 30 h.
// Deployments of shop: staging 1 h (c1), 9 h (c3); production 1 h (c1), 12 h (c3), 41 h (c5).
class TestMetricsLeadTime : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_workspace;

    metrics::LeadTimeBreakdown compute(const metrics::MetricsOptions& options, bool includeBots = false)
    {
        const auto ws = store::Workspace::openReadOnly(m_workspace);
        return metrics::computeLeadTimeBreakdown(
            store::loadLeadTimeFacts(ws.db(), options.fromMs, options.toMs), options,
            QRegularExpression(QString::fromLatin1(metrics::kDefaultStagingRule),
                               QRegularExpression::CaseInsensitiveOption),
            includeBots);
    }

    static metrics::MetricsOptions window()
    {
        metrics::MetricsOptions o;
        o.fromMs = h(0);
        o.toMs = h(100);
        return o;
    }

private slots:
    void initTestCase();
    void pullRequestStages();
    void commitsWithoutPullRequest();
    void botPullRequests();
    void aiThresholdAndAny();
    void windowByMergeTime();
};

void TestMetricsLeadTime::initTestCase()
{
    m_workspace = m_dir.filePath(S("lead.faultline"));
    store::Workspace ws = store::Workspace::create(m_workspace);
    store::ImportBatch batch(ws, { m_workspace, S("test"), QByteArray("lead-time-fixture") });
    store::SyntheticHistory history(batch);
    const std::int64_t repo = history.addRepository(S("shop"), m_dir.filePath(S("shop")));
    auto commit = [&](char c, const char* subject, double at, const char* parent, std::int64_t added,
                      std::int64_t ai) {
        store::SyntheticHistory::Commit k;
        k.sha = sha(c);
        k.subject = S(subject);
        k.authoredAt = h(at);
        if (parent)
            k.parents = QStringList { sha(*parent) };
        k.files = QStringList { S("src/app.c") };
        k.addedLines = added;
        k.aiLines = ai;
        history.addCommit(repo, k);
    };
    commit('1', "init", 0, nullptr, 5, 0);
    commit('2', "Add cart", 2, "1", 10, 10);
    commit('3', "Cart totals", 3, "2", 10, 0);
    commit('4', "Bump lib (#2)", 30, "3", 1, 0);
    commit('5', "Tune cache", 40, "4", 4, 0);
    history.flush();

    store::DeliveryWriter w(batch);
    store::PullRequestRecord pr1;
    pr1.provider = S("github");
    pr1.project = S("acme/shop");
    pr1.number = 1;
    pr1.author = S("alice");
    pr1.createdAt = h(4);
    pr1.mergedAt = h(8);
    pr1.mergeCommitSha = sha('3');
    pr1.headSha = sha('3');
    pr1.hasCommits = true;
    pr1.commits = { { sha('2'), h(2), h(2), S("A"), S("a@x"), S("alice"), S("Add cart") },
                    { sha('3'), h(3), h(3), S("A"), S("a@x"), S("alice"), S("Cart totals") } };
    pr1.hasReviews = true;
    pr1.reviews
        = { { S("r1"), S("alice"), S("COMMENTED"), h(5) }, { S("r2"), S("bob"), S("APPROVED"), h(6) } };
    w.upsertPullRequest(pr1);
    store::PullRequestRecord pr2;
    pr2.provider = S("github");
    pr2.project = S("acme/shop");
    pr2.number = 2;
    pr2.author = S("dependabot[bot]");
    pr2.createdAt = h(20);
    pr2.mergedAt = h(30);
    pr2.mergeCommitSha = sha('4');
    pr2.hasCommits = true;
    pr2.commits = { { sha('a'), h(18), h(18), S("D"), S("d@x"), S("dependabot[bot]"), S("Bump lib") } };
    w.upsertPullRequest(pr2);

    store::CiWriter ci(batch);
    auto run = [&](const char* id, char head, double start, double finish) {
        store::CiRun r;
        r.provider = S("github");
        r.project = S("acme/shop");
        r.externalId = S(id);
        r.headSha = sha(head);
        r.startedAt = h(start);
        r.finishedAt = h(finish);
        ci.upsertRun(r);
    };
    run("900", '2', 4, 4.25);
    run("901", '3', 4.5, 5.5);

    auto deploy = [&](const char* id, const char* env, char commitSha, double finished) {
        store::DeploymentRecord d;
        d.provider = S("csv");
        d.externalId = S(id);
        d.service = S("shop");
        d.environment = S(env);
        d.status = S("success");
        d.commitSha = sha(commitSha);
        d.startedAt = h(finished - 0.1);
        d.finishedAt = h(finished);
        w.upsertDeployment(d);
    };
    deploy("s0", "staging", '1', 1);
    deploy("s1", "staging", '3', 9);
    deploy("p0", "production", '1', 1);
    deploy("p1", "production", '3', 12);
    deploy("p2", "production", '5', 41);
    importers::link::relink(batch);
    batch.commit();
}

void TestMetricsLeadTime::pullRequestStages()
{
    const auto b = compute(window());
    // PR 1: coding 4 − 2 = 2 h (the first listed commit); pickup 4 → 6 = 2 h (bob: alice's own comment
    // does not count); review 6 → 8 = 2 h; CI wait 4 → 5.5 = 1.5 h; staged at 9 h (1 h after the
    // merge), in production at 12 h: deploy 4 h, staging wait 3 h.
    QCOMPARE(*stage(b, Segment::All, LeadStage::Coding), 2.0);
    QCOMPARE(*stage(b, Segment::All, LeadStage::Pickup), 2.0);
    QCOMPARE(*stage(b, Segment::All, LeadStage::Review), 2.0);
    QCOMPARE(*stage(b, Segment::All, LeadStage::CiWait), 1.5);
    QCOMPARE(*stage(b, Segment::All, LeadStage::ToStaging), 1.0);
    QCOMPARE(*stage(b, Segment::All, LeadStage::StagingWait), 3.0);
    QCOMPARE(count(b, Segment::All, LeadStage::Coding), 1);
    // CI overhead: 1.5 h of CI for 2 h of coding.
    QCOMPARE(*b.ciOverhead.medianHours, 0.75);
    QCOMPARE(b.ciOverhead.n, 1);
    // PR 1 is AI-assisted: 10 of its 20 added lines (0.5 ≥ 0.5).
    QCOMPARE(*stage(b, Segment::Ai, LeadStage::Deploy), 4.0);
    QVERIFY(!stage(b, Segment::NotAi, LeadStage::Coding));
    QCOMPARE(count(b, Segment::NotAi, LeadStage::Coding), 0);
}

void TestMetricsLeadTime::commitsWithoutPullRequest()
{
    const auto b = compute(window());
    // c5 (40 h, no PR) shipped by p2 at 41 h: deploy 1 h; with PR 1's 4 h the median is 2.5 h.
    // c1 shipped with the first deployment (no changeset); c2 and c3 belong to PR 1.
    QCOMPARE(*stage(b, Segment::All, LeadStage::Deploy), 2.5);
    QCOMPARE(count(b, Segment::All, LeadStage::Deploy), 2);
    QCOMPARE(*stage(b, Segment::NotAi, LeadStage::Deploy), 1.0);
    const auto rows
        = std::count_if(b.rows.begin(), b.rows.end(), [](const auto& r) { return r.commitId != 0; });
    QCOMPARE(rows, 1);
}

void TestMetricsLeadTime::botPullRequests()
{
    // Dependabot's PR 2 is left out of lead time unless asked for: coding 20 − 18 = 2 h, deploy
    // 30 → 41 = 11 h (its squash commit c4 ships with p2).
    const auto without = compute(window());
    QCOMPARE(std::count_if(without.rows.begin(), without.rows.end(),
                           [](const auto& r) { return r.prNumber == 2; }),
             0);
    const auto with = compute(window(), true);
    const auto pr2
        = std::find_if(with.rows.begin(), with.rows.end(), [](const auto& r) { return r.prNumber == 2; });
    QVERIFY(pr2 != with.rows.end());
    QCOMPARE(*pr2->hours[size_t(LeadStage::Coding)], 2.0);
    QCOMPARE(*pr2->hours[size_t(LeadStage::Deploy)], 11.0);
    QCOMPARE(count(with, Segment::All, LeadStage::Deploy), 3);
}

void TestMetricsLeadTime::aiThresholdAndAny()
{
    auto options = window();
    options.aiThreshold = 0.6; // PR 1's 0.5 falls short
    auto b = compute(options);
    QCOMPARE(count(b, Segment::Ai, LeadStage::Deploy), 0);
    QVERIFY(!stage(b, Segment::Ai, LeadStage::Deploy));
    options.anyAi = true; // c2 is AI-assisted, so PR 1 is
    b = compute(options);
    QCOMPARE(count(b, Segment::Ai, LeadStage::Deploy), 1);
}

void TestMetricsLeadTime::windowByMergeTime()
{
    // [8 h, 30 h): PR 1 merged at 8 h is in (half-open), PR 2 merged at 30 h is out; c5 is out.
    auto options = window();
    options.fromMs = h(8);
    options.toMs = h(30);
    const auto b = compute(options, true);
    QCOMPARE(b.rows.size(), size_t(1));
    QCOMPARE(b.rows.front().prNumber, 1);
}

QTEST_GUILESS_MAIN(TestMetricsLeadTime)
#include "tst_metrics_lead_time.moc"
