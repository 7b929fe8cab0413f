// Issue 7, views 4 and 5: the Rework and Incidents views, their item models and proxies (each under
// QAbstractItemModelTester, contents checked against hand-computed values), the squarified treemap
// layout on its own, drill-down rows against the metric's contributing rows, and snapshots.
#include "gui/views/drill_panel.h"
#include "gui/views/incidents_view.h"
#include "gui/views/rework_view.h"
#include "gui/views/treemap_widget.h"
#include "gui/views/view_data.h"
#include "gui/views/view_factory.h"
#include "metrics/metric_math.h"
#include "metrics/treemap_layout.h"
#include "models/churn_rows_model.h"
#include "models/hotspots_model.h"
#include "models/incident_timeline_model.h"
#include "models/repeat_clusters_model.h"
#include "models/rework_weeks_model.h"
#include "rework_fixture.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QFile>
#include <QFileInfo>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QLineEdit>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace faultline;
using faultline::models::ChurnRowsModel;
using faultline::models::HotspotsModel;
using faultline::models::IncidentTimelineModel;
using faultline::models::RepeatClustersModel;
using faultline::models::ReworkWeeksModel;
using faultline::test::S;

namespace {

constexpr std::int64_t kDay = 86400LL * 1000;
constexpr std::int64_t kMonday = 1772409600000LL; // 2026-03-02T00:00:00Z

metrics::ChurnContribution churn(std::int64_t id, const char* origin, std::int64_t authored, const char* path,
                                 std::int64_t lines, bool ai)
{
    return { id, 1, S(origin), authored, S("rm"), S(path), lines, 2 * kDay, ai };
}

// Two hotspots and their churn rows: a/x.c churned 6 (4 AI) of 30 added; b/y.c churned 2 (none AI) of 10.
metrics::CodeRework handRework()
{
    metrics::CodeRework r;
    r.churnWindowDays = 14;
    r.hotspots = { { 1, S("shop"), S("a/x.c"), 6, 4.0 / 6.0, 3, 25, 30, 0.2 },
                   { 1, S("shop"), S("b/y.c"), 2, 0.0, 1, std::nullopt, 10, 0.2 } };
    r.hotspotFiles = 2;
    r.contributing
        = { churn(1, "s1", kMonday, "a/x.c", 4, true), churn(2, "s2", kMonday + kDay, "a/x.c", 2, false),
            churn(3, "s3", kMonday + 8 * kDay, "b/y.c", 2, false) };
    metrics::ReworkBucket w1 { 40, 6, 10, 4, 0.15, 0.4, 2.0 / 30.0 };
    metrics::ReworkBucket w2 { 10, 2, 0, 0, 0.2, std::nullopt, 0.2 };
    r.byWeek = { { S("2026-03-02"), w1 }, { S("2026-03-09"), w2 } };
    return r;
}

metrics::RepeatIncidents handRepeats()
{
    metrics::RepeatIncidents r;
    r.incidents = 3;
    r.repeats = 1;
    r.repeatRate = 1.0 / 3.0;
    metrics::RepeatIncidentCluster a;
    a.fingerprint = S("checkout fails with error <n>");
    a.service = S("shop");
    a.count = 2;
    a.firstMs = kMonday;
    a.lastMs = kMonday + kDay;
    a.medianIntervalHours = 24.0;
    a.medianRecoveryHours = 1.5;
    a.resolved = 2;
    a.repeats = 1;
    a.incidentIds = { 1, 2 };
    a.deploymentIds = { 7 };
    a.deployments = { S("shop-1") };
    a.files = { S("src/a.c"), S("src/b.c") };
    a.aiLines = 5;
    a.addedLines = 20;
    a.aiShare = 0.25;
    metrics::RepeatIncidentCluster b;
    b.fingerprint = S("disk full on <id>");
    b.service = S("db");
    b.count = 1;
    b.firstMs = b.lastMs = kMonday + 2 * kDay;
    b.incidentIds = { 3 };
    r.clusters = { a, b };
    r.contributing = { { 2, S("INC-2"), 1, S("INC-1"), S("repeat of INC-1") } };
    return r;
}

std::vector<metrics::IncidentTimelineRow> handTimeline()
{
    return {
        { 1,
          S("INC-1"),
          S("Checkout fails with error 500"),
          S("shop"),
          kMonday,
          kMonday + 2 * 3600000LL,
          0,
          false,
          {} },
        { 2, S("INC-2"), S("Checkout fails with error 502"), S("shop"), kMonday + kDay,
          kMonday + kDay + 3600000LL, 0, true, S("repeat of INC-1") },
        { 3, S("INC-3"), S("Disk full on db-1"), S("db"), kMonday + 2 * kDay, std::nullopt, 1, false, {} }
    };
}

QString key(const metrics::ChurnContribution& c)
{
    return QStringLiteral("%1 %2 %3 %4").arg(c.churnId).arg(c.originSha, c.path).arg(c.lines);
}

QStringList keys(const std::vector<metrics::ChurnContribution>& rows)
{
    QStringList out;
    for (const auto& r : rows)
        out << key(r);
    return out;
}

QStringList column(const QAbstractItemModel* model, int column, int role = Qt::DisplayRole)
{
    QStringList out;
    for (int row = 0; row < model->rowCount(); ++row)
        out << model->index(row, column).data(role).toString();
    return out;
}

} // namespace

class TestReworkViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void squarifyPaperExample();
    void squarifyProperties_data();
    void squarifyProperties();
    void directoryTiles();
    void hotspotsModel();
    void hotspotFilterProxy();
    void reworkWeeksModel();
    void churnRowsSelections();
    void repeatClustersModel();
    void incidentTimelineModel();
    void reworkViewOnWorkspace();
    void reworkDrillDowns();
    void incidentsViewOnWorkspace();
    void emptyWorkspace();
    void snapshots_data();
    void snapshots();

private:
    QTemporaryDir m_tmp;
    test::ReworkFixture m_fixture;
    gui::ViewData m_data;
    bool m_haveGit = false;
};

void TestReworkViews::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_haveGit = test::writeReworkWorkspace(m_tmp.path(), m_fixture);
    if (!m_haveGit)
        return;
    auto ws = store::Workspace::openReadOnly(m_fixture.workspace);
    m_data = gui::loadViewData(ws.db(), gui::FilterState {});
}

void TestReworkViews::squarifyPaperExample()
{
    // Bruls et al.'s example: 6, 6, 4, 3, 2, 2, 1 in a 6 × 4 rectangle (area 24 = total weight).
    const auto rects = metrics::squarify({ 6, 6, 4, 3, 2, 2, 1 }, QRectF(0, 0, 6, 4));
    QCOMPARE(rects.size(), size_t(7));
    // First a column of the two 6s at the left (3 wide), then across the top of the 3 × 4 rest the 4
    // and the 3 (7 / 3 high).
    QCOMPARE(rects[0], QRectF(0, 0, 3, 2));
    QCOMPARE(rects[1], QRectF(0, 2, 3, 2));
    QVERIFY(qFuzzyCompare(rects[2].height(), 7.0 / 3.0));
    QVERIFY(qFuzzyCompare(rects[2].width(), 4.0 / (7.0 / 3.0)));
    QCOMPARE(rects[3].left(), rects[2].right());
    // In the 3 × 5/3 rest the two 2s side by side (each 1.2 × 5/3: a second 2 in the same row would
    // be worse), then the 1 in the last 0.6 × 5/3.
    QVERIFY(qFuzzyCompare(rects[4].left(), 3.0));
    QVERIFY(qFuzzyCompare(rects[4].width(), 1.2));
    QVERIFY(qFuzzyCompare(rects[4].top(), 7.0 / 3.0));
    QVERIFY(qFuzzyCompare(rects[5].left(), 4.2));
    QVERIFY(qFuzzyCompare(rects[5].height(), 5.0 / 3.0));
    QVERIFY(qFuzzyCompare(rects[6].left(), 5.4));
    QVERIFY(qFuzzyCompare(rects[6].right(), 6.0));
}

void TestReworkViews::squarifyProperties_data()
{
    QTest::addColumn<std::vector<double>>("weights");
    QTest::addColumn<QRectF>("bounds");
    QTest::addRow("one") << std::vector<double> { 5 } << QRectF(10, 20, 300, 100);
    QTest::addRow("descending") << std::vector<double> { 50, 20, 10, 10, 5, 3, 1, 1 }
                                << QRectF(0, 0, 400, 300);
    QTest::addRow("tall") << std::vector<double> { 9, 8, 7, 3, 1 } << QRectF(0, 0, 80, 500);
    QTest::addRow("with zero") << std::vector<double> { 4, 2, 0, 1 } << QRectF(0, 0, 100, 100);
}

void TestReworkViews::squarifyProperties()
{
    QFETCH(std::vector<double>, weights);
    QFETCH(QRectF, bounds);
    const auto rects = metrics::squarify(weights, bounds);
    QCOMPARE(rects.size(), weights.size());
    double total = 0;
    for (double w : weights)
        total += w;
    const double scale = bounds.width() * bounds.height() / total;
    for (size_t i = 0; i < rects.size(); ++i) {
        QVERIFY2(std::abs(rects[i].width() * rects[i].height() - weights[i] * scale)
                     < 1e-6 * bounds.width() * bounds.height(),
                 qPrintable(QString::number(i)));
        if (weights[i] <= 0)
            continue;
        QVERIFY(bounds.adjusted(-1e-9, -1e-9, 1e-9, 1e-9).contains(rects[i]));
        for (size_t j = i + 1; j < rects.size(); ++j) {
            const QRectF overlap = rects[i].intersected(rects[j]);
            QVERIFY2(overlap.width() * overlap.height() < 1e-6,
                     qPrintable(QStringLiteral("%1 %2").arg(i).arg(j)));
        }
    }
    QVERIFY(metrics::squarify({}, bounds).empty());
    QVERIFY(metrics::squarify({ 1, 2 }, QRectF()).at(0).isEmpty());
}

void TestReworkViews::directoryTiles()
{
    std::map<QString, std::int64_t> head {
        { S("a/x.c"), 25 }, { S("a/z.c"), 5 }, { S("b/y.c"), 40 }, { S("top.c"), 3 }
    };
    std::map<QString, metrics::ReworkBucket> byDir;
    byDir[S("a")] = { 30, 6, 10, 4, 0.2, 0.4, 2.0 / 20.0 };
    const auto tiles = metrics::directoryTiles(head, byDir);
    QCOMPARE(tiles.size(), size_t(3));
    QCOMPARE(tiles[0].directory, S("b"));
    QCOMPARE(tiles[0].linesAtHead, 40);
    QVERIFY(!tiles[0].churnRate);
    QCOMPARE(tiles[1].directory, S("a"));
    QCOMPARE(tiles[1].linesAtHead, 30);
    QCOMPARE(tiles[1].churnedLines, 6);
    QCOMPARE(tiles[1].aiChurnedLines, 4);
    QCOMPARE(*tiles[1].churnRate, 0.2);
    QCOMPARE(tiles[2].directory, QString());
    QCOMPARE(tiles[2].linesAtHead, 3);
    const auto byAdded = metrics::directoryTilesByAddedLines(byDir);
    QCOMPARE(byAdded.size(), size_t(1));
    QCOMPARE(byAdded[0].addedLines, 30);
    QCOMPARE(metrics::parentDirectory(S("a/b/c.txt")), S("a/b"));
    QCOMPARE(metrics::parentDirectory(S("c.txt")), QString());
}

void TestReworkViews::hotspotsModel()
{
    HotspotsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(handRework());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(HotspotsModel::ColumnCount));
    QCOMPARE(column(&model, HotspotsModel::Path), (QStringList { S("a/x.c"), S("b/y.c") }));
    QCOMPARE(column(&model, HotspotsModel::ChurnedLines), (QStringList { S("6"), S("2") }));
    QCOMPARE(column(&model, HotspotsModel::AiShare), (QStringList { S("67 %"), S("0 %") }));
    QCOMPARE(column(&model, HotspotsModel::AiChurnedLines), (QStringList { S("4"), S("0") }));
    QCOMPARE(column(&model, HotspotsModel::NotAiChurnedLines), (QStringList { S("2"), S("2") }));
    QCOMPARE(column(&model, HotspotsModel::LinesAtHead), (QStringList { S("25"), S("—") }));
    // b/y.c: 10 added lines, under kSmallSample: marked.
    QCOMPARE(column(&model, HotspotsModel::ChurnRate), (QStringList { S("20 %"), S("20 % (few lines)") }));
    QCOMPARE(model.index(1, HotspotsModel::ChurnRate).data(HotspotsModel::SmallSampleRole).toBool(), true);
    QCOMPARE(model.index(0, HotspotsModel::ChurnRate).data(HotspotsModel::SmallSampleRole).toBool(), false);
    QCOMPARE(model.index(1, HotspotsModel::LinesAtHead).data(HotspotsModel::SortRole).toLongLong(), -1);
    QVERIFY(model.index(0, HotspotsModel::Path)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(S("n = 30 added lines")));
    QVERIFY(model.headerData(HotspotsModel::ChurnRate, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(S("14 days")));
    model.setResult(metrics::CodeRework {});
    QCOMPARE(model.rowCount(), 0);
}

void TestReworkViews::hotspotFilterProxy()
{
    HotspotsModel model;
    model.setResult(handRework());
    models::HotspotFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.sort(HotspotsModel::ChurnedLines, Qt::AscendingOrder);
    QCOMPARE(column(&proxy, HotspotsModel::Path), (QStringList { S("b/y.c"), S("a/x.c") }));
    // Lines at head sorts by the number; "not at head" (-1) first ascending.
    proxy.sort(HotspotsModel::LinesAtHead, Qt::DescendingOrder);
    QCOMPARE(column(&proxy, HotspotsModel::Path), (QStringList { S("a/x.c"), S("b/y.c") }));
    proxy.setPathFilter(S("Y.C"));
    QCOMPARE(column(&proxy, HotspotsModel::Path), (QStringList { S("b/y.c") }));
    proxy.setPathFilter(S("nothing"));
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setPathFilter(QString());
    QCOMPARE(proxy.rowCount(), 2);

    models::ReversedTopRowsProxy top(1);
    QAbstractItemModelTester topTester(&top, QAbstractItemModelTester::FailureReportingMode::QtTest);
    top.setSourceModel(&model);
    QCOMPARE(column(&top, HotspotsModel::Path), (QStringList { S("a/x.c") }));
    models::ReversedTopRowsProxy both(5);
    both.setSourceModel(&model);
    QCOMPARE(column(&both, HotspotsModel::Path), (QStringList { S("b/y.c"), S("a/x.c") }));
    both.setCount(1);
    QCOMPARE(column(&both, HotspotsModel::Path), (QStringList { S("a/x.c") }));
}

void TestReworkViews::reworkWeeksModel()
{
    ReworkWeeksModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Three weeks in the period; the third has no commits.
    model.setResult(handRework(), kMonday + kDay, kMonday + 20 * kDay);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.weeks(), (QStringList { S("2026-03-02"), S("2026-03-09"), S("2026-03-16") }));
    QCOMPARE(model.weekLabels(), (QStringList { S("Mar 2"), S("Mar 9"), S("Mar 16") }));
    QCOMPARE(model.index(0, ReworkWeeksModel::AiChurnRate).data().toDouble(), 40.0);
    QVERIFY(qFuzzyCompare(model.index(0, ReworkWeeksModel::NotAiChurnRate).data().toDouble(),
                          100.0 * 2.0 / 30.0));
    QCOMPARE(model.index(0, ReworkWeeksModel::NotAiAddedLines).data().toLongLong(), 30);
    QCOMPARE(model.index(0, ReworkWeeksModel::NotAiChurnedLines).data().toLongLong(), 2);
    // Week 2 added nothing AI-assisted: no AI rate (a gap, not zero).
    QVERIFY(!model.index(1, ReworkWeeksModel::AiChurnRate).data().isValid());
    QCOMPARE(model.index(1, ReworkWeeksModel::NotAiChurnRate).data().toDouble(), 20.0);
    QVERIFY(!model.index(2, ReworkWeeksModel::NotAiChurnRate).data().isValid());
    QCOMPARE(model.index(0, ReworkWeeksModel::AiChurnRate).data(ReworkWeeksModel::SmallSampleRole).toBool(),
             true);
    QVERIFY(model.index(0, ReworkWeeksModel::AiChurnRate)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(S("4 of 10")));
}

void TestReworkViews::churnRowsSelections()
{
    const metrics::CodeRework r = handRework();
    QCOMPARE(keys(ChurnRowsModel::inFile(r.contributing, 1, S("a/x.c"))),
             (QStringList { S("1 s1 a/x.c 4"), S("2 s2 a/x.c 2") }));
    QVERIFY(ChurnRowsModel::inFile(r.contributing, 2, S("a/x.c")).empty());
    QCOMPARE(keys(ChurnRowsModel::inDirectory(r.contributing, S("b"))), (QStringList { S("3 s3 b/y.c 2") }));
    QCOMPARE(keys(ChurnRowsModel::inWeek(r.contributing, S("2026-03-02"), true)),
             (QStringList { S("1 s1 a/x.c 4") }));
    QCOMPARE(keys(ChurnRowsModel::inWeek(r.contributing, S("2026-03-02"), false)),
             (QStringList { S("2 s2 a/x.c 2") }));
    QCOMPARE(keys(ChurnRowsModel::inWeek(r.contributing, S("2026-03-09"), false)),
             (QStringList { S("3 s3 b/y.c 2") }));

    ChurnRowsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(r.contributing, 14);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, ChurnRowsModel::Segment).data().toString(), S("AI-assisted"));
    QCOMPARE(model.index(0, ChurnRowsModel::AgeDays).data().toString(), S("2.0"));
    QCOMPARE(
        model.index(0, ChurnRowsModel::Reason).data().toString(),
        S("4 lines of s1 (AI-assisted) deleted or modified by rm after 2.0 days, within the 14-day window"));
}

void TestReworkViews::repeatClustersModel()
{
    RepeatClustersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(handRepeats());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(column(&model, RepeatClustersModel::Count), (QStringList { S("2"), S("1") }));
    QCOMPARE(column(&model, RepeatClustersModel::Repeats), (QStringList { S("1"), S("0") }));
    // Two resolved incidents only: the median is marked with its n.
    QCOMPARE(column(&model, RepeatClustersModel::MedianRecovery), (QStringList { S("1.5 h (n=2)"), S("—") }));
    QCOMPARE(column(&model, RepeatClustersModel::RecoveryHours), (QStringList { S("1.5"), S("0") }));
    QCOMPARE(column(&model, RepeatClustersModel::Deployments), (QStringList { S("shop-1"), QString() }));
    QCOMPARE(column(&model, RepeatClustersModel::Files), (QStringList { S("src/a.c, src/b.c"), QString() }));
    QCOMPARE(column(&model, RepeatClustersModel::AiShare), (QStringList { S("25 %"), S("—") }));
    QCOMPARE(model.index(0, 0).data(RepeatClustersModel::ClusterLabelRole).toString(),
             S("shop: checkout fails with error <n>"));
    QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().contains(S("5 of 20")) == false);
    QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().contains(S("25 % of 20 added lines")));
}

void TestReworkViews::incidentTimelineModel()
{
    IncidentTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(handTimeline());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(1, IncidentTimelineModel::Time).data().toDouble(), double(kMonday + kDay));
    QCOMPARE(model.index(2, IncidentTimelineModel::ClusterIndex).data().toInt(), 1);
    QCOMPARE(column(&model, IncidentTimelineModel::Recovery),
             (QStringList { S("2.0 h"), S("1.0 h"), S("unresolved") }));
    QCOMPARE(model.index(1, IncidentTimelineModel::Reason).data().toString(), S("repeat of INC-1"));
    QVERIFY(model.index(0, IncidentTimelineModel::Reason).data().toString().startsWith(S("not a repeat")));

    models::TimelineRowsProxy repeats(true, 8);
    models::TimelineRowsProxy others(false, 8);
    models::TimelineRowsProxy firstCluster(false, 1);
    QAbstractItemModelTester t1(&repeats, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&others, QAbstractItemModelTester::FailureReportingMode::QtTest);
    repeats.setSourceModel(&model);
    others.setSourceModel(&model);
    firstCluster.setSourceModel(&model);
    QCOMPARE(column(&repeats, IncidentTimelineModel::Key), (QStringList { S("INC-2") }));
    QCOMPARE(column(&others, IncidentTimelineModel::Key), (QStringList { S("INC-1"), S("INC-3") }));
    QCOMPARE(column(&firstCluster, IncidentTimelineModel::Key), (QStringList { S("INC-1") }));
    QCOMPARE(IncidentTimelineModel::inCluster(handTimeline(), 0).size(), size_t(2));
    QCOMPARE(IncidentTimelineModel::inCluster(handTimeline(), 1).front().key, S("INC-3"));

    // Bucketed: INC-4, 3 h after INC-1 in its cluster and series, shares its day and is not plotted;
    // it stays a row of the model (the drill-down lists it).
    auto rows = handTimeline();
    rows.insert(rows.begin() + 1,
                { 4,
                  S("INC-4"),
                  S("Checkout fails with error 503"),
                  S("shop"),
                  kMonday + 3 * 3600000LL,
                  std::nullopt,
                  0,
                  false,
                  {} });
    model.setResult(rows, kDay);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(column(&model, IncidentTimelineModel::Key, IncidentTimelineModel::PlottedRole),
             (QStringList { S("true"), S("false"), S("true"), S("true") }));
    QCOMPARE(column(&others, IncidentTimelineModel::Key), (QStringList { S("INC-1"), S("INC-3") }));
}

void TestReworkViews::reworkViewOnWorkspace()
{
    if (!m_haveGit)
        QSKIP("the git CLI is not available");
    const metrics::CodeRework& r = m_data.report.rework;
    // C0..C3: 35 + 10 + 7 + 1 added; churn 4 lines of C0 in main.c, 4 of C1 (AI) in util.c.
    QCOMPARE(r.all.commits, 4);
    QCOMPARE(r.all.addedLines, 53);
    QCOMPARE(r.all.churnedLines, 8);
    QCOMPARE(r.ai.churnedLines, 4);

    gui::ReworkView view;
    view.setReport(m_data);
    QVERIFY(!view.isEmptyState());
    HotspotsModel* model = view.hotspotsModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // A tie at 4 churned lines: by path.
    QCOMPARE(column(model, HotspotsModel::Path), (QStringList { S("src/app/main.c"), S("src/lib/util.c") }));
    QCOMPARE(column(model, HotspotsModel::ChurnedLines), (QStringList { S("4"), S("4") }));
    QCOMPARE(column(model, HotspotsModel::AiChurnedLines), (QStringList { S("0"), S("4") }));
    QCOMPARE(column(model, HotspotsModel::LinesAtHead), (QStringList { S("20"), S("20") }));
    // The top-files chart is the model's first rows, reversed (the first on top), through the mapper:
    // AI-assisted and not. Index 0 is util.c (4 AI), index 1 main.c (4 not AI).
    const QList<QBarSet*> sets = view.topFilesSeries()->barSets();
    QCOMPARE(sets.size(), 2);
    QCOMPARE(sets[0]->count(), 2);
    QCOMPARE(sets[0]->at(0), 4.0);
    QCOMPARE(sets[0]->at(1), 0.0);
    QCOMPARE(sets[1]->at(1), 4.0);
    QCOMPARE(sets[0]->color(), gui::Theme::aiColour());
    QCOMPARE(sets[1]->color(), gui::Theme::notAiColour());
    // The path filter narrows the table.
    view.pathFilter()->setText(S("lib/"));
    QCOMPARE(view.hotspotsProxy()->rowCount(), 1);
    view.pathFilter()->clear();
    QCOMPARE(view.hotspotsProxy()->rowCount(), 2);
    // Weekly rates: every churned line's origin lies in the week of t0 (one or two weeks shown).
    // Weekly rates: one point per week with a rate, per segment.
    int aiWeeks = 0;
    for (int row = 0; row < view.weeksModel()->rowCount(); ++row)
        aiWeeks += view.weeksModel()->index(row, ReworkWeeksModel::AiChurnRate).data().isValid() ? 1 : 0;
    QVERIFY(aiWeeks > 0);
    QCOMPARE(view.aiWeeklySeries()->count(), aiWeeks);
    QCOMPARE(view.aiWeeklySeries()->pen().color(), gui::Theme::aiColour());
    double aiChurned = 0, notAiChurned = 0;
    for (int row = 0; row < view.weeksModel()->rowCount(); ++row) {
        aiChurned += view.weeksModel()->index(row, ReworkWeeksModel::AiChurnedLines).data().toDouble();
        notAiChurned += view.weeksModel()->index(row, ReworkWeeksModel::NotAiChurnedLines).data().toDouble();
    }
    QCOMPARE(aiChurned, 4.0);
    QCOMPARE(notAiChurned, 4.0);
    // Treemap: directories by lines at head.
    const auto& tiles = view.treemap()->tiles();
    QCOMPARE(tiles.size(), size_t(3));
    QCOMPARE(tiles[0].directory, S("src/app"));
    QCOMPARE(tiles[0].linesAtHead, 20);
    QCOMPARE(tiles[0].churnedLines, 4);
    QCOMPARE(tiles[1].directory, S("src/lib"));
    QCOMPARE(tiles[1].aiChurnedLines, 4);
    QCOMPARE(tiles[2].directory, S("docs"));
    QCOMPARE(tiles[2].churnedLines, 0);
}

void TestReworkViews::reworkDrillDowns()
{
    if (!m_haveGit)
        QSKIP("the git CLI is not available");
    gui::ReworkView view;
    view.setReport(m_data);
    view.resize(1400, 900);
    view.renderToImage(QSize(1400, 900));
    const auto& all = m_data.report.rework.contributing;
    QAbstractItemModelTester tester(view.drillDownModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);

    // Double-clicking a hotspot row: that file's churn rows, as the metric recorded them.
    auto* table = view.findChild<QTableView*>(S("hotspotTable"));
    QVERIFY(table);
    const QModelIndex first = table->model()->index(0, HotspotsModel::Path);
    QCOMPARE(first.data().toString(), S("src/app/main.c"));
    emit table->doubleClicked(first);
    QVERIFY(view.isDrillDownVisible());
    QCOMPARE(
        keys(view.drillDownModel()->result()),
        keys(ChurnRowsModel::inFile(all, view.hotspotsModel()->hotspots()[0].repoId, S("src/app/main.c"))));
    std::int64_t lines = 0;
    for (const auto& row : view.drillDownModel()->result())
        lines += row.lines;
    QCOMPARE(lines, 4);

    // Double-clicking a treemap tile: the directory's rows.
    gui::TreemapWidget* treemap = view.treemap();
    QVERIFY(!treemap->rects().empty());
    const QPoint centre = treemap->rects()[1].center().toPoint();
    QCOMPARE(treemap->tileAt(centre), 1);
    QVERIFY(treemap->toolTipFor(1).contains(S("20 lines at head")));
    QTest::mouseDClick(treemap, Qt::LeftButton, {}, centre);
    QCOMPARE(keys(view.drillDownModel()->result()), keys(ChurnRowsModel::inDirectory(all, S("src/lib"))));
    QCOMPARE(view.drillDownModel()->rowCount(),
             int(ChurnRowsModel::inFile(all, view.hotspotsModel()->hotspots()[1].repoId, S("src/lib/util.c"))
                     .size()));
    for (const auto& row : view.drillDownModel()->result())
        QVERIFY(row.originAi);

    // Every churn row is behind exactly one directory: the drill-downs partition the contributing rows.
    int total = 0;
    for (const auto& tile : treemap->tiles())
        total += int(ChurnRowsModel::inDirectory(all, tile.directory).size());
    QCOMPARE(total, int(all.size()));

    // A weekly bar: the week's AI-assisted rows.
    view.showWeekRows(0, true);
    QCOMPARE(keys(view.drillDownModel()->result()),
             keys(ChurnRowsModel::inWeek(all, view.weeksModel()->weeks().at(0), true)));
}

void TestReworkViews::incidentsViewOnWorkspace()
{
    if (!m_haveGit)
        QSKIP("the git CLI is not available");
    const metrics::RepeatIncidents& r = m_data.report.repeats;
    QCOMPARE(r.incidents, 3);
    QCOMPARE(r.repeats, 1);
    QCOMPARE(r.clusters.size(), size_t(2));

    gui::IncidentsView view;
    view.setReport(m_data);
    QVERIFY(!view.isEmptyState());
    RepeatClustersModel* clusters = view.clustersModel();
    QAbstractItemModelTester tester(clusters, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(column(clusters, RepeatClustersModel::Count), (QStringList { S("2"), S("1") }));
    QCOMPARE(column(clusters, RepeatClustersModel::Repeats), (QStringList { S("1"), S("0") }));
    // INC-1 resolved after 2 h, INC-2 after 1 h: median 1.5 h; INC-3 3 h.
    QCOMPARE(column(clusters, RepeatClustersModel::RecoveryHours), (QStringList { S("1.5"), S("3") }));
    QCOMPARE(clusters->clusters()[0].deployments, (QStringList { S("shop-1") }));
    QCOMPARE(clusters->clusters()[1].deployments, (QStringList { S("shop-2") }));

    // Timeline: one repeat point (INC-2) and two others, from the timeline model through the proxies.
    QCOMPARE(view.timelineModel()->rowCount(), 3);
    QCOMPARE(view.repeatSeries()->count(), 1);
    QCOMPARE(view.otherSeries()->count(), 2);
    QCOMPARE(view.repeatSeries()->at(0).y(), 0.0);
    QCOMPARE(view.recoverySeries()->barSets().size(), 1);
    // Reversed for the chart (largest cluster on top): index 0 is cluster 2 (INC-3, 3 h), 1 is cluster 1.
    QCOMPARE(view.recoverySeries()->barSets()[0]->at(0), 3.0);
    QCOMPARE(view.recoverySeries()->barSets()[0]->at(1), 1.5);

    // The selected cluster's linked deployments and files with AI share: shop-1 shipped C1 (AI, util.c,
    // 10 of 10 lines).
    QVERIFY2(view.detailsText().contains(S("shop-1")), qPrintable(view.detailsText()));
    QVERIFY2(view.detailsText().contains(S("src/lib/util.c")), qPrintable(view.detailsText()));
    QVERIFY2(view.detailsText().contains(S("100 %")), qPrintable(view.detailsText()));

    // Drill-down: the cluster's incidents; the repeat carries the metric's reason.
    view.showClusterRows(0);
    QVERIFY(view.isDrillDownVisible());
    IncidentTimelineModel* rows = view.drillDownModel();
    QCOMPARE(column(rows, IncidentTimelineModel::Key), (QStringList { S("INC-1"), S("INC-2") }));
    QCOMPARE(rows->index(1, IncidentTimelineModel::Reason).data().toString(), r.contributing.at(0).reason);
    QCOMPARE(r.contributing.at(0).incidentKey, S("INC-2"));
    view.showClusterRows(1);
    QCOMPARE(column(rows, IncidentTimelineModel::Key), (QStringList { S("INC-3") }));
    QVERIFY(view.detailsText().contains(S("shop-2")));
    // shop-2 shipped C2 (7 lines, not AI) and C3 (1 line, AI): 1 of 8 added lines, main.c and util.c.
    QVERIFY2(view.detailsText().contains(S("of 8 added lines")), qPrintable(view.detailsText()));
    QVERIFY(view.detailsText().contains(S("src/app/main.c, src/lib/util.c")));
    // Selecting a row of the clusters table shows that cluster's links.
    auto* table = view.findChild<QTableView*>(S("clustersTable"));
    QVERIFY(table);
    table->selectRow(0);
    QVERIFY2(view.detailsText().contains(S("shop-1")), qPrintable(view.detailsText()));
}

void TestReworkViews::emptyWorkspace()
{
    gui::ViewData empty;
    for (const char* key : { "rework", "incidents" }) {
        const auto view = gui::createView(S(key));
        QVERIFY(view);
        view->setReport(empty);
        QVERIFY(view->isEmptyState());
        QVERIFY2(view->emptyStateText().contains(S("faultline import")), qPrintable(view->emptyStateText()));
    }
    QVERIFY(gui::createView(S("rework"))->emptyStateText().contains(S("faultline import git")));
    QVERIFY(gui::createView(S("incidents"))->emptyStateText().contains(S("faultline import incidents")));
    QCOMPARE(gui::createView(S("rework"))->shortcutNumber(), 4);
    QCOMPARE(gui::createView(S("incidents"))->shortcutNumber(), 5);
    const QStringList keysInOrder = gui::availableViewKeys();
    QVERIFY(keysInOrder.indexOf(S("rework")) < keysInOrder.indexOf(S("incidents")));
}

void TestReworkViews::snapshots_data()
{
    QTest::addColumn<QString>("view");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QSize>("size");
    for (const char* view : { "rework", "incidents" }) {
        QTest::addRow("%s light", view)
            << S(view) << QStringList { S("--theme"), S("light") } << QSize(1600, 900);
        QTest::addRow("%s dark", view)
            << S(view) << QStringList { S("--theme"), S("dark") } << QSize(1600, 900);
        QTest::addRow("%s presentation", view)
            << S(view) << QStringList { S("--presentation") } << QSize(1280, 720);
    }
}

void TestReworkViews::snapshots()
{
    if (!m_haveGit)
        QSKIP("the git CLI is not available");
    if (qEnvironmentVariableIsEmpty("FAULTLINE_BINARY"))
        QSKIP("FAULTLINE_BINARY is not set");
    QFETCH(QString, view);
    QFETCH(QStringList, options);
    QFETCH(QSize, size);
    const QString out = m_tmp.filePath(view + options.join(QString()) + S(".png"));
    const auto r = test::runFaultline(
        QStringList { S("snapshot"), S("--workspace"), m_fixture.workspace, S("--view"), view, S("--out"),
                      out, S("--size"), QStringLiteral("%1x%2").arg(size.width()).arg(size.height()) }
        + options);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QImage image(out);
    QCOMPARE(image.size(), size);
    // To look at them: FAULTLINE_KEEP_SNAPSHOTS=<folder>.
    const QString keep = qEnvironmentVariable("FAULTLINE_KEEP_SNAPSHOTS");
    if (!keep.isEmpty())
        QFile::copy(out, keep + QLatin1Char('/') + QFileInfo(out).fileName());
}

QTEST_MAIN(TestReworkViews)
#include "tst_rework_views.moc"
