// The five DORA metrics (model/metrics/dora_metrics): each clause of METRICS.md on tiny hand-built
// facts (what store::loadDoraFacts returns), then once end to end on a scratch git repository
// imported, with deployments and an incident written and linked by the real linker.
//
// Times: deployments and commits are placed in hours after kT0 (at(h)); the period is the 14 days
// [kT0, kT0 + 336 h) unless a test says otherwise. Every expected number is worked out in a comment.
#include "git_scratch.h"
#include "link/linker.h"
#include "metrics/dora_metrics.h"
#include "metrics/metric_math.h"
#include "store/delivery_queries.h"
#include "store/delivery_writer.h"
#include "store/import_batch.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

using namespace faultline;
using faultline::metrics::computeDora;
using faultline::metrics::DoraResult;
using faultline::metrics::MetricsOptions;
using faultline::test::S;

namespace {

constexpr std::int64_t kT0 = 1700000000000; // ms
constexpr std::int64_t kHourMs = 3600 * 1000;

std::int64_t at(double hours)
{
    return kT0 + std::int64_t(hours * double(kHourMs));
}

MetricsOptions window(double fromHours = 0, double toHours = 336)
{
    MetricsOptions o;
    o.fromMs = at(fromHours);
    o.toMs = at(toHours);
    return o;
}

// Builds DoraFacts by hand; ids are given by the tests so that expectations can name them.
struct Facts
{
    store::DoraFacts f;

    store::DoraDeployment& deploy(std::int64_t id, double hours, const char* status = "success",
                                  const char* service = "shop", const char* environment = "production")
    {
        store::DoraDeployment d;
        d.id = id;
        d.service = S(service);
        d.environment = S(environment);
        d.status = S(status);
        d.at = at(hours);
        d.commitsKnown = true;
        d.aiShare = 0.0;
        f.deployments.push_back(d);
        return f.deployments.back();
    }
    void change(std::int64_t deployment, const char* sha, double authoredHours,
                std::optional<double> committedHours = {}, double aiShare = 0.0)
    {
        f.changes.push_back(
            { deployment, S(sha), at(authoredHours), at(committedHours.value_or(authoredHours)), aiShare });
    }
    void rollback(std::int64_t undone, std::int64_t by)
    {
        f.rollbacks.push_back({ undone, by, S("rollback") });
    }
    void incident(std::int64_t id, std::int64_t deployment, std::optional<double> resolvedHours)
    {
        std::optional<std::int64_t> resolved;
        if (resolvedHours)
            resolved = at(*resolvedHours);
        f.incidents.push_back({ id, deployment, resolved, S("time-window") });
    }
};

QStringList ids(const std::vector<metrics::Contribution>& rows)
{
    QStringList out;
    for (const auto& r : rows)
        out << QString::number(r.deploymentId) + (r.sha.isEmpty() ? QString() : S(":") + r.sha);
    return out;
}

// Everything of a result as text, to compare two runs; withRows false leaves the contributing rows out.
QString dump(const DoraResult& r, bool withRows = true)
{
    QString out;
    auto opt = [](const std::optional<double>& v) { return v ? QString::number(*v, 'g', 17) : S("null"); };
    auto rows = [withRows](const std::vector<metrics::Contribution>& rs) {
        QString s = withRows ? QString() : S("rows ");
        if (!withRows)
            return s;
        for (const auto& c : rs)
            s += QString::number(c.deploymentId) + S("|") + c.sha + S("|") + c.reason + S("\n");
        return s;
    };
    for (metrics::Segment seg : metrics::kSegments) {
        const auto& s = r.segment(seg);
        out += S(metrics::segmentKey(seg)) + S("\n") + QString::number(s.frequency.deployments)
            + opt(s.frequency.perDay) + opt(s.frequency.deployDaysPerWeekMedian) + rows(s.frequency.rows)
            + opt(s.leadTime.medianHours) + opt(s.leadTime.p90Hours) + rows(s.leadTime.rows)
            + opt(s.changeFailureRate.value) + rows(s.changeFailureRate.rows)
            + opt(s.recoveryTime.medianHours) + rows(s.recoveryTime.rows) + opt(s.reworkRate.value)
            + rows(s.reworkRate.rows) + (s.smallSample ? S("small") : S("ok"))
            + S(" n %1 %2/%3 %4 %5/%6")
                  .arg(s.leadTime.n)
                  .arg(s.changeFailureRate.count)
                  .arg(s.changeFailureRate.n)
                  .arg(s.recoveryTime.n)
                  .arg(s.reworkRate.count)
                  .arg(s.reworkRate.n);
        for (const auto& [service, v] : s.frequency.perDayByService)
            out += service + QString::number(v);
    }
    return out;
}

} // namespace

class TestMetricsDora : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void failureOwnStatus();
    void failureRollback();
    void failureNextUnplannedWithin48h();
    void failureIncident();
    void twoReasonsCountedOnce();
    void leadTime();
    void recoveryViaIncidentOrNextDeployment();
    void reworkRate();
    void windowIsHalfOpen();
    void frequency();
    void aiThresholdAndAnyAi();
    void smallSample();
    void emptySegmentIsNull();
    void productionRule();
    void deterministic();
    void rowsAreOptional();
    void endToEnd();
};

// (a) D2's own status is failure. Final production deployments D1, D2, D3: CFR = 1/3.
void TestMetricsDora::failureOwnStatus()
{
    Facts x;
    x.deploy(1, 1);
    x.deploy(2, 2, "failure");
    x.deploy(3, 3);
    x.deploy(4, 4, "running"); // not final: in no denominator
    const DoraResult r = computeDora(x.f, window());
    QCOMPARE(r.all.changeFailureRate.n, 3);
    QCOMPARE(r.all.changeFailureRate.count, 1);
    QCOMPARE(*r.all.changeFailureRate.value, 1.0 / 3.0);
    QCOMPARE(ids(r.all.changeFailureRate.rows), QStringList { S("2") });
    QCOMPARE(r.all.changeFailureRate.rows[0].reason, S("status failure"));
    const auto ci = metrics::wilson95(1, 3);
    QCOMPARE(r.all.changeFailureRate.ci95->first, ci.first);
    QCOMPARE(r.all.changeFailureRate.ci95->second, ci.second);
    QCOMPARE(r.all.frequency.deployments, 2); // D1, D3 succeeded
}

// (b) D3 rolled D2 back (a rollback link points at D2); D3 itself is not flagged unplanned here, so
// only (b) holds: CFR = 1/3.
void TestMetricsDora::failureRollback()
{
    Facts x;
    x.deploy(1, 1);
    x.deploy(2, 2);
    x.deploy(3, 3);
    x.rollback(2, 3);
    const DoraResult r = computeDora(x.f, window());
    QCOMPARE(r.all.changeFailureRate.count, 1);
    QCOMPARE(ids(r.all.changeFailureRate.rows), QStringList { S("2") });
    QCOMPARE(r.all.changeFailureRate.rows[0].reason, S("rolled back by deployment 3 (rollback)"));
}

// (c) D3 (unplanned) follows D2 by exactly 48 h: D2 failed. D5 (unplanned) follows D4 by 49 h: D4 did
// not. D1 is followed by D2 (planned). Other services do not count: D6 of "cart" is unplanned 1 h
// after D1 but is not shop's next deployment. CFR = 1/6.
void TestMetricsDora::failureNextUnplannedWithin48h()
{
    Facts x;
    x.deploy(1, 1);
    x.deploy(2, 10);
    x.deploy(3, 58).isUnplanned = true;
    x.deploy(4, 200);
    x.deploy(5, 249).isUnplanned = true;
    x.deploy(6, 2, "success", "cart").isUnplanned = true;
    const DoraResult r = computeDora(x.f, window());
    QCOMPARE(r.all.changeFailureRate.n, 6);
    QCOMPARE(ids(r.all.changeFailureRate.rows), QStringList { S("2") });
    QCOMPARE(r.all.changeFailureRate.rows[0].reason, S("next deployment 3 is unplanned, 48.00 h later"));
}

// (d) incident 7 is linked to D2: CFR = 1/3.
void TestMetricsDora::failureIncident()
{
    Facts x;
    x.deploy(1, 1);
    x.deploy(2, 2);
    x.deploy(3, 3);
    x.incident(7, 2, 5);
    const DoraResult r = computeDora(x.f, window());
    QCOMPARE(ids(r.all.changeFailureRate.rows), QStringList { S("2") });
    QCOMPARE(r.all.changeFailureRate.rows[0].reason, S("incident 7 linked (time-window)"));
    QCOMPARE(r.all.changeFailureRate.rows[0].incidentIds, std::vector<std::int64_t> { 7 });
    QCOMPARE(*r.all.changeFailureRate.value, 1.0 / 3.0);
}

// D2 failed by status, was rolled back by D3 and has incident 7: one failed deployment, three reasons.
// CFR = 1/3.
void TestMetricsDora::twoReasonsCountedOnce()
{
    Facts x;
    x.deploy(1, 1);
    x.deploy(2, 2, "failure");
    x.deploy(3, 3);
    x.rollback(2, 3);
    x.incident(7, 2, 4);
    const DoraResult r = computeDora(x.f, window());
    QCOMPARE(r.all.changeFailureRate.count, 1);
    QCOMPARE(r.all.changeFailureRate.n, 3);
    QCOMPARE(r.all.changeFailureRate.rows.size(), size_t(1));
    QCOMPARE(r.all.changeFailureRate.rows[0].reason,
             S("status failure; rolled back by deployment 3 (rollback); incident 7 linked (time-window)"));
}

// D1 (10 h) is the service's first deployment: no changeset, not in lead time. D2 (20 h) deploys
// a (authored 14 h: 6 h), b (18 h: 2 h), c (21 h: −1 h, dropped), d (20 h: 0 h, dropped).
// Lead times {6, 2}: median 4, p90 = 2 + 0.9 × (6 − 2) = 5.6, n = 2. The failed D3 (30 h) deploys e
// but only successful deployments count. With committer time: a committed 19 h (1 h), b 18 h (2 h),
// c, d as before: median 1.5.
void TestMetricsDora::leadTime()
{
    Facts x;
    x.deploy(1, 10);
    x.deploy(2, 20);
    x.deploy(3, 30, "failure");
    x.change(2, "a", 14, 19);
    x.change(2, "b", 18);
    x.change(2, "c", 21);
    x.change(2, "d", 20);
    x.change(3, "e", 25);
    const DoraResult r = computeDora(x.f, window());
    QCOMPARE(r.all.leadTime.n, 2);
    QCOMPARE(*r.all.leadTime.medianHours, 4.0);
    QCOMPARE(*r.all.leadTime.p90Hours, 5.6);
    QCOMPARE(ids(r.all.leadTime.rows), (QStringList { S("1"), S("2:a"), S("2:b"), S("2:c"), S("2:d") }));
    QCOMPARE(r.all.leadTime.rows[0].reason, S("no changeset (first deployment of its service)"));
    QCOMPARE(r.all.leadTime.rows[3].reason, S("dropped: non-positive lead time"));
    QCOMPARE(r.all.leadTime.rows[4].reason, S("dropped: non-positive lead time"));

    metrics::DoraOptions committer;
    committer.committerTime = true;
    const DoraResult c = computeDora(x.f, window(), committer);
    QCOMPARE(c.all.leadTime.n, 2);
    QCOMPARE(*c.all.leadTime.medianHours, 1.5);
}

// D2 (failure, 2 h) recovers at the next successful deployment D4 (5 h; D3 at 3 h failed too): 3 h.
// D3 (failure, 3 h) also recovers at D4: 2 h. D5 (10 h) has incidents 7 (resolved 14 h) and 8
// (resolved 20 h): the latest resolution, 10 h, not the next deployment D6 (11 h). D7 (30 h) has
// incident 9, unresolved: not recovered, not in n. Recovery {3, 2, 10}: median 3, n = 3.
void TestMetricsDora::recoveryViaIncidentOrNextDeployment()
{
    Facts x;
    x.deploy(1, 1);
    x.deploy(2, 2, "failure");
    x.deploy(3, 3, "failure");
    x.deploy(4, 5);
    x.deploy(5, 10);
    x.deploy(6, 11);
    x.deploy(7, 30);
    x.incident(7, 5, 14);
    x.incident(8, 5, 20);
    x.incident(9, 7, std::nullopt);
    const DoraResult r = computeDora(x.f, window());
    QCOMPARE(r.all.changeFailureRate.count, 4);
    QCOMPARE(r.all.recoveryTime.n, 3);
    QCOMPARE(*r.all.recoveryTime.medianHours, 3.0);
    QCOMPARE(ids(r.all.recoveryTime.rows), (QStringList { S("2"), S("3"), S("5"), S("7") }));
    QCOMPARE(r.all.recoveryTime.rows[0].reason, S("3.00 h after finish: next successful deployment 4"));
    QCOMPARE(r.all.recoveryTime.rows[2].reason,
             S("10.00 h after finish: latest resolution of its incidents"));
    QCOMPARE(r.all.recoveryTime.rows[3].reason, S("not recovered: incident 9 unresolved"));
    QCOMPARE(r.all.recoveryTime.rows[2].incidentIds, (std::vector<std::int64_t> { 7, 8 }));
    QVERIFY(r.all.recoveryTime.rows[0].incidentIds.empty());
}

// Unplanned D2 (revert) and D4 (rollback) out of 4 final deployments: rework 2/4 = 0.5.
void TestMetricsDora::reworkRate()
{
    Facts x;
    x.deploy(1, 1);
    x.deploy(2, 100).isUnplanned = true;
    x.deploy(3, 200);
    x.deploy(4, 300).isUnplanned = true;
    x.f.unplanned.push_back({ 2, 11, S("revert") });
    x.f.unplanned.push_back({ 4, 3, S("rollback") });
    const DoraResult r = computeDora(x.f, window());
    QCOMPARE(r.all.reworkRate.count, 2);
    QCOMPARE(r.all.reworkRate.n, 4);
    QCOMPARE(*r.all.reworkRate.value, 0.5);
    QCOMPARE(ids(r.all.reworkRate.rows), (QStringList { S("2"), S("4") }));
    QCOMPARE(r.all.reworkRate.rows[0].reason, S("unplanned: revert"));
}

// Period [24 h, 48 h): D1 at 24 h − 1 ms is out, D2 at exactly 24 h is in, D3 at 47 h is in, D4 at
// exactly 48 h is out. 2 deployments over 1 day: 2 per day.
void TestMetricsDora::windowIsHalfOpen()
{
    Facts x;
    x.deploy(1, 24).at = at(24) - 1;
    x.deploy(2, 24);
    x.deploy(3, 47);
    x.deploy(4, 48);
    const DoraResult r = computeDora(x.f, window(24, 48));
    QCOMPARE(r.all.frequency.deployments, 2);
    QCOMPARE(ids(r.all.frequency.rows), (QStringList { S("2"), S("3") }));
    QCOMPARE(*r.all.frequency.perDay, 2.0);
}

// 14 days: shop deploys on days 0 (twice), 1, 2 and 9; cart on day 3 (and fails on day 4). Days with a
// deployment: week 1 {0, 1, 2, 3} = 4, week 2 {9} = 1: median 2.5. Staging is not production.
// Per day: 6 / 14 overall, shop 5 / 14, cart 1 / 14.
void TestMetricsDora::frequency()
{
    Facts x;
    x.deploy(1, 1);
    x.deploy(2, 5);
    x.deploy(3, 25);
    x.deploy(4, 49);
    x.deploy(5, 9 * 24 + 3);
    x.deploy(6, 3 * 24 + 1, "success", "cart");
    x.deploy(7, 4 * 24 + 1, "failure", "cart");
    x.deploy(8, 6 * 24, "success", "shop", "staging");
    const DoraResult r = computeDora(x.f, window());
    QCOMPARE(r.all.frequency.deployments, 6);
    QCOMPARE(*r.all.frequency.perDay, 6.0 / 14.0);
    QCOMPARE(r.all.frequency.perDayByService.at(S("shop")), 5.0 / 14.0);
    QCOMPARE(r.all.frequency.perDayByService.at(S("cart")), 1.0 / 14.0);
    QCOMPARE(*r.all.frequency.deployDaysPerWeekMedian, 2.5);
}

// D2's AI share is 0.3 but one of its commits is fully AI (1.0): not AI at threshold 0.5, AI with
// anyAi. D3 (share 0.6) is AI either way. D4 claims share 0.9 but its commits are unknown: not AI.
// D1 (first, share 0): not AI.
void TestMetricsDora::aiThresholdAndAnyAi()
{
    Facts x;
    x.deploy(1, 1);
    x.deploy(2, 2).aiShare = 0.3;
    x.change(2, "h", 1.5, {}, 1.0);
    x.change(2, "i", 1.6, {}, 0.0);
    x.deploy(3, 3).aiShare = 0.6;
    store::DoraDeployment& d4 = x.deploy(4, 4);
    d4.aiShare = 0.9;
    d4.commitsKnown = false;
    MetricsOptions o = window();
    DoraResult r = computeDora(x.f, o);
    QCOMPARE(ids(r.ai.frequency.rows), QStringList { S("3") });
    QCOMPARE(ids(r.notAi.frequency.rows), (QStringList { S("1"), S("2"), S("4") }));
    o.anyAi = true;
    r = computeDora(x.f, o);
    QCOMPARE(ids(r.ai.frequency.rows), (QStringList { S("2"), S("3") }));
    QCOMPARE(ids(r.notAi.frequency.rows), (QStringList { S("1"), S("4") }));
    QCOMPARE(r.ai.leadTime.n, 2); // h and i: 0.5 h and 0.4 h
    QCOMPARE(r.all.frequency.deployments, 4);
}

// 19 not-AI deployments and 1 AI one: all has 20 (not small), not AI 19 and AI 1 (small).
void TestMetricsDora::smallSample()
{
    Facts x;
    for (int i = 1; i <= 20; ++i)
        x.deploy(i, i).aiShare = i == 20 ? 1.0 : 0.0;
    const DoraResult r = computeDora(x.f, window());
    QCOMPARE(r.all.changeFailureRate.n, 20);
    QVERIFY(!r.all.smallSample);
    QCOMPARE(r.notAi.changeFailureRate.n, 19);
    QVERIFY(r.notAi.smallSample);
    QCOMPARE(r.ai.changeFailureRate.n, 1);
    QVERIFY(r.ai.smallSample);
}

// No AI deployment at all: the AI segment's rates and medians are null, not 0; its frequency is
// 0 per day (the period has days).
void TestMetricsDora::emptySegmentIsNull()
{
    Facts x;
    x.deploy(1, 1);
    x.deploy(2, 2, "failure");
    x.deploy(3, 3);
    x.change(3, "a", 2.5);
    const DoraResult r = computeDora(x.f, window());
    const auto& ai = r.ai;
    QCOMPARE(ai.frequency.deployments, 0);
    QCOMPARE(*ai.frequency.perDay, 0.0);
    QVERIFY(!ai.leadTime.medianHours && !ai.leadTime.p90Hours);
    QCOMPARE(ai.leadTime.n, 0);
    QVERIFY(!ai.changeFailureRate.value && !ai.changeFailureRate.ci95);
    QCOMPARE(ai.changeFailureRate.n, 0);
    QVERIFY(!ai.recoveryTime.medianHours);
    QVERIFY(!ai.reworkRate.value && !ai.reworkRate.ci95);
    QVERIFY(ai.smallSample);
    QVERIFY(r.notAi.changeFailureRate.value.has_value());
    // An empty period: no frequency at all.
    QVERIFY(!computeDora(x.f, window(5, 5)).all.frequency.perDay);
}

// The rule: the options', else the workspace's (link.production_environment), else the default;
// case-insensitive. D1 "PROD-eu" matches the default; D2 "live" too; D3 "prd" does not.
void TestMetricsDora::productionRule()
{
    Facts x;
    x.deploy(1, 1, "success", "shop", "PROD-eu");
    x.deploy(2, 2, "success", "shop", "live");
    x.deploy(3, 3, "success", "shop", "prd");
    QCOMPARE(computeDora(x.f, window()).all.frequency.deployments, 2);
    x.f.productionRule = S("^prd$");
    QCOMPARE(ids(computeDora(x.f, window()).all.frequency.rows), QStringList { S("3") });
    MetricsOptions o = window();
    o.environmentRule = S("^live$");
    QCOMPARE(ids(computeDora(x.f, o).all.frequency.rows), QStringList { S("2") });
    o.environmentRule = S("(");
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, computeDora(x.f, o));
}

// The same facts give the same result twice, whatever the order of the input rows.
void TestMetricsDora::deterministic()
{
    Facts x;
    x.deploy(3, 3);
    x.deploy(1, 1);
    x.deploy(2, 1, "failure"); // same time as D1: ties broken by id
    x.deploy(4, 5, "success", "cart");
    x.change(3, "b", 2);
    x.change(3, "a", 2);
    x.incident(9, 3, 8);
    x.incident(8, 3, 7);
    const QString first = dump(computeDora(x.f, window()));
    QCOMPARE(dump(computeDora(x.f, window())), first);
    QVERIFY(first.contains(S("incident 9")));
}

// Without contributing rows (what `faultline metrics` asks for) every number is the same and no row is
// described. The facts fail D3 twice (own status and an incident) and give lead times, recoveries and an
// unplanned deployment, so every kind of row would exist.
void TestMetricsDora::rowsAreOptional()
{
    Facts x;
    x.deploy(1, 1);
    x.deploy(2, 2);
    x.deploy(3, 3, "failure");
    x.deploy(4, 4).isUnplanned = true;
    x.change(2, "a", 1.5);
    x.change(4, "b", 3.5);
    x.incident(9, 3, 8);
    MetricsOptions o = window();
    const DoraResult with = computeDora(x.f, o);
    o.contributingRows = false;
    const DoraResult without = computeDora(x.f, o);
    QCOMPARE(dump(without, false), dump(with, false));
    for (const auto* s : { &with.all, &without.all }) {
        const bool expectRows = s == &with.all;
        QCOMPARE(s->frequency.rows.empty(), !expectRows);
        QCOMPARE(s->leadTime.rows.empty(), !expectRows);
        QCOMPARE(s->changeFailureRate.rows.empty(), !expectRows);
        QCOMPARE(s->recoveryTime.rows.empty(), !expectRows);
        QCOMPARE(s->reworkRate.rows.empty(), !expectRows);
    }
    QCOMPARE(with.all.changeFailureRate.count, 1);
    QCOMPARE(with.all.reworkRate.count, 1);
}

// End to end: a scratch repository c1 (1 h), c2 (2 h), c3 (3 h); production deployments D1 = c1 at
// 1.5 h, D2 = c3 at 3.5 h, D3 = c1 again at 4.5 h (a rollback of D2, so unplanned), a staging one; and
// incident I1 created 6 h, resolved 8 h, linked by the time window to D3.
// Final production deployments: 3. Failed: D2 (rolled back; next deployment D3 unplanned 1 h later),
// D3 (incident): CFR 2/3. Rework: D3, 1/3. Recovery: D2 → D3 at 4.5 h = 1 h; D3 → 8 h = 3.5 h: median
// 2.25. Lead time: D2's changeset c2 (1.5 h), c3 (0.5 h): median 1, n 2. No AI markers: AI is empty.
void TestMetricsDora::endToEnd()
{
    test::guarded([&] {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        test::Scratch repo = test::Scratch::create(tmp.filePath(S("shop")));
        repo.write(S("a.txt"), test::numbered("a", 1, 3));
        const QString c1 = repo.commit(S("initial"));
        repo.write(S("b.txt"), test::numbered("b", 1, 3));
        repo.commit(S("two"));
        repo.write(S("c.txt"), test::numbered("c", 1, 3));
        const QString c3 = repo.commit(S("three"));
        const QString wsPath = tmp.filePath(S("ws.faultline"));
        test::importInto(wsPath, repo.dir());

        const std::int64_t e = test::kEpoch * 1000;
        auto hour = [&](double h) { return e + std::int64_t(h * double(kHourMs)); };
        auto deployment = [&](const char* id, const QString& sha, double h, const char* env = "production") {
            store::DeploymentRecord d;
            d.provider = S("github");
            d.externalId = S(id);
            d.service = S("shop");
            d.environment = S(env);
            d.status = S("success");
            d.commitSha = sha;
            d.finishedAt = hour(h);
            return d;
        };
        {
            auto ws = store::Workspace::open(wsPath);
            store::ImportBatch batch(ws, { wsPath, S("test:dora"), QByteArray("1") });
            store::DeliveryWriter w(batch);
            w.upsertDeployment(deployment("D1", c1, 1.5));
            w.upsertDeployment(deployment("S1", c3, 3.2, "staging"));
            w.upsertDeployment(deployment("D2", c3, 3.5));
            w.upsertDeployment(deployment("D3", c1, 4.5));
            store::IncidentRecord i;
            i.provider = S("pagerduty");
            i.externalId = S("I1");
            i.title = S("checkout down");
            i.service = S("shop");
            i.createdAt = hour(6);
            i.resolvedAt = hour(8);
            w.upsertIncident(i);
            importers::link::relink(batch);
            batch.commit();
        }
        auto ws = store::Workspace::openReadOnly(wsPath);
        MetricsOptions o;
        o.fromMs = e;
        o.toMs = hour(24);
        const DoraResult r = computeDora(ws.db(), o);
        QCOMPARE(r.all.frequency.deployments, 3);
        QCOMPARE(r.all.changeFailureRate.count, 2);
        QCOMPARE(r.all.changeFailureRate.n, 3);
        QCOMPARE(r.all.changeFailureRate.rows.size(), size_t(2));
        QVERIFY(r.all.changeFailureRate.rows[0].reason.startsWith(S("rolled back by deployment")));
        QVERIFY(r.all.changeFailureRate.rows[0].reason.contains(S("is unplanned, 1.00 h later")));
        QVERIFY(r.all.changeFailureRate.rows[1].reason.startsWith(S("incident")));
        QCOMPARE(r.all.reworkRate.count, 1);
        QCOMPARE(r.all.reworkRate.rows[0].reason, S("unplanned: rollback"));
        QCOMPARE(r.all.recoveryTime.n, 2);
        QCOMPARE(*r.all.recoveryTime.medianHours, 2.25);
        QCOMPARE(r.all.leadTime.n, 2);
        QCOMPARE(*r.all.leadTime.medianHours, 1.0);
        QCOMPARE(r.ai.frequency.deployments, 0);
        QVERIFY(!r.ai.changeFailureRate.value);
    });
}

QTEST_GUILESS_MAIN(TestMetricsDora)
#include "tst_metrics_dora.moc"
