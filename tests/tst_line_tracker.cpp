#include "git/line_tracker.h"

#include <QTest>

#include <tuple>

using namespace faultline::importers::git;

namespace {
// Expands runs into one origin per line, which is what the assertions below are written against.
std::vector<CommitIndex> perLine(const FileLines& f)
{
    std::vector<CommitIndex> out;
    for (const LineRun& r : f.runs())
        out.insert(out.end(), r.count, r.origin);
    return out;
}

FileLines newFile(CommitIndex author, std::int32_t lines)
{
    const Hunk h { 0, 0, 1, lines };
    return FileLines().apply({ &h, 1 }, author);
}

using Deleted = std::tuple<CommitIndex, std::uint32_t, std::uint32_t>;
} // namespace

class TestLineTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newFileBelongsToItsCommit();
    void modificationSplitsRuns();
    void insertionAtStartMiddleAndEnd();
    void deletionReportsOriginsAndOldLines();
    void mergePrefersOtherParentsOrigins();
    void rejectsHunksPastTheEnd();
    void rejectsOverlappingHunks();
};

void TestLineTracker::newFileBelongsToItsCommit()
{
    const FileLines f = newFile(7, 5);
    QCOMPARE(f.lineCount(), 5u);
    QCOMPARE(f.runs().size(), size_t(1));
    QCOMPARE(f.originOf(1), 7u);
    QCOMPARE(f.originOf(5), 7u);
    QCOMPARE(f.originOf(6), kNoCommit);
    QCOMPARE(f.originOf(0), kNoCommit);
}

void TestLineTracker::modificationSplitsRuns()
{
    // 10 lines by commit 1; commit 2 rewrites lines 4-5 into three lines (@@ -4,2 +4,3 @@).
    const Hunk h { 4, 2, 4, 3 };
    const FileLines f = newFile(1, 10).apply({ &h, 1 }, 2);
    QCOMPARE(perLine(f), (std::vector<CommitIndex> { 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1 }));
    QCOMPARE(f.runs().size(), size_t(3));
}

void TestLineTracker::insertionAtStartMiddleAndEnd()
{
    // Pure insertions: before line 1 (@@ -0,0 +1,1 @@), after old line 2 (@@ -2,0 +4,2 @@), after the last (@@ -4,0 +8,1 @@).
    const Hunk hs[] = { { 0, 0, 1, 1 }, { 2, 0, 4, 2 }, { 4, 0, 8, 1 } };
    const FileLines f = newFile(1, 4).apply(hs, 3);
    QCOMPARE(perLine(f), (std::vector<CommitIndex> { 3, 1, 1, 3, 3, 1, 1, 3 }));
}

void TestLineTracker::deletionReportsOriginsAndOldLines()
{
    // Lines 1-3 by commit 1, 4-6 by commit 2; commit 3 deletes old lines 2-5 (@@ -2,4 +1,0 @@).
    const Hunk grow { 3, 0, 4, 3 };
    const FileLines before = newFile(1, 3).apply({ &grow, 1 }, 2);
    std::vector<Deleted> deleted;
    const Hunk del { 2, 4, 1, 0 };
    const FileLines after = before.apply({ &del, 1 }, 3,
        [&](CommitIndex origin, std::uint32_t first, std::uint32_t count) { deleted.emplace_back(origin, first, count); });
    QCOMPARE(perLine(after), (std::vector<CommitIndex> { 1, 2 }));
    QCOMPARE(deleted, (std::vector<Deleted> { { 1, 2, 2 }, { 2, 4, 2 } }));
}

void TestLineTracker::mergePrefersOtherParentsOrigins()
{
    // Merge commit 9 of file of 4 lines. From parent 1's side lines 3-4 look new (provisional 9);
    // from parent 2's side line 3 was written by commit 5 and line 4 is new in the merge too.
    const FileLines fromFirst({ { 1, 2 }, { 9, 2 } });
    const FileLines fromSecond({ { 4, 2 }, { 5, 1 }, { 9, 1 } });
    const FileLines merged = FileLines::preferOrigins(fromFirst, fromSecond, 9);
    // Lines the first parent explains keep its origins even where the second parent differs.
    QCOMPARE(perLine(merged), (std::vector<CommitIndex> { 1, 1, 5, 9 }));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FileLines::preferOrigins(fromFirst, newFile(1, 3), 9));
}

void TestLineTracker::rejectsHunksPastTheEnd()
{
    const Hunk h { 4, 2, 4, 0 };
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, newFile(1, 4).apply({ &h, 1 }, 2));
}

void TestLineTracker::rejectsOverlappingHunks()
{
    const Hunk hs[] = { { 3, 2, 3, 1 }, { 4, 1, 4, 1 } };
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, newFile(1, 10).apply(hs, 2));
}

QTEST_GUILESS_MAIN(TestLineTracker)
#include "tst_line_tracker.moc"
