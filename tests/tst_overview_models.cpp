#include "gui/filter_state.h"
#include "metrics/weekly_trends.h"
#include "models/contributions_model.h"
#include "models/dora_tiles_model.h"
#include "models/overview_summary.h"
#include "models/people_aliases.h"
#include "models/present_rows_proxy.h"
#include "models/weekly_trend_model.h"
#include "store/delivery_queries.h"
#include "test_support.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace faultline;
using faultline::models::DoraTilesModel;
using faultline::models::WeeklyTrendModel;
using faultline::test::S;

namespace {

constexpr std::int64_t kDay = 86400LL * 1000;
constexpr std::int64_t kHour = 3600LL * 1000;
// 2026-03-02T00:00:00Z, a Monday.
const std::int64_t kMonday = QDateTime(QDate(2026, 3, 2), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();

metrics::Contribution row(std::int64_t deployment, const char* sha, const char* reason,
                          std::vector<std::int64_t> incidents = {})
{
    return { deployment, S(sha), S(reason), std::move(incidents) };
}

// A report built by hand: all has 25 production deployments (not a small sample), AI 5, not AI 20.
metrics::DoraResult handBuiltDora()
{
    metrics::DoraResult r;
    r.all.frequency.deployments = 25;
    r.all.frequency.perDay = 1.25;
    r.all.frequency.rows = { row(1, "aaa", "successful production deployment") };
    r.all.leadTime.medianHours = 30.0;
    r.all.leadTime.n = 40;
    r.all.leadTime.rows = { row(1, "c1", "lead time 30.00 h"), row(2, "c2", "dropped: non-positive") };
    r.all.changeFailureRate.value = 0.12;
    r.all.changeFailureRate.count = 3;
    r.all.changeFailureRate.n = 25;
    r.all.changeFailureRate.rows = { row(7, "fff", "status failure; incident linked", { 11, 12 }) };
    r.all.recoveryTime.medianHours = 72.0;
    r.all.recoveryTime.n = 3;
    r.all.reworkRate.value = 0.04;
    r.all.reworkRate.count = 1;
    r.all.reworkRate.n = 25;
    r.all.smallSample = false;
    r.ai.frequency.deployments = 5;
    r.ai.frequency.perDay = 0.25;
    r.ai.changeFailureRate.value = 0.4;
    r.ai.changeFailureRate.n = 5;
    r.notAi.frequency.deployments = 20;
    r.notAi.frequency.perDay = 1.0;
    r.notAi.changeFailureRate.value = 0.05;
    r.notAi.changeFailureRate.n = 20;
    return r;
}

metrics::WeeklyTrends handBuiltTrends()
{
    metrics::WeeklyTrends t;
    for (int i = 0; i < 3; ++i) {
        metrics::DoraWeek w;
        w.fromMs = kMonday + i * 7 * kDay;
        w.toMs = w.fromMs + 7 * kDay;
        w.productionDeployments = 7 * (i + 1);
        w.deploymentsPerDay = double(i + 1);
        if (i != 1)
            w.leadTimeMedianHours = 10.0 * (i + 1);
        t.weeks.push_back(w);
    }
    t.prsMerged = { 4, 0, 9 };
    return t;
}

store::DoraDeployment deployment(std::int64_t id, const char* environment, const char* status,
                                 std::int64_t at)
{
    store::DoraDeployment d;
    d.id = id;
    d.service = S("shop");
    d.environment = S(environment);
    d.status = S(status);
    d.at = at;
    d.isProduction = QString::fromLatin1(environment) == QLatin1String("production");
    return d;
}

} // namespace

class TestOverviewModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void doraTilesModel();
    void weeklyTrendModelAndProxy();
    void contributionsModel();
    void weeklyBucketing();
    void weeklyDoraFollowsTheDefinition();
    void bottleneck();
    void archetypeCard();
    void peopleAliases();
    void filterStatePeriods();
    void filterStateJson();
};

void TestOverviewModels::doraTilesModel()
{
    DoraTilesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0); // nothing computed yet: no rows rather than zeros
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setResult(handBuiltDora());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), int(DoraTilesModel::MetricCount));
    QCOMPARE(model.columnCount(), int(DoraTilesModel::ColumnCount));

    const auto cell = [&](DoraTilesModel::Metric m, DoraTilesModel::Column c, int role = Qt::DisplayRole) {
        return model.index(m, c).data(role);
    };
    QCOMPARE(cell(DoraTilesModel::DeploymentFrequency, DoraTilesModel::Name).toString(),
             S("Deployment frequency"));
    QCOMPARE(cell(DoraTilesModel::DeploymentFrequency, DoraTilesModel::Value).toString(), S("1.25 /day"));
    QCOMPARE(cell(DoraTilesModel::DeploymentFrequency, DoraTilesModel::AiValue).toString(), S("0.25 /day"));
    QCOMPARE(cell(DoraTilesModel::DeploymentFrequency, DoraTilesModel::N).toString(), S("25"));
    QCOMPARE(cell(DoraTilesModel::DeploymentFrequency, DoraTilesModel::AiN).toString(), S("5"));
    QCOMPARE(cell(DoraTilesModel::LeadTime, DoraTilesModel::Value).toString(), S("30.0 h"));
    QCOMPARE(cell(DoraTilesModel::RecoveryTime, DoraTilesModel::Value).toString(), S("3.0 d"));
    QCOMPARE(cell(DoraTilesModel::ChangeFailureRate, DoraTilesModel::Value).toString(), S("12.0 %"));
    QCOMPARE(cell(DoraTilesModel::ChangeFailureRate, DoraTilesModel::NotAiValue).toString(), S("5.0 %"));
    // No value is a dash, not a zero.
    QCOMPARE(cell(DoraTilesModel::LeadTime, DoraTilesModel::AiValue).toString(), S("—"));
    QVERIFY(!cell(DoraTilesModel::LeadTime, DoraTilesModel::AiValue, DoraTilesModel::RawValueRole).isValid());
    QCOMPARE(cell(DoraTilesModel::ReworkRate, DoraTilesModel::Value, DoraTilesModel::RawValueRole).toDouble(),
             0.04);

    // Small samples: fewer than 20 items behind the cell.
    QCOMPARE(cell(DoraTilesModel::ChangeFailureRate, DoraTilesModel::Value, DoraTilesModel::SmallSampleRole)
                 .toBool(),
             false);
    QCOMPARE(cell(DoraTilesModel::ChangeFailureRate, DoraTilesModel::AiValue, DoraTilesModel::SmallSampleRole)
                 .toBool(),
             true);
    QCOMPARE(
        cell(DoraTilesModel::ChangeFailureRate, DoraTilesModel::NotAiValue, DoraTilesModel::SmallSampleRole)
            .toBool(),
        false);
    QCOMPARE(
        cell(DoraTilesModel::RecoveryTime, DoraTilesModel::Value, DoraTilesModel::SmallSampleRole).toBool(),
        true);

    // Tooltip = the METRICS.md definition + n (+ the small-sample words).
    const QString tip
        = cell(DoraTilesModel::ChangeFailureRate, DoraTilesModel::AiValue, Qt::ToolTipRole).toString();
    QVERIFY2(tip.startsWith(S("Failed deployments ÷ production deployments")), qPrintable(tip));
    QVERIFY2(tip.contains(S("n = 5")), qPrintable(tip));
    QVERIFY2(tip.contains(S("too few to compare")), qPrintable(tip));
    QVERIFY(!cell(DoraTilesModel::ChangeFailureRate, DoraTilesModel::Value, Qt::ToolTipRole)
                 .toString()
                 .contains(S("too few")));
    QCOMPARE(cell(DoraTilesModel::LeadTime, DoraTilesModel::AiN, DoraTilesModel::SegmentRole).toInt(),
             int(metrics::Segment::Ai));

    // Drill-down rows are the metric's own contributions.
    const auto dora = handBuiltDora();
    const auto& cfr = DoraTilesModel::contributions(dora.all, DoraTilesModel::ChangeFailureRate);
    QCOMPARE(cfr.size(), size_t(1));
    QCOMPARE(cfr.front().reason, S("status failure; incident linked"));
    QCOMPARE(DoraTilesModel::contributions(dora.all, DoraTilesModel::LeadTime).size(), size_t(2));

    model.setResult({});
    QCOMPARE(cell(DoraTilesModel::DeploymentFrequency, DoraTilesModel::Value).toString(), S("—"));
}

void TestOverviewModels::weeklyTrendModelAndProxy()
{
    WeeklyTrendModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    models::PresentRowsProxy proxy(WeeklyTrendModel::LeadTimeHours);
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(proxy.rowCount(), 0);

    model.setResult(handBuiltTrends());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(WeeklyTrendModel::ColumnCount));
    // DisplayRole is numeric: the chart mappers read it as a number.
    QCOMPARE(model.index(2, WeeklyTrendModel::WeekIndex).data().toInt(), 2);
    QCOMPARE(model.index(1, WeeklyTrendModel::WeekStart).data().toLongLong(), qlonglong(kMonday + 7 * kDay));
    QCOMPARE(model.index(0, WeeklyTrendModel::PrsMerged).data().toLongLong(), 4LL);
    QCOMPARE(model.index(2, WeeklyTrendModel::PrsMerged).data().toLongLong(), 9LL);
    QCOMPARE(model.index(1, WeeklyTrendModel::ProductionDeployments).data().toLongLong(), 14LL);
    QCOMPARE(model.index(2, WeeklyTrendModel::DeploymentsPerDay).data().toDouble(), 3.0);
    QVERIFY(!model.index(1, WeeklyTrendModel::LeadTimeHours).data().isValid());
    QVERIFY(!model.index(0, WeeklyTrendModel::ChangeFailureRate).data().isValid());
    QCOMPARE(model.weekLabels(), QStringList({ S("Mar 2"), S("Mar 9"), S("Mar 16") }));
    QCOMPARE(model.headerData(WeeklyTrendModel::PrsMerged, Qt::Horizontal).toString(), S("PRs merged"));

    // The proxy keeps the weeks that have a lead time: 0 and 2.
    QCOMPARE(proxy.rowCount(), 2);
    QCOMPARE(proxy.index(0, WeeklyTrendModel::WeekIndex).data().toInt(), 0);
    QCOMPARE(proxy.index(1, WeeklyTrendModel::WeekIndex).data().toInt(), 2);
    QCOMPARE(proxy.index(1, WeeklyTrendModel::LeadTimeHours).data().toDouble(), 30.0);

    model.setResult({});
    QCOMPARE(proxy.rowCount(), 0);
}

void TestOverviewModels::contributionsModel()
{
    models::ContributionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto dora = handBuiltDora();
    model.setResult(dora.all.leadTime.rows);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, models::ContributionsModel::Reason).data().toString(),
             S("dropped: non-positive"));
    QCOMPARE(model.index(0, models::ContributionsModel::Deployment).data().toString(), S("#1"));
    model.setResult(dora.all.changeFailureRate.rows);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, models::ContributionsModel::Incidents).data().toString(), S("#11, #12"));
    QCOMPARE(model.index(0, models::ContributionsModel::Commit).data(Qt::ToolTipRole).toString(), S("fff"));
    QCOMPARE(model.index(0, 0).data(models::ContributionsModel::DeploymentIdRole).toLongLong(), 7LL);
    QCOMPARE(model.headerData(models::ContributionsModel::Reason, Qt::Horizontal).toString(),
             S("Why it counts"));
}

void TestOverviewModels::weeklyBucketing()
{
    QCOMPARE(metrics::weekCount(0, 0), 0);
    QCOMPARE(metrics::weekCount(10, 5), 0);
    QCOMPARE(metrics::weekCount(0, 1), 1);
    QCOMPARE(metrics::weekCount(0, 14 * kDay), 2);
    QCOMPARE(metrics::weekCount(0, 14 * kDay + 1), 3);
    // 17 days: weeks [0, 7), [7, 14), [14, 17).
    const std::int64_t from = kMonday;
    const std::int64_t to = kMonday + 17 * kDay;
    const std::vector<std::int64_t> times {
        from - 1, from, from + 7 * kDay - 1, from + 7 * kDay, from + 16 * kDay, to, to + kDay
    };
    QCOMPARE(metrics::bucketWeekly(times, from, to), (std::vector<std::int64_t> { 2, 1, 1 }));
    QCOMPARE(metrics::bucketWeekly({}, from, to), (std::vector<std::int64_t> { 0, 0, 0 }));
    QVERIFY(metrics::bucketWeekly(times, to, from).empty());
}

void TestOverviewModels::weeklyDoraFollowsTheDefinition()
{
    // Week 0: two successful production deployments and a failed one, a staging one; week 1: one
    // success; week 2 (3 days): none.
    store::DoraFacts facts;
    facts.deployments = { deployment(1, "production", "success", kMonday + kHour),
                          deployment(2, "production", "success", kMonday + 2 * kDay),
                          deployment(3, "production", "failure", kMonday + 3 * kDay),
                          deployment(4, "staging", "success", kMonday + 4 * kDay),
                          deployment(5, "production", "success", kMonday + 8 * kDay) };
    metrics::MetricsOptions options;
    options.fromMs = kMonday;
    options.toMs = kMonday + 17 * kDay;
    const std::vector<std::int64_t> merges { kMonday + kDay, kMonday + 9 * kDay, kMonday + 10 * kDay };
    const metrics::WeeklyTrends t = metrics::computeWeeklyTrends(facts, merges, options);
    QCOMPARE(t.weeks.size(), size_t(3));
    QCOMPARE(t.prsMerged, (std::vector<std::int64_t> { 1, 2, 0 }));
    QCOMPARE(t.weeks[0].productionDeployments, std::int64_t(2));
    QCOMPARE(t.weeks[1].productionDeployments, std::int64_t(1));
    QCOMPARE(t.weeks[2].productionDeployments, std::int64_t(0));
    QCOMPARE(*t.weeks[0].deploymentsPerDay, 2.0 / 7.0);
    QCOMPARE(*t.weeks[2].deploymentsPerDay, 0.0);
    QCOMPARE(t.weeks[2].toMs, options.toMs); // the last week is cut at the period's end
    // Week 0: 1 failed of 3 production deployments in a final state.
    QVERIFY(t.weeks[0].changeFailureRate);
    QCOMPARE(*t.weeks[0].changeFailureRate, 1.0 / 3.0);
    QVERIFY(!t.weeks[2].changeFailureRate);

    // The same computation as the headline over the whole period.
    const metrics::DoraResult whole = metrics::computeDora(facts, options);
    std::int64_t sum = 0;
    for (const auto& w : t.weeks)
        sum += w.productionDeployments;
    QCOMPARE(sum, whole.all.frequency.deployments);
}

void TestOverviewModels::bottleneck()
{
    metrics::LeadTimeBreakdown b;
    QVERIFY(!models::biggestBottleneck(b));
    QVERIFY(models::describeBottleneck(std::nullopt).contains(S("faultline import prs")));
    auto& all = b.stages[size_t(metrics::Segment::All)];
    all[size_t(metrics::LeadStage::Coding)] = { 4.0, 10 };
    all[size_t(metrics::LeadStage::Review)] = { 10.0, 9 };
    all[size_t(metrics::LeadStage::CiWait)] = { 1.0, 10 };
    all[size_t(metrics::LeadStage::Deploy)] = { 5.0, 8 };
    // Staging wait splits deploy; it must not compete with (or add to) the five stages.
    all[size_t(metrics::LeadStage::StagingWait)] = { 50.0, 8 };
    const auto found = models::biggestBottleneck(b);
    QVERIFY(found);
    QCOMPARE(found->stage, metrics::LeadStage::Review);
    QCOMPARE(found->medianHours, 10.0);
    QCOMPARE(found->shareOfTotal, 0.5);
    QCOMPARE(found->n, 9);
    QCOMPARE(models::describeBottleneck(found),
             S("Review is the biggest bottleneck: a median of 10.0 h, 50 % of the time a change spends "
               "between its first commit and production (n = 9)."));
}

void TestOverviewModels::archetypeCard()
{
    metrics::ArchetypeInputs in;
    in.deploymentsPerDay = 0.5;
    in.ciFailureRate = 0.25;
    metrics::Archetype a = metrics::classifyArchetype(in);
    const auto card = models::archetypeCard(a, in);
    QCOMPARE(card.title, S("Legacy bottleneck"));
    QCOMPARE(card.because, a.because);
    QVERIFY(card.because.join(S(" ")).contains(S("25 %")));
    QVERIFY(card.inputs.contains(S("0.50 production deployments per day")));
    QCOMPARE(models::archetypeCard({}, {}).title, S("No profile fits"));
}

void TestOverviewModels::peopleAliases()
{
    const models::PeopleAliases a({ S("carol"), S("Bob"), S("alice"), S("Bob"), QString() });
    QCOMPARE(a.size(), 3);
    QCOMPARE(a.alias(S("alice")), S("Person 1"));
    QCOMPARE(a.alias(S("Bob")), S("Person 2"));
    QCOMPARE(a.alias(S("carol")), S("Person 3"));
    QCOMPARE(a.alias(S("mallory")), S("Someone else"));
    QCOMPARE(a.alias(QString()), QString());
    // The order of the input does not matter: aliases are stable.
    const models::PeopleAliases b({ S("alice"), S("carol"), S("Bob") });
    for (const char* name : { "alice", "Bob", "carol" })
        QCOMPARE(b.alias(S(name)), a.alias(S(name)));
    // Names differing only in case are different people, ordered deterministically.
    const models::PeopleAliases c({ S("bob"), S("Bob") });
    QCOMPARE(c.alias(S("Bob")), S("Person 1"));
    QCOMPARE(c.alias(S("bob")), S("Person 2"));
}

void TestOverviewModels::filterStatePeriods()
{
    using gui::FilterState;
    const std::int64_t anchor
        = QDateTime(QDate(2026, 5, 14), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    FilterState f;
    QCOMPARE(f.range, FilterState::Range::Days90);
    QCOMPARE(f.period(anchor), std::make_pair(anchor - 90 * kDay, anchor));
    f.range = FilterState::Range::Days30;
    QCOMPARE(f.period(anchor), std::make_pair(anchor - 30 * kDay, anchor));
    f.range = FilterState::Range::Days180;
    QCOMPARE(f.period(anchor).first, anchor - 180 * kDay);
    // The quarter holding the last day with activity (May 13): April to June.
    f.range = FilterState::Range::Quarter;
    const auto utcMs = [](int y, int m, int d) -> std::int64_t {
        return QDateTime(QDate(y, m, d), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    };
    QCOMPARE(f.period(anchor), std::make_pair(utcMs(2026, 4, 1), utcMs(2026, 7, 1)));
    // An anchor at midnight after March 31 belongs to Q1.
    QCOMPARE(f.period(utcMs(2026, 4, 1)), std::make_pair(utcMs(2026, 1, 1), utcMs(2026, 4, 1)));
    f.range = FilterState::Range::Custom;
    f.customFrom = QDate(2026, 2, 1);
    f.customTo = QDate(2026, 2, 10);
    QCOMPARE(f.period(anchor), std::make_pair(utcMs(2026, 2, 1), utcMs(2026, 2, 11)));
    f.customTo = QDate(2026, 1, 1); // reversed: falls back to 90 days
    QCOMPARE(f.period(anchor), std::make_pair(anchor - 90 * kDay, anchor));

    FilterState g;
    g.services = { S("api"), S("web") };
    g.environmentRule = S("^prod$");
    const metrics::MetricsOptions o = g.options(anchor);
    QCOMPARE(o.fromMs, anchor - 90 * kDay);
    QCOMPARE(o.toMs, anchor);
    QCOMPARE(o.services, g.services);
    QCOMPARE(o.environmentRule, S("^prod$"));
    g.segment = FilterState::AiSegment::NotAi;
    QCOMPARE(g.headlineSegment(), metrics::Segment::NotAi);
    g.segment = FilterState::AiSegment::SideBySide;
    QCOMPARE(g.headlineSegment(), metrics::Segment::All);
}

void TestOverviewModels::filterStateJson()
{
    using gui::FilterState;
    FilterState f;
    f.range = FilterState::Range::Custom;
    f.customFrom = QDate(2026, 1, 5);
    f.customTo = QDate(2026, 3, 1);
    f.services = { S("checkout") };
    f.environmentRule = S("^live$");
    f.segment = FilterState::AiSegment::Ai;
    QCOMPARE(FilterState::fromJson(f.toJson()), f);
    QCOMPARE(FilterState::fromJson({}), FilterState {});
    // Unknown values keep the defaults.
    QJsonObject odd;
    odd.insert(S("range"), S("fortnight"));
    odd.insert(S("segment"), 3);
    QCOMPARE(FilterState::fromJson(odd), FilterState {});
}

QTEST_GUILESS_MAIN(TestOverviewModels)
#include "tst_overview_models.moc"
