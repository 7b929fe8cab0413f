// METRICS.md "Code rework (line level)": churn within the window of its origin's author time, per
// segment of the origin commit, and rework hotspots. Scratch git repositories are imported with the real
// importer (so moved lines are left out as the importer decides); the segment rules, ties and
// determinism are also checked on hand-built facts. Every expectation is computed by hand in comments.
#include "git_scratch.h"
#include "metrics/code_rework.h"
#include "store/rework_queries.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

namespace store = faultline::store;
using namespace faultline::metrics;
using namespace faultline::test;

namespace {

const char* kAiTrailer = "\n\nCo-authored-by: Claude <noreply@anthropic.com>";

// The main history; t0 = kEpoch. AI commits carry the Claude trailer (share 1.0).
//  C0 t0      not AI  a.txt a1..a10, b.txt b1..b5                         added 15
//  C1 t0+1d   AI      c.txt c1..c8                                        added 8
//  C2 t0+3d   not AI  a2,a3 rewritten (C0's, 3d); c1..c4 deleted (C1's, 2d);
//                     b1,b2 moved to the end of b.txt (moved: no churn)   added 4 (a2 v2, a3 v2, b1, b2)
//  C3 t0+20d  not AI  "a2 v2" rewritten (C2's, 17d); a9 rewritten (C0's, 20d); c5 deleted (C1's, 19d)  added
//  2 C4 t0+40d  AI      a10 rewritten (C0's, 40d); c6 deleted (C1's, 39d)   added 1 C5 t0+45d  not AI  b3
//  deleted (C0's, 45d)                              added 0
struct History
{
    QString ws;
    QString c[6];
    qint64 t0Ms = kEpoch * 1000;
};

QByteArray aFile(const char* a2, const char* a3, const char* a9, const char* a10)
{
    return numbered("a", 1, 1) + a2 + "\n" + a3 + "\n" + numbered("a", 4, 8) + a9 + "\n" + a10 + "\n";
}

MetricsOptions period(qint64 fromMs, qint64 toMs, int windowDays = 14)
{
    MetricsOptions o;
    o.fromMs = fromMs;
    o.toMs = toMs;
    o.churnWindowDays = windowDays;
    return o;
}

QString rateText(const std::optional<double>& r)
{
    return r ? QString::number(*r, 'g', 12) : QStringLiteral("null");
}

QString ratio(long long num, long long den)
{
    return QString::number(double(num) / double(den), 'g', 12);
}

QString segmentText(const ReworkSegment& s)
{
    return QStringLiteral("n=%1 added=%2 churned=%3 rate=%4")
        .arg(s.commits)
        .arg(s.addedLines)
        .arg(s.churnedLines)
        .arg(rateText(s.churnRate));
}

QString segText(long long n, long long added, long long churned, const QString& rate)
{
    return QStringLiteral("n=%1 added=%2 churned=%3 rate=%4").arg(n).arg(added).arg(churned).arg(rate);
}

QStringList hotspotText(const CodeRework& r)
{
    QStringList out;
    for (const ReworkHotspot& h : r.hotspots)
        out << QStringLiteral("%1 churned=%2 ai=%3 commits=%4 head=%5 added=%6 rate=%7")
                   .arg(h.path)
                   .arg(h.churnedLines)
                   .arg(rateText(h.aiShare))
                   .arg(h.commits)
                   .arg(h.linesAtHead ? QString::number(*h.linesAtHead) : QStringLiteral("null"))
                   .arg(h.addedLines)
                   .arg(rateText(h.churnRate));
    return out;
}

QString hot(const char* path, long long churned, const QString& ai, long long commits, long long head,
            long long added, const QString& rate)
{
    return QStringLiteral("%1 churned=%2 ai=%3 commits=%4 head=%5 added=%6 rate=%7")
        .arg(S(path))
        .arg(churned)
        .arg(ai)
        .arg(commits)
        .arg(head)
        .arg(added)
        .arg(rate);
}

QStringList contributingText(const CodeRework& r)
{
    QStringList out;
    for (const ChurnContribution& c : r.contributing)
        out << QStringLiteral("%1 %2 %3 %4 %5 %6")
                   .arg(c.originSha, c.removingSha, c.path)
                   .arg(c.lines)
                   .arg(c.ageMs)
                   .arg(c.originAi ? S("ai") : S("not_ai"));
    return out;
}

QString contrib(const QString& origin, const QString& removing, const char* path, int lines, qint64 ageMs,
                bool ai)
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6")
        .arg(origin, removing, S(path))
        .arg(lines)
        .arg(ageMs)
        .arg(ai ? S("ai") : S("not_ai"));
}

// Everything a result holds, in its order: equal dumps mean equal results.
QStringList dump(const CodeRework& r)
{
    QStringList out { segmentText(r.all), segmentText(r.ai), segmentText(r.notAi),
                      QString::number(r.hotspotFiles) };
    out << hotspotText(r) << contributingText(r);
    for (const ReworkCommitRow& c : r.commits)
        out << QStringLiteral("%1 %2 %3 %4 %5")
                   .arg(c.sha)
                   .arg(c.authoredAt)
                   .arg(c.addedLines)
                   .arg(c.churnedLines)
                   .arg(c.ai ? 1 : 0);
    return out;
}

store::ReworkFacts loadFacts(const QString& ws)
{
    auto w = store::Workspace::openReadOnly(ws);
    return store::loadReworkFacts(w.db());
}

// Hand-built facts: s1 (share 0.3) and s2 (share 0) each add 10 lines; s3 (share 1.0, adds nothing)
// rewrites 3 lines of each, x.txt from s1 and y.txt from s2: a tie between the two files.
store::ReworkFacts handFacts()
{
    store::ReworkFacts f;
    f.repos = { { 1, S("r") } };
    f.commits = { { 1, 1, S("s1"), 0, 10, 0.3, 3 },
                  { 2, 1, S("s2"), 1000, 10, 0.0, 0 },
                  { 3, 1, S("s3"), 2000, 0, 1.0, 0 } };
    f.churn = { { 1, 1, S("y.txt"), 2, 3, S("s3"), 3, 1000 }, { 2, 1, S("x.txt"), 1, 3, S("s3"), 3, 2000 } };
    f.fileChanges
        = { { 1, S("x.txt"), 10 }, { 2, S("y.txt"), 10 }, { 3, S("x.txt"), 0 }, { 3, S("y.txt"), 0 } };
    f.headFiles = { { 1, S("x.txt"), 7 }, { 1, S("y.txt"), 7 } };
    return f;
}

} // namespace

class TestMetricsRework : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void churnWithinWindow14();
    void churnWithinWindow30();
    void movedLinesAreNotChurn();
    void periodByOriginAuthorTime();
    void nullRateWithoutAddedLines();
    void hotspotLimit();
    void windowedLoadMatchesFullLoad();
    void thresholdVersusAnyAi();
    void tiesAndDeterminism();
    void byWeekAndDirectory();
    void rowsAreOptional();

private:
    QTemporaryDir m_tmp;
    History m_h;
};

void TestMetricsRework::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QProcess p;
    p.start(QStringLiteral("git"), { QStringLiteral("--version") });
    if (!p.waitForFinished() || p.exitCode() != 0)
        QSKIP("the git CLI is not available");
    guarded([&] {
        Scratch r = Scratch::create(m_tmp.filePath(QStringLiteral("repo")));
        QString* c = m_h.c;
        r.write(S("a.txt"), numbered("a", 1, 10));
        r.write(S("b.txt"), numbered("b", 1, 5));
        c[0] = r.commit(S("C0"), 0);
        r.write(S("c.txt"), numbered("c", 1, 8));
        c[1] = r.commit(S("C1") + S(kAiTrailer), kDay);
        r.write(S("a.txt"), aFile("a 2 v2", "a 3 v2", "a 9", "a 10"));
        r.write(S("c.txt"), numbered("c", 5, 8));
        r.write(S("b.txt"), numbered("b", 3, 5) + numbered("b", 1, 2));
        c[2] = r.commit(S("C2"), 2 * kDay);
        r.write(S("a.txt"), aFile("a 2 v3", "a 3 v2", "a 9 v3", "a 10"));
        r.write(S("c.txt"), numbered("c", 6, 8));
        c[3] = r.commit(S("C3"), 17 * kDay);
        r.write(S("a.txt"), aFile("a 2 v3", "a 3 v2", "a 9 v3", "a 10 v4"));
        r.write(S("c.txt"), numbered("c", 7, 8));
        c[4] = r.commit(S("C4") + S(kAiTrailer), 20 * kDay);
        r.write(S("b.txt"), numbered("b", 4, 5) + numbered("b", 1, 2));
        c[5] = r.commit(S("C5"), 5 * kDay);
        m_h.ws = m_tmp.filePath(QStringLiteral("ws.faultline"));
        importInto(m_h.ws, r.dir());
    });
}

void TestMetricsRework::churnWithinWindow14()
{
    const QString* c = m_h.c;
    const CodeRework r = computeCodeRework(loadFacts(m_h.ws), period(m_h.t0Ms, m_h.t0Ms + 50 * kDayMs));
    QCOMPARE(r.churnWindowDays, 14);
    // Within 14 days only C2's removals count: 2 of C0's (a.txt) and 4 of C1's (c.txt).
    // all: added 15+8+4+2+1+0 = 30, churned 6. AI (C1, C4): 9 added, 4 churned. Not AI: 21 added, 2 churned.
    QCOMPARE(segmentText(r.all), segText(6, 30, 6, ratio(6, 30)));
    QCOMPARE(segmentText(r.ai), segText(2, 9, 4, ratio(4, 9)));
    QCOMPARE(segmentText(r.notAi), segText(4, 21, 2, ratio(2, 21)));
    QVERIFY(r.all.tooFewToCompare);
    QVERIFY(r.all.churnRateCi95);
    QVERIFY(r.all.churnRateCi95->first < 0.2 && r.all.churnRateCi95->second > 0.2);
    QCOMPARE(contributingText(r),
             (QStringList { contrib(c[0], c[2], "a.txt", 2, 3 * kDayMs, false),
                            contrib(c[1], c[2], "c.txt", 4, 2 * kDayMs, true) }));
    // c.txt: 4 churned, all C1's (AI); touched by C1-C4; c7, c8 left; 8 added in the period.
    // a.txt: 2 churned (C0's); touched by C0, C2, C3, C4; 10 lines at head; added 10 + 2 + 2 + 1 = 15.
    QCOMPARE(hotspotText(r),
             (QStringList { hot("c.txt", 4, S("1"), 4, 2, 8, ratio(4, 8)),
                            hot("a.txt", 2, S("0"), 4, 10, 15, ratio(2, 15)) }));
    QCOMPARE(r.hotspots.front().repo, S("repo"));
}

void TestMetricsRework::churnWithinWindow30()
{
    const QString* c = m_h.c;
    const CodeRework r = computeCodeRework(loadFacts(m_h.ws), period(m_h.t0Ms, m_h.t0Ms + 50 * kDayMs, 30));
    // 30 days add C3's removals: C0's a9 (20d), C1's c5 (19d), C2's "a2 v2" (17d); C4's and C5's (39-45d)
    // stay out.
    QCOMPARE(segmentText(r.all), segText(6, 30, 9, ratio(9, 30)));
    QCOMPARE(segmentText(r.ai), segText(2, 9, 5, ratio(5, 9)));
    QCOMPARE(segmentText(r.notAi), segText(4, 21, 4, ratio(4, 21)));
    QCOMPARE(hotspotText(r),
             (QStringList { hot("c.txt", 5, S("1"), 4, 2, 8, ratio(5, 8)),
                            hot("a.txt", 4, S("0"), 4, 10, 15, ratio(4, 15)) }));
    QCOMPARE(contributingText(r),
             (QStringList { contrib(c[0], c[2], "a.txt", 2, 3 * kDayMs, false),
                            contrib(c[0], c[3], "a.txt", 1, 20 * kDayMs, false),
                            contrib(c[1], c[2], "c.txt", 4, 2 * kDayMs, true),
                            contrib(c[1], c[3], "c.txt", 1, 19 * kDayMs, true),
                            contrib(c[2], c[3], "a.txt", 1, 17 * kDayMs, false) }));
}

void TestMetricsRework::movedLinesAreNotChurn()
{
    // C2 moved b1, b2 to the end of b.txt: deleted and added again, so C2 added 4 lines (2 of them
    // moved) but b.txt has no churn in any window, and is no hotspot. C5 deleting b3 (45 days old) is
    // churn only beyond 45 days.
    const store::ReworkFacts facts = loadFacts(m_h.ws);
    const CodeRework r = computeCodeRework(facts, period(m_h.t0Ms, m_h.t0Ms + 50 * kDayMs, 44));
    for (const ReworkHotspot& h : r.hotspots)
        QVERIFY2(h.path != S("b.txt"), qPrintable(hotspotText(r).join(S("; "))));
    QCOMPARE(r.commits.at(2).sha, m_h.c[2]);
    QCOMPARE(r.commits.at(2).addedLines, std::int64_t(4));
    const CodeRework r45 = computeCodeRework(facts, period(m_h.t0Ms, m_h.t0Ms + 50 * kDayMs, 45));
    QCOMPARE(hotspotText(r45).last(),
             hot("b.txt", 1, S("0"), 3, 4, 7, ratio(1, 7))); // C0 5 + C2 2 added; C0, C2, C5 touch it
}

void TestMetricsRework::periodByOriginAuthorTime()
{
    const store::ReworkFacts facts = loadFacts(m_h.ws);
    // [t0+2d, t0+50d): C2-C5, 7 lines added. Their only churn is C2's "a2 v2" at 17 days: none within
    // 14 days, so the rate is 0 (not null); C2's removals of C0's and C1's lines belong to their period.
    const CodeRework late = computeCodeRework(facts, period(m_h.t0Ms + 2 * kDayMs, m_h.t0Ms + 50 * kDayMs));
    QCOMPARE(segmentText(late.all), segText(4, 7, 0, S("0")));
    QVERIFY(late.hotspots.empty());
    QVERIFY(late.contributing.empty());
    const CodeRework late30
        = computeCodeRework(facts, period(m_h.t0Ms + 2 * kDayMs, m_h.t0Ms + 50 * kDayMs, 30));
    QCOMPARE(segmentText(late30.all), segText(4, 7, 1, ratio(1, 7)));
    // a.txt in that period: C2 (2 added), C3 (2), C4 (1) touch it.
    QCOMPARE(hotspotText(late30), QStringList { hot("a.txt", 1, S("0"), 3, 10, 5, ratio(1, 5)) });
    // [t0, t0+2d): C0 and C1 (23 added); their churn counts though C2 lies outside the period. The end is
    // exclusive: a period ending at C1's author time holds C0 only.
    const CodeRework early = computeCodeRework(facts, period(m_h.t0Ms, m_h.t0Ms + 2 * kDayMs));
    QCOMPARE(segmentText(early.all), segText(2, 23, 6, ratio(6, 23)));
    QCOMPARE(early.hotspots.size(), size_t(2));
    QCOMPARE(early.hotspots.at(0).commits, std::int64_t(1)); // c.txt: C1 only within the period
    const CodeRework c0Only = computeCodeRework(facts, period(m_h.t0Ms, m_h.t0Ms + kDayMs));
    QCOMPARE(segmentText(c0Only.all), segText(1, 15, 2, ratio(2, 15)));
    QCOMPARE(segmentText(c0Only.ai), segText(0, 0, 0, S("null")));
}

void TestMetricsRework::nullRateWithoutAddedLines()
{
    // [t0+45d, t0+50d): only C5, which only deletes: no added lines, the rate is null in every segment.
    const CodeRework r
        = computeCodeRework(loadFacts(m_h.ws), period(m_h.t0Ms + 45 * kDayMs, m_h.t0Ms + 50 * kDayMs));
    QCOMPARE(segmentText(r.all), segText(1, 0, 0, S("null")));
    QVERIFY(!r.all.churnRateCi95);
    QCOMPARE(segmentText(r.ai), segText(0, 0, 0, S("null")));
    QCOMPARE(segmentText(r.notAi), segText(1, 0, 0, S("null")));
    // An empty period: nothing at all.
    const CodeRework none = computeCodeRework(loadFacts(m_h.ws), period(0, m_h.t0Ms));
    QCOMPARE(segmentText(none.all), segText(0, 0, 0, S("null")));
    QVERIFY(none.hotspots.empty() && none.commits.empty());
}

void TestMetricsRework::hotspotLimit()
{
    const store::ReworkFacts facts = loadFacts(m_h.ws);
    const CodeRework r = computeCodeRework(facts, period(m_h.t0Ms, m_h.t0Ms + 50 * kDayMs), 1);
    QCOMPARE(r.hotspotFiles, std::int64_t(2));
    QCOMPARE(hotspotText(r), QStringList { hot("c.txt", 4, S("1"), 4, 2, 8, ratio(4, 8)) });
    QCOMPARE(r.contributing.size(), size_t(2)); // the limit trims hotspots only
    QCOMPARE(computeCodeRework(facts, period(m_h.t0Ms, m_h.t0Ms + 50 * kDayMs), -1).hotspots.size(),
             size_t(2));
}

void TestMetricsRework::windowedLoadMatchesFullLoad()
{
    auto w = store::Workspace::openReadOnly(m_h.ws);
    for (const auto& [from, to] : { std::pair { m_h.t0Ms, m_h.t0Ms + 50 * kDayMs },
                                    std::pair { m_h.t0Ms + 2 * kDayMs, m_h.t0Ms + 41 * kDayMs },
                                    std::pair { m_h.t0Ms, m_h.t0Ms + kDayMs } }) {
        for (int days : { 14, 30 }) {
            const MetricsOptions o = period(from, to, days);
            const store::ReworkFacts windowed = store::loadReworkFacts(w.db(), from, to);
            QCOMPARE(dump(computeCodeRework(windowed, o)),
                     dump(computeCodeRework(store::loadReworkFacts(w.db()), o)));
        }
    }
    // [t0+2d, t0+41d) loads C2, C3, C4 and their churn only.
    const store::ReworkFacts part
        = store::loadReworkFacts(w.db(), m_h.t0Ms + 2 * kDayMs, m_h.t0Ms + 41 * kDayMs);
    QCOMPARE(part.commits.size(), size_t(3));
    QCOMPARE(part.churn.size(), size_t(1)); // C2's "a2 v2", removed by C3
}

void TestMetricsRework::thresholdVersusAnyAi()
{
    const store::ReworkFacts f = handFacts();
    // Threshold 0.5: only s3 (1.0) is AI, and it adds nothing. s1 (0.3) and s2 are not AI: 20 added, 6
    // churned.
    MetricsOptions o = period(0, 10000);
    CodeRework r = computeCodeRework(f, o);
    QCOMPARE(segmentText(r.ai), segText(1, 0, 0, S("null")));
    QCOMPARE(segmentText(r.notAi), segText(2, 20, 6, ratio(6, 20)));
    QCOMPARE(hotspotText(r),
             (QStringList { hot("x.txt", 3, S("0"), 2, 7, 10, ratio(3, 10)),
                            hot("y.txt", 3, S("0"), 2, 7, 10, ratio(3, 10)) }));
    // anyAi: s1 has AI lines, so it and s3 are AI: x.txt's churn is AI churn.
    o.anyAi = true;
    r = computeCodeRework(f, o);
    QCOMPARE(segmentText(r.ai), segText(2, 10, 3, ratio(3, 10)));
    QCOMPARE(segmentText(r.notAi), segText(1, 10, 3, ratio(3, 10)));
    QCOMPARE(hotspotText(r),
             (QStringList { hot("x.txt", 3, S("1"), 2, 7, 10, ratio(3, 10)),
                            hot("y.txt", 3, S("0"), 2, 7, 10, ratio(3, 10)) }));
    QCOMPARE(contributingText(r),
             (QStringList { S("s1 s3 x.txt 3 2000 ai"), S("s2 s3 y.txt 3 1000 not_ai") }));
    // A threshold is inclusive: 0.3 makes s1 AI, 0.31 does not.
    o.anyAi = false;
    o.aiThreshold = 0.3;
    QCOMPARE(computeCodeRework(f, o).ai.commits, std::int64_t(2));
    o.aiThreshold = 0.31;
    QCOMPARE(computeCodeRework(f, o).ai.commits, std::int64_t(1));
    // Windows in days against age_ms: 2000 ms is beyond a 0-day window, and so is all the churn.
    o = period(0, 10000, 0);
    QCOMPARE(computeCodeRework(f, o).all.churnedLines, std::int64_t(0));
}

void TestMetricsRework::tiesAndDeterminism()
{
    // x.txt and y.txt tie at 3 churned lines: by path, whatever the input order.
    store::ReworkFacts f = handFacts();
    const MetricsOptions o = period(0, 10000);
    const QStringList expected = dump(computeCodeRework(f, o));
    QCOMPARE(computeCodeRework(f, o).hotspots.at(0).path, S("x.txt"));
    std::reverse(f.commits.begin(), f.commits.end());
    std::reverse(f.churn.begin(), f.churn.end());
    std::reverse(f.fileChanges.begin(), f.fileChanges.end());
    std::reverse(f.headFiles.begin(), f.headFiles.end());
    QCOMPARE(dump(computeCodeRework(f, o)), expected);
    // The imported history gives the same result on every load.
    const MetricsOptions all = period(m_h.t0Ms, m_h.t0Ms + 50 * kDayMs, 30);
    QCOMPARE(dump(computeCodeRework(loadFacts(m_h.ws), all)),
             dump(computeCodeRework(loadFacts(m_h.ws), all)));
}

void TestMetricsRework::byWeekAndDirectory()
{
    // Hand facts with x.txt moved into src/: s1 (AI at 0.3 ≥ 0.25) adds 10 lines to src/x.txt, s2 (not AI)
    // 10 to y.txt; s3 rewrites 3 of each. All three are in the week of 1970-01-01 (Monday 1969-12-29).
    store::ReworkFacts f = handFacts();
    f.churn[1].path = S("src/x.txt");
    f.fileChanges[0].path = S("src/x.txt");
    f.fileChanges[2].path = S("src/x.txt");
    MetricsOptions o;
    o.fromMs = 0;
    o.toMs = 10000;
    o.aiThreshold = 0.25;
    const CodeRework r = computeCodeRework(f, o);
    QCOMPARE(r.byWeek.size(), size_t(1));
    const ReworkBucket& week = r.byWeek.at(S("1969-12-29"));
    QCOMPARE(week.addedLines, 20);
    QCOMPARE(week.churnedLines, 6);
    QCOMPARE(*week.churnRate, 0.3);
    QCOMPARE(*week.aiChurnRate, 0.3); // 3 of s1's 10
    QCOMPARE(*week.notAiChurnRate, 0.3); // 3 of s2's 10
    QCOMPARE(r.byDirectory.size(), size_t(2));
    QCOMPARE(r.byDirectory.at(S("src")).churnedLines, 3);
    QCOMPARE(r.byDirectory.at(S("src")).aiAddedLines, 10);
    QVERIFY(!r.byDirectory.at(S("src")).notAiChurnRate); // no lines added outside AI there
    QCOMPARE(*r.byDirectory.at(QString()).churnRate, 0.3);
}

// Without contributing rows the numbers are the same; the churn rows and per-commit rows are left out.
void TestMetricsRework::rowsAreOptional()
{
    const store::ReworkFacts f = handFacts();
    MetricsOptions o = period(0, 10000);
    const CodeRework with = computeCodeRework(f, o);
    o.contributingRows = false;
    const CodeRework without = computeCodeRework(f, o);
    QCOMPARE(with.contributing.size(), size_t(2));
    QCOMPARE(with.commits.size(), size_t(3));
    QVERIFY(without.contributing.empty());
    QVERIFY(without.commits.empty());
    QCOMPARE(dump(without), dump(with).mid(0, 4) + hotspotText(with));
    QCOMPARE(without.byWeek.size(), with.byWeek.size());
    QCOMPARE(without.byWeek.begin()->second.churnedLines, 6);
    QCOMPARE(without.byDirectory.begin()->second.addedLines, with.byDirectory.begin()->second.addedLines);
}

QTEST_GUILESS_MAIN(TestMetricsRework)
#include "tst_metrics_rework.moc"
