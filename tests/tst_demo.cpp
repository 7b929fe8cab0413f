// `faultline demo` (issue 9): the planned team, its exports in the real formats, the workspace the real
// importers make of them, and the story the metrics must keep telling.
#include "demo/demo_builder.h"
#include "demo/demo_ci_writer.h"
#include "demo/demo_delivery_writer.h"
#include "demo/demo_git_writer.h"
#include "demo/demo_plan.h"
#include "metrics/lead_time_breakdown.h"
#include "metrics/metrics_report.h"
#include "metrics/stage_weeks.h"
#include "store/pipeline_queries.h"
#include "store/sqlite_database.h"
#include "store/workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <set>

using namespace faultline;
using demo::AiMarker;

namespace {

// Every file under `dir` (relative path → SHA-256 of its bytes).
std::map<QString, QByteArray> digests(const QString& dir)
{
    std::map<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        out[QDir(dir).relativeFilePath(path)]
            = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }
    return out;
}

std::int64_t count(const store::SqliteDatabase& db, const char* sql)
{
    auto st = db.prepare(sql);
    return st.step() ? st.int64(0) : -1;
}

} // namespace

class TestDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void planIsDeterministicPerSeed();
    void planTellsTheStory();
    void buildsTwiceToIdenticalExports();
    void importsEveryKindThroughTheImporters();
    void metricsShowWhatWasPlanted();
    void refusesADirectoryThatIsNotADemo();

private:
    QTemporaryDir m_tmp;
    demo::DemoResult m_built;
    demo::Plan m_plan;
};

void TestDemo::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_plan = demo::planDemo(7);
    m_built = demo::buildDemo(m_tmp.filePath(QStringLiteral("a")), 7);
}

void TestDemo::planIsDeterministicPerSeed()
{
    const demo::Plan again = demo::planDemo(7);
    QCOMPARE(again.commits.size(), m_plan.commits.size());
    for (std::size_t i = 0; i < again.commits.size(); ++i) {
        QCOMPARE(again.commits[i].subject, m_plan.commits[i].subject);
        QCOMPARE(again.commits[i].authoredMs, m_plan.commits[i].authoredMs);
        QCOMPARE(again.commits[i].changes.size(), m_plan.commits[i].changes.size());
    }
    QCOMPARE(again.runs.size(), m_plan.runs.size());
    QCOMPARE(again.deployments.size(), m_plan.deployments.size());
    QCOMPARE(again.incidents.size(), m_plan.incidents.size());
    const demo::Plan other = demo::planDemo(8);
    bool differs = other.commits.size() != m_plan.commits.size();
    for (std::size_t i = 0; !differs && i < other.commits.size(); ++i)
        differs = other.commits[i].authoredMs != m_plan.commits[i].authoredMs;
    QVERIFY2(differs, "another seed tells another story");
}

void TestDemo::planTellsTheStory()
{
    const demo::Plan& p = m_plan;
    // About six months, 4–8 people, 2–3 services in one repository, ~1,500 commits, ~40 % AI-assisted.
    QVERIFY(p.endMs - p.startMs >= 170 * demo::kDayMs && p.endMs - p.startMs <= 190 * demo::kDayMs);
    QVERIFY(p.people.size() >= 4 && p.people.size() <= 8);
    QVERIFY(p.services.size() >= 2 && p.services.size() <= 3);
    QVERIFY2(p.commits.size() >= 1200 && p.commits.size() <= 1800,
             qPrintable(QString::number(p.commits.size())));
    const auto ai = std::count_if(p.commits.begin(), p.commits.end(),
                                  [](const demo::Commit& c) { return c.aiAssisted(); });
    const double share = double(ai) / double(p.commits.size());
    QVERIFY2(share > 0.3 && share < 0.5, qPrintable(QString::number(share)));
    // Every marker of the issue, git-ai notes, reverts and hotfixes.
    std::set<AiMarker> markers;
    for (const demo::Commit& c : p.commits)
        markers.insert(c.marker);
    for (AiMarker m :
         { AiMarker::ClaudeTrailer, AiMarker::ClaudeModelTrailer, AiMarker::Aider, AiMarker::CopilotAgent,
           AiMarker::CursorTrailer, AiMarker::AssistedBy, AiMarker::GitAiNote })
        QVERIFY2(markers.count(m), qPrintable(QString::number(int(m))));
    QVERIFY(std::any_of(p.commits.begin(), p.commits.end(),
                        [](const demo::Commit& c) { return c.reverts >= 0; }));
    QVERIFY(std::any_of(p.commits.begin(), p.commits.end(), [](const demo::Commit& c) { return c.hotfix; }));
    // History order, and every pull request's commits are in it.
    for (std::size_t i = 1; i < p.commits.size(); ++i)
        QVERIFY(p.commits[i].committedMs > p.commits[i - 1].committedMs);
    for (const demo::PullRequest& pr : p.pulls)
        for (int c : pr.commits)
            QCOMPARE(p.commits[std::size_t(c)].pullRequest, int(&pr - p.pulls.data()));
    // Re-runs, both environments, Argo CD and CSV deployments, incidents caused by deployments.
    QVERIFY(std::any_of(p.runs.begin(), p.runs.end(), [](const demo::Run& r) { return r.attempt == 2; }));
    QVERIFY(std::any_of(p.deployments.begin(), p.deployments.end(),
                        [](const demo::Deployment& d) { return d.viaArgoCd; }));
    QVERIFY(std::any_of(p.deployments.begin(), p.deployments.end(),
                        [](const demo::Deployment& d) { return !d.viaArgoCd; }));
    QVERIFY(std::any_of(p.deployments.begin(), p.deployments.end(),
                        [](const demo::Deployment& d) { return d.rollback; }));
    QVERIFY(std::any_of(p.incidents.begin(), p.incidents.end(),
                        [](const demo::Incident& i) { return i.causedBy >= 0; }));
}

void TestDemo::buildsTwiceToIdenticalExports()
{
    // The same seed written again, without the import: the repository has the same commit ids (so the
    // same content, authors, times and messages) and every export is byte-identical.
    const QString dir = m_tmp.filePath(QStringLiteral("b"));
    const std::vector<QString> shas = demo::writeGitRepository(m_plan, dir + QStringLiteral("/shop"));
    QVERIFY(QDir().mkpath(dir + QStringLiteral("/exports")));
    demo::writeCiExports(m_plan, shas, dir + QStringLiteral("/exports"));
    demo::writeDeliveryExports(m_plan, shas, dir + QStringLiteral("/exports"));

    const auto ws = store::Workspace::openReadOnly(m_built.workspace);
    auto st = ws.db().prepare("SELECT sha FROM commits ORDER BY committed_at, sha");
    std::set<QString> imported;
    while (st.step())
        imported.insert(st.text(0));
    QCOMPARE(imported, std::set<QString>(shas.begin(), shas.end()));

    const auto first = digests(QFileInfo(m_built.workspace).dir().filePath(QStringLiteral("exports")));
    const auto second = digests(dir + QStringLiteral("/exports"));
    QVERIFY(first.size() > 5);
    QCOMPARE(second.size(), first.size());
    for (const auto& [path, digest] : first) {
        const auto other = second.find(path);
        QVERIFY2(other != second.end(), qPrintable(path));
        QVERIFY2(other->second == digest, qPrintable(path));
    }
}

void TestDemo::importsEveryKindThroughTheImporters()
{
    const auto ws = store::Workspace::openReadOnly(m_built.workspace);
    const store::SqliteDatabase& db = ws.db();
    QCOMPARE(count(db, "SELECT count(*) FROM commits"), std::int64_t(m_plan.commits.size()));
    QCOMPARE(count(db, "SELECT count(*) FROM pull_requests"), std::int64_t(m_plan.pulls.size()));
    QCOMPARE(count(db, "SELECT count(*) FROM incidents"), std::int64_t(m_plan.incidents.size()));
    QCOMPARE(count(db, "SELECT count(*) FROM deployments"), std::int64_t(m_plan.deployments.size()));
    QCOMPARE(count(db, "SELECT count(*) FROM pipeline_runs"), std::int64_t(m_plan.runs.size()));
    QVERIFY(count(db, "SELECT count(*) FROM test_cases") > 0);
    QVERIFY(count(db, "SELECT count(*) FROM steps") > 0);
    // Every kind came through its importer (the imports table records each run), none with warnings.
    for (const char* format : { "git", "ci:github", "ci:github-log", "ci:junit", "deploys:csv",
                                "deploys:argocd", "incidents:pagerduty", "prs:gh" })
        QVERIFY2(count(db,
                       qPrintable(QStringLiteral("SELECT count(*) FROM imports WHERE format = '%1'")
                                      .arg(QLatin1String(format))))
                     > 0,
                 format);
    QCOMPARE(count(db, "SELECT count(*) FROM import_warnings"), 0);
    // The real linker links exactly the incidents the plan says it will.
    const auto causes = std::count_if(m_plan.incidents.begin(), m_plan.incidents.end(),
                                      [](const demo::Incident& i) { return i.causedBy >= 0; });
    QCOMPARE(count(db, "SELECT count(*) FROM links WHERE kind = 'incident_deployment'"),
             std::int64_t(causes));
    // The AI-assisted commits are the planned ones, each through its marker.
    const auto planned = std::count_if(m_plan.commits.begin(), m_plan.commits.end(),
                                       [](const demo::Commit& c) { return c.aiAssisted(); });
    QCOMPARE(count(db, "SELECT count(*) FROM commits WHERE ai_share > 0"), std::int64_t(planned));
}

void TestDemo::metricsShowWhatWasPlanted()
{
    const auto ws = store::Workspace::openReadOnly(m_built.workspace);
    metrics::MetricsOptions options;
    options.fromMs = m_plan.startMs;
    options.toMs = m_plan.endMs;
    options.contributingRows = false;
    const metrics::MetricsReport r = metrics::buildMetricsReport(ws.db(), options);

    // AI-assisted lines in the planted directories are rewritten sooner: a higher churn rate.
    QVERIFY(r.rework.ai.churnRate && r.rework.notAi.churnRate);
    QVERIFY2(
        *r.rework.ai.churnRate > 2.0 * *r.rework.notAi.churnRate,
        qPrintable(QStringLiteral("%1 vs %2").arg(*r.rework.ai.churnRate).arg(*r.rework.notAi.churnRate)));
    QVERIFY(!r.rework.hotspots.empty());
    const QString top = r.rework.hotspots.front().path;
    QVERIFY2(std::any_of(m_plan.plantedDirectories.begin(), m_plan.plantedDirectories.end(),
                         [&](const QString& dir) { return top.startsWith(dir); }),
             qPrintable(top));
    // Deployments that ship those lines fail more often.
    QVERIFY(r.dora.ai.changeFailureRate.value && r.dora.notAi.changeFailureRate.value);
    QVERIFY(*r.dora.ai.changeFailureRate.value > *r.dora.notAi.changeFailureRate.value);
    // AI-assisted pull requests wait longer for their first review.
    const auto pickup = [&](metrics::Segment s) {
        return r.leadTime.stages[std::size_t(s)][std::size_t(metrics::LeadStage::Pickup)].medianHours;
    };
    QVERIFY(pickup(metrics::Segment::Ai) && pickup(metrics::Segment::NotAi));
    QVERIFY(*pickup(metrics::Segment::Ai) > *pickup(metrics::Segment::NotAi));
    // Repeat incidents, CI failure clusters, cache hits and misses.
    QVERIFY(r.repeats.repeats > 0);
    QVERIFY(r.ciFailures.clusters.size() > 1);
    QVERIFY(!r.pipeline.cache.empty());
    // The slowest steps are the test runs, whose stage grows with the code base.
    const auto steps = metrics::slowestSteps(store::loadPipelineSteps(ws.db(), m_plan.startMs, m_plan.endMs));
    QVERIFY(!steps.empty());
    QVERIFY2(steps.front().name.contains(QStringLiteral("› Run ")), qPrintable(steps.front().name));
    QVERIFY(r.pipeline.cache.front().hits > 0 && r.pipeline.cache.front().misses > 0);
}

void TestDemo::refusesADirectoryThatIsNotADemo()
{
    const QString dir = m_tmp.filePath(QStringLiteral("mine"));
    QVERIFY(QDir().mkpath(dir));
    QFile keep(dir + QStringLiteral("/notes.txt"));
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("mine");
    keep.close();
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, demo::buildDemo(dir, 7));
    QVERIFY(QFile::exists(dir + QStringLiteral("/notes.txt")));
    QVERIFY(!QFile::exists(dir + QStringLiteral("/demo.faultline")));
}

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
