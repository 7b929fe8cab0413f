// Repeat incidents (METRICS.md "Repeat incidents"): clusters of one fingerprint merged by title
// similarity, repeats, per-cluster figures, the period and service filters. Most cases build the
// facts the store query returns by hand; the last one writes a workspace (a scratch git history,
// deployments and incidents through the store's writers, relinked) and reads it with
// store::loadIncidentFacts, so that the links, changesets and files come from the real importers.
//
// Times are hours after a zero point (h(x)); every expected duration below is a difference of two.
#include "common/fingerprint.h"
#include "git_scratch.h"
#include "link/linker.h"
#include "metrics/metric_math.h"
#include "metrics/repeat_incidents.h"
#include "metrics/token_jaccard.h"
#include "store/delivery_writer.h"
#include "store/import_batch.h"
#include "store/incident_queries.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace faultline;
using faultline::metrics::computeRepeatIncidents;
using faultline::metrics::MetricsOptions;
using faultline::metrics::RepeatIncidentCluster;
using faultline::metrics::RepeatIncidents;
using faultline::test::S;

namespace {

constexpr std::int64_t kHourMs = 3600LL * 1000;
constexpr double kDayHours = 24.0;

std::int64_t h(double hours)
{
    return std::int64_t(hours * double(kHourMs));
}

// An incident as loadIncidentFacts returns it: its fingerprint is what the importers store.
store::IncidentFact incident(std::int64_t id, const char* service, const char* title, double createdHours,
                             std::optional<double> resolvedHours = {},
                             std::vector<std::int64_t> deployments = {})
{
    store::IncidentFact i;
    i.id = id;
    i.key = QStringLiteral("I%1").arg(id);
    i.service = S(service);
    i.title = S(title);
    i.createdAt = h(createdHours);
    if (resolvedHours)
        i.resolvedAt = h(*resolvedHours);
    i.fingerprint = importers::normalizeForFingerprint(i.title);
    i.deploymentIds = std::move(deployments);
    return i;
}

// A period holding every incident of these tests.
MetricsOptions everything()
{
    MetricsOptions o;
    o.fromMs = h(-100000);
    o.toMs = h(100000);
    return o;
}

QStringList keysOf(const RepeatIncidents& r)
{
    QStringList out;
    for (const auto& row : r.contributing)
        out << row.incidentKey + S("<-") + row.earlierIncidentKey;
    return out;
}

QList<std::int64_t> idsOf(const RepeatIncidentCluster& c)
{
    return QList<std::int64_t>(c.incidentIds.begin(), c.incidentIds.end());
}

// Fingerprint | service | count: the clusters in their order.
QStringList clustersOf(const RepeatIncidents& r)
{
    QStringList out;
    for (const auto& c : r.clusters)
        out << QStringLiteral("%1|%2|%3").arg(c.fingerprint, c.service).arg(c.count);
    return out;
}

} // namespace

class TestMetricsRepeatIncidents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokens();
    void repeatVsNonRepeat();
    void namesTheLatestResolved();
    void jaccardMerge();
    void transitiveMergeIsDeterministic();
    void medianIntervalAndRecovery();
    void aiShareAndFiles();
    void periodAndServiceFilters();
    void noIncidentsIsNull();
    void throughAWorkspace();
};

void TestMetricsRepeatIncidents::tokens()
{
    using metrics::similarityTokens;
    // Placeholders are words too; repeated tokens count once.
    QCOMPARE(similarityTokens(S("timeout <n> calling <url>, timeout!")),
             (std::vector<QString> { S("calling"), S("n"), S("timeout"), S("url") }));
    QCOMPARE(metrics::tokenJaccard(similarityTokens(S("a b c")), similarityTokens(S("b c d"))), 0.5);
    QCOMPARE(metrics::tokenJaccard({}, {}), 0.0);
}

// All incidents share the fingerprint "db timeout":
//   I1  0 h → 2 h
//   I2  1 h → 3 h   I1 was still open when it started: not a repeat
//   I3  5 h → 6 h   I1 (2 h) and I2 (3 h) resolved before: a repeat of the later one, I2, 2 h before
//   I4  6 + 2161 h  I3 resolved 2161 h = 90 days + 1 h before: too long ago, not a repeat
//   I5  I4 resolved (+1 h) + 2160 h: exactly 90 days after, a repeat of I4
// Repeat rate 2 / 5 = 0.4.
void TestMetricsRepeatIncidents::repeatVsNonRepeat()
{
    const double i4 = 6 + 90 * kDayHours + 1;
    store::IncidentFacts facts;
    facts.incidents = {
        incident(1, "shop", "DB timeout", 0, 2),
        incident(2, "shop", "DB timeout", 1, 3),
        incident(3, "shop", "DB timeout", 5, 6),
        incident(4, "shop", "DB timeout", i4, i4 + 1),
        incident(5, "shop", "DB timeout", i4 + 1 + 90 * kDayHours),
    };
    const RepeatIncidents r = computeRepeatIncidents(facts, everything());
    QCOMPARE(r.incidents, 5);
    QCOMPARE(r.repeats, 2);
    QCOMPARE(r.repeatRate, std::optional<double>(0.4));
    QCOMPARE(r.ci95, metrics::wilson95(2, 5));
    QVERIFY(r.smallSample);
    QCOMPARE(keysOf(r), (QStringList { S("I3<-I2"), S("I5<-I4") }));
    QCOMPARE(r.contributing[0].earlierIncidentId, 2);
    QCOMPARE(r.contributing[0].reason,
             S("repeat of I2, resolved 2.0 h before it started (cluster \"db timeout\" of shop)"));
    QCOMPARE(r.contributing[1].reason,
             S("repeat of I4, resolved 2160.0 h before it started (cluster \"db timeout\" of shop)"));
    QCOMPARE(r.clusters.size(), size_t(1));
    QCOMPARE(r.clusters[0].repeats, 2);

    // The window is a setting: with 91 days, I4 repeats I3 (90 days + 1 h).
    const RepeatIncidents wide = computeRepeatIncidents(facts, everything(), 0.6, 91);
    QCOMPARE(keysOf(wide), (QStringList { S("I3<-I2"), S("I4<-I3"), S("I5<-I4") }));
}

// I7 (0 h → 4 h), I3 (1 h → 4 h), I5 (2 h → 10 h), I9 at 5 h. For I9 the earlier incidents resolved before
// it started are I7 and I3, both at 4 h: the tie goes to the lower id, I3; I5 resolved after I9 started.
// I3 and I5 started while every earlier one was still open: no repeats. Listed in created order.
void TestMetricsRepeatIncidents::namesTheLatestResolved()
{
    store::IncidentFacts facts;
    facts.incidents = {
        incident(3, "shop", "DB timeout", 1, 4),
        incident(5, "shop", "DB timeout", 2, 10),
        incident(7, "shop", "DB timeout", 0, 4),
        incident(9, "shop", "DB timeout", 5),
    };
    const RepeatIncidents r = computeRepeatIncidents(facts, everything());
    QCOMPARE(keysOf(r), (QStringList { S("I9<-I3") }));
    // I11 at 10 h: I5's resolution (10 h) is not before it started; I3 and I7 (4 h) are, 6 h earlier.
    facts.incidents.push_back(incident(11, "shop", "DB timeout", 10));
    QCOMPARE(keysOf(computeRepeatIncidents(facts, everything())),
             (QStringList { S("I9<-I3"), S("I11<-I3") }));
}

// Titles of shop (all open, so no repeats):
//   "payment timeout calling bank"  {payment, timeout, calling, bank}
//   "payment timeout calling gateway"  shares 3 of 5 tokens: 0.6, merged (at the threshold)
//   "payment error"  {payment, error}: 1/5 and 1/5, stays apart
// billing has the first title too: never merged across services.
// Order: the merged shop cluster (2), then the single ones by last created desc: billing's (at 4 h)
// before "payment error" (at 3 h).
void TestMetricsRepeatIncidents::jaccardMerge()
{
    store::IncidentFacts facts;
    facts.incidents = {
        incident(1, "shop", "Payment timeout calling bank", 0),
        incident(2, "shop", "Payment timeout calling gateway", 1),
        incident(3, "shop", "Payment error", 3),
        incident(4, "billing", "Payment timeout calling bank", 4),
    };
    RepeatIncidents r = computeRepeatIncidents(facts, everything());
    QCOMPARE(clustersOf(r),
             (QStringList { S("payment timeout calling bank|shop|2"),
                            S("payment timeout calling bank|billing|1"), S("payment error|shop|1") }));
    QCOMPARE(idsOf(r.clusters[0]), (QList<std::int64_t> { 1, 2 }));

    // The similarity is a setting: at 0.7 the two shop titles stay apart. Equal counts: by last
    // created desc (billing 4 h, error 3 h, gateway 1 h, bank 0 h).
    r = computeRepeatIncidents(facts, everything(), 0.7);
    QCOMPARE(clustersOf(r),
             (QStringList { S("payment timeout calling bank|billing|1"), S("payment error|shop|1"),
                            S("payment timeout calling gateway|shop|1"),
                            S("payment timeout calling bank|shop|1") }));
}

// X = "cache storm region east", Y = "cache storm region west", Z = "cache storm zone west":
// X~Y 3/5 = 0.6 and Y~Z 3/5 = 0.6 merge; X~Z 2/6 does not, but all three end in one cluster.
// Z is the earliest (0 h → 1 h) and names it; X (10 h → 11 h) repeats Z, Y (20 h) repeats X, the
// latest resolved. The facts in another order (and the fingerprint groups met in another order)
// give the same result.
void TestMetricsRepeatIncidents::transitiveMergeIsDeterministic()
{
    store::IncidentFacts facts;
    facts.incidents = {
        incident(1, "shop", "Cache storm region east", 10, 11),
        incident(2, "shop", "Cache storm region west", 20),
        incident(3, "shop", "Cache storm zone west", 0, 1),
    };
    const RepeatIncidents r = computeRepeatIncidents(facts, everything());
    QCOMPARE(clustersOf(r), QStringList { S("cache storm zone west|shop|3") });
    QCOMPARE(idsOf(r.clusters[0]), (QList<std::int64_t> { 3, 1, 2 }));
    QCOMPARE(keysOf(r), (QStringList { S("I1<-I3"), S("I2<-I1") }));

    store::IncidentFacts reversed = facts;
    std::reverse(reversed.incidents.begin(), reversed.incidents.end());
    const RepeatIncidents again = computeRepeatIncidents(reversed, everything());
    QCOMPARE(clustersOf(again), clustersOf(r));
    QCOMPARE(idsOf(again.clusters[0]), idsOf(r.clusters[0]));
    QCOMPARE(keysOf(again), keysOf(r));
}

// One cluster created at 0, 2, 8 and 9 h, resolved at 1, 6, never and 9.5 h:
// intervals 2, 6, 1 h → median 2 h; recoveries 1, 4, 0.5 h → median 1 h over 3 resolved.
// A single open incident: no interval, no recovery.
void TestMetricsRepeatIncidents::medianIntervalAndRecovery()
{
    store::IncidentFacts facts;
    facts.incidents = {
        incident(1, "shop", "Queue backlog", 0, 1), incident(2, "shop", "Queue backlog", 2, 6),
        incident(3, "shop", "Queue backlog", 8),    incident(4, "shop", "Queue backlog", 9, 9.5),
        incident(5, "shop", "Disk full", 3),
    };
    const RepeatIncidents r = computeRepeatIncidents(facts, everything());
    QCOMPARE(clustersOf(r), (QStringList { S("queue backlog|shop|4"), S("disk full|shop|1") }));
    const RepeatIncidentCluster& c = r.clusters[0];
    QCOMPARE(c.firstMs, h(0));
    QCOMPARE(c.lastMs, h(9));
    QCOMPARE(c.medianIntervalHours, std::optional<double>(2.0));
    QCOMPARE(c.medianRecoveryHours, std::optional<double>(1.0));
    QCOMPARE(c.resolved, 3);
    // 2 h: I1 resolved at 1 h; 8 h: I2 at 6 h; 9 h: I2 (6 h) is the latest resolved before it.
    QCOMPARE(keysOf(r), (QStringList { S("I2<-I1"), S("I3<-I2"), S("I4<-I2") }));
    QCOMPARE(r.clusters[1].medianIntervalHours, std::nullopt);
    QCOMPARE(r.clusters[1].medianRecoveryHours, std::nullopt);
    QCOMPARE(r.clusters[1].resolved, 0);
}

// Deployments 10 (commits 100, 101), 11 (commits 101, 102) and 12 (commit 103, no added lines).
// Cluster "api down" links 10 and 11: commits 100, 101, 102 each once: AI 5 + 0 + 2 = 7 of
// 10 + 4 + 6 = 20 added lines → 0.35; files a.cpp, b.cpp, c.cpp.
// Cluster "cron late" links 12 only: no added lines, AI share null; file d.txt.
// Cluster "disk full" links nothing: no files, AI share null.
void TestMetricsRepeatIncidents::aiShareAndFiles()
{
    store::IncidentFacts facts;
    facts.incidents = {
        incident(1, "shop", "API down", 0, 1, { 10 }),
        incident(2, "shop", "API down", 5, 6, { 10, 11 }),
        incident(3, "shop", "Cron late", 7, 8, { 12 }),
        incident(4, "shop", "Disk full", 9),
    };
    facts.deployments = { { 10, S("D10"), S("shop"), { 100, 101 } },
                          { 11, S("D11"), S("shop"), { 101, 102 } },
                          { 12, S("D12"), S("shop"), { 103 } } };
    facts.commits = { { 100, S("c100"), 5, 10, { S("a.cpp"), S("b.cpp") } },
                      { 101, S("c101"), 0, 4, { S("b.cpp") } },
                      { 102, S("c102"), 2, 6, { S("c.cpp") } },
                      { 103, S("c103"), 0, 0, { S("d.txt") } } };
    const RepeatIncidents r = computeRepeatIncidents(facts, everything());
    QCOMPARE(clustersOf(r),
             (QStringList { S("api down|shop|2"), S("disk full|shop|1"), S("cron late|shop|1") }));
    const RepeatIncidentCluster& api = r.clusters[0];
    QCOMPARE(api.deploymentIds, (std::vector<std::int64_t> { 10, 11 }));
    QCOMPARE(api.deployments, (QStringList { S("D10"), S("D11") }));
    QCOMPARE(api.files, (QStringList { S("a.cpp"), S("b.cpp"), S("c.cpp") }));
    QCOMPARE(api.aiLines, 7);
    QCOMPARE(api.addedLines, 20);
    QCOMPARE(api.aiShare, std::optional<double>(0.35));
    QCOMPARE(r.clusters[1].files, QStringList());
    QCOMPARE(r.clusters[1].aiShare, std::nullopt);
    QCOMPARE(r.clusters[2].files, QStringList { S("d.txt") });
    QCOMPARE(r.clusters[2].aiShare, std::nullopt);
}

// shop "Login slow": 0 → 1 h (before the period), 10 → 11 h, 20 h, 30 h (at the period's end);
// billing "Login slow": 12 → 13 h, 15 h. Period [5 h, 30 h).
// All services: shop 10 h repeats the 0 h one from before the period, shop 20 h repeats 10 h,
// billing 15 h repeats 12 h → 3 repeats of 4 incidents. The shop cluster counts 2 (10 h, 20 h),
// first 10 h, last 20 h, interval 10 h.
// Services {billing}: 1 repeat of 2 incidents.
void TestMetricsRepeatIncidents::periodAndServiceFilters()
{
    store::IncidentFacts facts;
    facts.incidents = {
        incident(1, "shop", "Login slow", 0, 1),      incident(2, "shop", "Login slow", 10, 11),
        incident(3, "shop", "Login slow", 20),        incident(4, "shop", "Login slow", 30),
        incident(5, "billing", "Login slow", 12, 13), incident(6, "billing", "Login slow", 15),
    };
    MetricsOptions o;
    o.fromMs = h(5);
    o.toMs = h(30);
    RepeatIncidents r = computeRepeatIncidents(facts, o);
    QCOMPARE(r.incidents, 4);
    QCOMPARE(r.repeats, 3);
    QCOMPARE(r.repeatRate, std::optional<double>(0.75));
    QCOMPARE(keysOf(r), (QStringList { S("I2<-I1"), S("I6<-I5"), S("I3<-I2") }));
    QCOMPARE(clustersOf(r), (QStringList { S("login slow|shop|2"), S("login slow|billing|2") }));
    QCOMPARE(r.clusters[0].firstMs, h(10));
    QCOMPARE(r.clusters[0].lastMs, h(20));
    QCOMPARE(r.clusters[0].medianIntervalHours, std::optional<double>(10.0));
    QCOMPARE(idsOf(r.clusters[0]), (QList<std::int64_t> { 2, 3 }));

    o.services = QStringList { S("billing") };
    r = computeRepeatIncidents(facts, o);
    QCOMPARE(r.incidents, 2);
    QCOMPARE(r.repeats, 1);
    QCOMPARE(r.repeatRate, std::optional<double>(0.5));
    QCOMPARE(clustersOf(r), QStringList { S("login slow|billing|2") });
}

void TestMetricsRepeatIncidents::noIncidentsIsNull()
{
    RepeatIncidents r = computeRepeatIncidents(store::IncidentFacts {}, everything());
    QCOMPARE(r.incidents, 0);
    QCOMPARE(r.repeatRate, std::nullopt);
    QVERIFY(r.clusters.empty());
    QVERIFY(r.contributing.empty());

    // Incidents, but none in the period: still no rate.
    store::IncidentFacts facts;
    facts.incidents = { incident(1, "shop", "Disk full", 0, 1), incident(2, "shop", "Disk full", 2) };
    MetricsOptions o;
    o.fromMs = h(10);
    o.toMs = h(20);
    r = computeRepeatIncidents(facts, o);
    QCOMPARE(r.incidents, 0);
    QCOMPARE(r.repeatRate, std::nullopt);
    QVERIFY(r.clusters.empty());
}

// A scratch history of shop, one commit an hour from kEpoch:
//   c1 (1 h) app/main.txt, 5 lines;  c2 (2 h) app/one.txt, 3 lines, Claude Code trailer (AI: 3 of 3);
//   c3 (3 h) app/two.txt, 4 lines.
// Successful production deployments D1 = c1 at 1.5 h (first: no changeset), D2 = c2 at 2.5 h
// (changeset c2), D3 = c3 at 3.5 h (changeset c3).
// Incidents of shop: I1 "Checkout failed for order 123" 2.75 → 3 h, linked to D2 (the latest deployment
// finished in the 72 h before); I2 "Checkout failed for order 456" 4 → 5 h, linked to D3. One fingerprint
// "checkout failed for order <n>": I2 repeats I1 (resolved 1 h before). billing's I3 with the same
// title is a cluster of its own without deployments.
// The shop cluster: 2 incidents, interval 1.25 h, recoveries 0.25 and 1 h → 0.625 h, deployments D2 and
// D3, files app/one.txt and app/two.txt, AI share 3 / (3 + 4) = 3/7.
void TestMetricsRepeatIncidents::throughAWorkspace()
{
    QProcess git;
    git.start(S("git"), { S("--version") });
    if (!git.waitForFinished() || git.exitCode() != 0)
        QSKIP("the git CLI is not available");
    test::guarded([&] {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        test::Scratch r = test::Scratch::create(tmp.filePath(S("repos/shop")));
        r.write(S("app/main.txt"), test::numbered("main", 1, 5));
        const QString c1 = r.commit(S("initial"));
        r.write(S("app/one.txt"), test::numbered("one", 1, 3));
        const QString c2 = r.commit(S("feature one\n\nCo-Authored-By: Claude <noreply@anthropic.com>"));
        r.write(S("app/two.txt"), test::numbered("two", 1, 4));
        const QString c3 = r.commit(S("feature two"));
        const QString ws = tmp.filePath(S("ws.faultline"));
        test::importInto(ws, r.dir());

        const std::int64_t epochMs = test::kEpoch * 1000;
        auto at = [&](double hours) { return epochMs + h(hours); };
        {
            auto w = store::Workspace::open(ws);
            store::ImportBatch batch(w, { ws, S("test:repeat"), QByteArray("1") });
            store::DeliveryWriter writer(batch);
            auto deployment = [&](const char* id, const QString& sha, double hours) {
                store::DeploymentRecord d;
                d.provider = S("github");
                d.externalId = S(id);
                d.service = S("shop");
                d.environment = S("production");
                d.status = S("success");
                d.commitSha = sha;
                d.finishedAt = at(hours);
                writer.upsertDeployment(d);
            };
            deployment("D1", c1, 1.5);
            deployment("D2", c2, 2.5);
            deployment("D3", c3, 3.5);
            auto record = [&](const char* id, const char* service, const char* title, double created,
                              double resolved) {
                store::IncidentRecord i;
                i.provider = S("pagerduty");
                i.externalId = S(id);
                i.title = S(title);
                i.service = S(service);
                i.createdAt = at(created);
                i.resolvedAt = at(resolved);
                i.fingerprint = importers::normalizeForFingerprint(i.title);
                writer.upsertIncident(i);
            };
            record("I1", "shop", "Checkout failed for order 123", 2.75, 3);
            record("I2", "shop", "Checkout failed for order 456", 4, 5);
            record("I3", "billing", "Checkout failed for order 789", 4, 5);
            importers::link::relink(batch);
            batch.commit();
        }

        auto w = store::Workspace::openReadOnly(ws);
        const store::IncidentFacts facts = store::loadIncidentFacts(w.db());
        QCOMPARE(facts.incidents.size(), size_t(3));
        QCOMPARE(facts.incidents[0].fingerprint, std::optional<QString>(S("checkout failed for order <n>")));
        MetricsOptions o;
        o.fromMs = epochMs;
        o.toMs = at(24);
        const RepeatIncidents result = computeRepeatIncidents(facts, o);
        QCOMPARE(result.incidents, 3);
        QCOMPARE(result.repeats, 1);
        QCOMPARE(keysOf(result), QStringList { S("I2<-I1") });
        QCOMPARE(clustersOf(result),
                 (QStringList { S("checkout failed for order <n>|shop|2"),
                                S("checkout failed for order <n>|billing|1") }));
        const RepeatIncidentCluster& shop = result.clusters[0];
        QCOMPARE(shop.firstMs, at(2.75));
        QCOMPARE(shop.lastMs, at(4));
        QCOMPARE(shop.medianIntervalHours, std::optional<double>(1.25));
        QCOMPARE(shop.medianRecoveryHours, std::optional<double>(0.625));
        QCOMPARE(shop.deployments, (QStringList { S("D2"), S("D3") }));
        QCOMPARE(shop.files, (QStringList { S("app/one.txt"), S("app/two.txt") }));
        QCOMPARE(shop.aiLines, 3);
        QCOMPARE(shop.addedLines, 7);
        QCOMPARE(shop.aiShare, std::optional<double>(3.0 / 7.0));
        QCOMPARE(result.clusters[1].deployments, QStringList());
        QCOMPARE(result.clusters[1].aiShare, std::nullopt);
    });
}

QTEST_GUILESS_MAIN(TestMetricsRepeatIncidents)
#include "tst_metrics_repeat_incidents.moc"
