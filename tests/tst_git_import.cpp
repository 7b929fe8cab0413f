// Git history import measured against the git CLI: blame at HEAD line by line against
// `git blame --porcelain` (no -M/-C) on scratch repositories built here, churn with hand-computed
// ages, incremental re-imports, cancellation and bad input (the workspace is unchanged on failure).
// The scratch repositories, scenario histories and blame comparison live in support/git_scratch.h.
#include "common/import_error.h"
#include "git/git_history_importer.h"
#include "git_scratch.h"
#include "store/git_queries.h"
#include "store/sqlite_database.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <iterator>
#include <stdexcept>

namespace store = faultline::store;
namespace fgit = faultline::importers::git;
using faultline::importers::ImportCancelled;
using faultline::importers::ImportError;
using namespace faultline::test; // fileSha256, runFaultline; Scratch, the scenarios and compareBlame (git_scratch.h)

namespace {

struct Scenario
{
    const char* name;
    void (*build)(Scratch&);
    int headAdded; // expected added_lines of the HEAD commit; -1: not checked
    bool merges;
    bool copies = false; // a line may be blamed at two places (split file): blamed lines may exceed added_lines
};

const Scenario kScenarios[] = {
    { "linear edits", linearEdits, -1, false },
    { "linear edit, repeated lines before a 1 KB common tail", commonTailTrimmed, 8, false },
    { "merge with changes on both sides (conflict)", mergeWithConflict, 1, true },
    { "clean merge", cleanMerge, 0, true },
    { "evil merge", evilMerge, 2, true },
    { "exact renames", renames, -1, false },
    { "rename with edits", renameWithEdits, 1, false },
    { "file split in two", fileSplitInTwo, 2, false, true },
    { "file deleted and re-added", deletedAndReadded, 1, false },
    { "CRLF", crlf, -1, false },
    { "no trailing newline", noTrailingNewline, -1, false },
    { "empty file", emptyFile, 2, false },
    { "binary file", binaryFile, 3, false }, // plain.txt +1, b2t.dat turned text +2
    { "octopus merge", octopusMerge, 0, true },
    { "two merges in a row", twoMergesInARow, 0, true },
    { "file identical to the second parent", identicalToSecondParent, 0, true },
    { "rename on a side branch, merged", renameOnSideBranch, 0, true },
    { "file changed on both sides at different places", bothSidesDifferentPlaces, 0, true },
    { "same change on both sides", sameChangeBothSides, 0, true },
};

} // namespace

class TestGitImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void blameMatchesGit_data();
    void blameMatchesGit();
    void firstParentMatchesGitFirstParent_data();
    void firstParentMatchesGitFirstParent();
    void firstRefIsBlamed();
    void projectRepository();
    void churnAges();
    void churnIgnoresMovedLines();
    void churnOfDeletedAndRenamedFiles();
    void incrementalImport();
    void cancelLeavesWorkspaceUnchanged();
    void badRepository_data();
    void badRepository();
    void shallowClone();
    void submodule();
    void symlinks();
    void hugeCommitMessage();
    void invalidEncodings();
    void neverRunsHooksOrFilters();
    void excludeAndSizeCap();
    void cliNotARepository();
    void cliBlameFormat();

private:
    QString fresh(const QString& name) { return m_tmp.filePath(QStringLiteral("%1-%2").arg(++m_seq).arg(name)); }
    QString freshWorkspace() { return fresh(QStringLiteral("ws.faultline")); }

    QTemporaryDir m_tmp;
    int m_seq = 0;
};

void TestGitImport::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QProcess p;
    p.start(QStringLiteral("git"), { QStringLiteral("--version") });
    if (!p.waitForFinished() || p.exitCode() != 0)
        QSKIP("the git CLI is not available");
}

void TestGitImport::blameMatchesGit_data()
{
    QTest::addColumn<int>("scenario");
    for (int i = 0; i < int(std::size(kScenarios)); ++i)
        QTest::addRow("%s", kScenarios[i].name) << i;
}

void TestGitImport::blameMatchesGit()
{
    QFETCH(int, scenario);
    const Scenario& s = kScenarios[scenario];
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        s.build(r);
        const QString ws = freshWorkspace();
        const auto report = importInto(ws, r.dir());
        QCOMPARE(report.headSha, r.rev(QStringLiteral("HEAD")));
        QCOMPARE(report.commitsWalked, r.count({ QStringLiteral("HEAD") }));
        QCOMPARE(report.newCommits, report.commitsWalked);
        const Agreement a = compareBlame(r, ws);
        QVERIFY2(a.agreeing == a.total, a.text());
        const QStringList violations = s.copies ? QStringList() : addedLinesViolations(ws);
        QVERIFY2(violations.isEmpty(), qPrintable(QStringLiteral("blamed lines > added_lines: ") + violations.join(QStringLiteral("; "))));
        if (s.headAdded >= 0) {
            auto w = store::Workspace::openReadOnly(ws);
            const auto head = store::findCommits(w.db(), report.headSha);
            QCOMPARE(head.size(), size_t(1));
            QCOMPARE(head.front().addedLines, std::int64_t(s.headAdded));
        }
        if (QLatin1String(s.name) == QLatin1String("binary file")) {
            auto w = store::Workspace::openReadOnly(ws);
            for (const char* opaque : { "bin.dat", "t2b.txt" })
                QVERIFY2(store::blameAtHead(w.db(), onlyRepoId(w.db()), q(opaque)).empty(), opaque);
        }
    });
}

void TestGitImport::firstParentMatchesGitFirstParent_data()
{
    QTest::addColumn<int>("scenario");
    for (int i = 0; i < int(std::size(kScenarios)); ++i) {
        if (kScenarios[i].merges)
            QTest::addRow("%s", kScenarios[i].name) << i;
    }
}

// --first-parent: a merge is one ordinary commit against its first parent, like git blame --first-parent.
void TestGitImport::firstParentMatchesGitFirstParent()
{
    QFETCH(int, scenario);
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        kScenarios[scenario].build(r);
        const QString ws = freshWorkspace();
        fgit::GitImportOptions o;
        o.firstParent = true;
        const auto report = importInto(ws, r.dir(), o);
        QCOMPARE(report.commitsWalked, r.count({ QStringLiteral("--first-parent"), QStringLiteral("HEAD") }));
        const Agreement a = compareBlame(r, ws, QStringLiteral("HEAD"), true);
        QVERIFY2(a.agreeing == a.total, a.text());
    });
}

void TestGitImport::firstRefIsBlamed()
{
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        mergeWithConflict(r);
        r.checkout("side");
        r.write(QStringLiteral("f.txt"), r.read(QStringLiteral("f.txt")) + "side 11\n");
        r.commit(QStringLiteral("side after the merge"));
        const QString ws = freshWorkspace();
        fgit::GitImportOptions o;
        o.refs = QStringList { QStringLiteral("side"), QStringLiteral("main") };
        const auto report = importInto(ws, r.dir(), o);
        QCOMPARE(report.headSha, r.rev(QStringLiteral("side")));
        QCOMPARE(report.commitsWalked, r.count({ QStringLiteral("side"), QStringLiteral("main") }));
        const Agreement a = compareBlame(r, ws, QStringLiteral("side"));
        QVERIFY2(a.agreeing == a.total, a.text());
    });
}

// This project's own history (or FAULTLINE_GIT_TEST_REPO): at least 99.5 % of the lines agree.
void TestGitImport::projectRepository()
{
    QString root = qEnvironmentVariable("FAULTLINE_GIT_TEST_REPO");
    if (root.isEmpty())
        root = QStringLiteral(FAULTLINE_SOURCE_DIR);
    Scratch r(root);
    int code = 0;
    r.git({ QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("HEAD") }, {}, &code);
    if (code != 0)
        QSKIP("the source directory is not a git checkout");
    guarded([&] {
        const qint64 commits = r.count({ QStringLiteral("HEAD") });
        if (commits < 2)
            QSKIP("the source repository has fewer than 2 commits");
        const QString ws = freshWorkspace();
        const auto report = importInto(ws, root);
        const Agreement a = compareBlame(r, ws);
        qInfo("blame agreement on %s (%lld commits, %d text files): %lld of %lld lines = %.3f %%", qPrintable(root),
            qlonglong(report.commitsWalked), a.files, qlonglong(a.agreeing), qlonglong(a.total), a.percent());
        if (a.agreeing != a.total)
            qInfo("disagreements: %s", a.text().constData());
        QVERIFY2(a.percent() >= 99.5, a.text());
    });
}

void TestGitImport::churnAges()
{
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        r.write(QStringLiteral("f.txt"), numbered("line", 1, 10));
        const QString c0 = r.commit(QStringLiteral("C0"), 0);
        // Day 3: lines 2 and 3 rewritten, line 5 deleted: 3 lines of C0 churned at 3 days.
        r.write(QStringLiteral("f.txt"), "line 1\nline 2 v2\nline 3 v2\nline 4\n" + numbered("line", 6, 10));
        const QString c1 = r.commit(QStringLiteral("C1"), 3 * kDay);
        // Day 20: "line 2 v2" (C1's, 17 days old) and lines 8-10 (C0's, 20 days old) rewritten.
        r.write(QStringLiteral("f.txt"), "line 1\nline 2 v3\nline 3 v2\nline 4\nline 6\nline 7\nline 8 v3\nline 9 v3\nline 10 v3\n");
        const QString c2 = r.commit(QStringLiteral("C2"), 17 * kDay);
        const QString ws = freshWorkspace();
        importInto(ws, r.dir());
        const QStringList expected { churnRow(c0, c1, "f.txt", 3, 3 * kDayMs), churnRow(c1, c2, "f.txt", 1, 17 * kDayMs),
            churnRow(c0, c2, "f.txt", 3, 20 * kDayMs) };
        QStringList sorted = expected;
        sorted.sort();
        QCOMPARE(churnRows(ws), sorted);
        // A 14-day window counts only the 3 lines rewritten after 3 days.
        QCOMPARE(queryRows(ws, "SELECT sum(lines) FROM churn WHERE age_ms <= 14 * 86400000"), QStringList { QStringLiteral("3") });
        QStringList counts { c0 + QStringLiteral(" 10 0"), c1 + QStringLiteral(" 2 3"), c2 + QStringLiteral(" 4 4") };
        counts.sort();
        QCOMPARE(queryRows(ws, "SELECT sha, added_lines, deleted_lines FROM commits"), counts);
        QVERIFY2(compareBlame(r, ws).problems.isEmpty(), compareBlame(r, ws).text());
    });
}

void TestGitImport::churnIgnoresMovedLines()
{
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        r.write(QStringLiteral("m.txt"), numbered("moved", 1, 20));
        r.commit(QStringLiteral("C0"), 0);
        // Day 1: lines 3-8 moved to the end of the file: 6 deleted, the same 6 added: no churn.
        r.write(QStringLiteral("m.txt"), numbered("moved", 1, 2) + numbered("moved", 9, 20) + numbered("moved", 3, 8));
        const QString c1 = r.commit(QStringLiteral("C1 move inside the file"), kDay);
        // Day 2: lines "moved 1", "moved 2", "moved 9", "moved 10" cut into a new file: no churn.
        r.write(QStringLiteral("m.txt"), numbered("moved", 11, 20) + numbered("moved", 3, 8));
        r.write(QStringLiteral("n.txt"), numbered("moved", 1, 2) + numbered("moved", 9, 10));
        const QString c2 = r.commit(QStringLiteral("C2 move to another file"), kDay);
        // Day 3: "moved 11".."moved 15" moved to the end, "moved 13" edited on the way: 1 line churned (2 days old, C0's).
        r.write(QStringLiteral("m.txt"), numbered("moved", 16, 20) + numbered("moved", 3, 8) + "moved 11\nmoved 12\nmoved 13 edited\nmoved 14\nmoved 15\n");
        const QString c3 = r.commit(QStringLiteral("C3 move with an edit"), kDay);
        const QString ws = freshWorkspace();
        importInto(ws, r.dir());
        const QString c0 = r.rev(QStringLiteral("HEAD~3"));
        QCOMPARE(churnRows(ws), QStringList { churnRow(c0, c3, "m.txt", 1, 3 * kDayMs) });
        const Agreement a = compareBlame(r, ws);
        QVERIFY2(a.agreeing == a.total, a.text());
        // The moves did delete lines (6, then 4): they are just not churn.
        QStringList deleted { c1 + QStringLiteral(" 6"), c2 + QStringLiteral(" 4") };
        deleted.sort();
        QCOMPARE(queryRows(ws, "SELECT sha, deleted_lines FROM commits WHERE subject LIKE 'C1%' OR subject LIKE 'C2%'"), deleted);
    });
}

void TestGitImport::churnOfDeletedAndRenamedFiles()
{
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        r.write(QStringLiteral("g.txt"), numbered("g", 1, 5));
        r.write(QStringLiteral("keep.txt"), numbered("a kept line of text", 1, 8));
        const QString c0 = r.commit(QStringLiteral("C0"), 0);
        r.remove(QStringLiteral("g.txt")); // day 2: g's 5 lines churned at 2 days
        const QString c1 = r.commit(QStringLiteral("C1 delete g"), 2 * kDay);
        r.move(QStringLiteral("keep.txt"), QStringLiteral("kept.txt")); // day 4: an exact rename is not churn
        r.commit(QStringLiteral("C2 rename keep"), 2 * kDay);
        const QString ws = freshWorkspace();
        importInto(ws, r.dir());
        QCOMPARE(churnRows(ws), QStringList { churnRow(c0, c1, "g.txt", 5, 2 * kDayMs) });
    });
}

void TestGitImport::incrementalImport()
{
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        mergeWithConflict(r);
        r.write(QStringLiteral("f.txt"), replaceLine(r.read(QStringLiteral("f.txt")), 3, "main 3"));
        r.commit(QStringLiteral("main: 3"));
        const QString ws = freshWorkspace();
        const auto first = importInto(ws, r.dir());
        QVERIFY(!first.incremental);
        QCOMPARE(first.newCommits, 5);

        // Two new commits on top of the imported head: tracked from the stored blame.
        r.write(QStringLiteral("f.txt"), replaceLine(r.read(QStringLiteral("f.txt")), 7, "main 7"));
        r.commit(QStringLiteral("main: 7"));
        r.write(QStringLiteral("g.txt"), r.read(QStringLiteral("g.txt")) + "g 6\n");
        r.write(QStringLiteral("f.txt"), replaceLine(r.read(QStringLiteral("f.txt")), 1, "main 1 again"));
        r.commit(QStringLiteral("main: g6, 1"));
        const auto second = importInto(ws, r.dir());
        QVERIFY(second.incremental);
        QCOMPARE(second.commitsProcessed, 2);
        QCOMPARE(second.newCommits, 2);
        QCOMPARE(second.headSha, r.rev(QStringLiteral("HEAD")));
        Agreement a = compareBlame(r, ws);
        QVERIFY2(a.agreeing == a.total, a.text());
        const QString full = freshWorkspace();
        importInto(full, r.dir());
        QCOMPARE(snapshot(ws), snapshot(full));

        // Nothing new: no rows.
        const QStringList before = snapshot(ws);
        const auto third = importInto(ws, r.dir());
        QCOMPARE(third.newCommits, 0);
        QCOMPARE(third.commitsProcessed, 0);
        QCOMPARE(third.summary.rowsInserted, 0);
        QCOMPARE(snapshot(ws), before);

        // A branch forked from the first commit and merged: the importer replays the line tracking.
        r.checkout("-b late HEAD~5"); // "base"
        r.write(QStringLiteral("g.txt"), replaceLine(r.read(QStringLiteral("g.txt")), 4, "late g4"));
        r.commit(QStringLiteral("late 1"));
        r.write(QStringLiteral("late.txt"), numbered("late", 1, 3));
        r.commit(QStringLiteral("late 2"));
        r.checkout("main");
        if (!r.merge(QStringLiteral("late"), QStringLiteral("merge late")))
            throw std::runtime_error("merge of late conflicted");
        const auto fourth = importInto(ws, r.dir());
        QCOMPARE(fourth.newCommits, 3);
        QCOMPARE(fourth.headSha, r.rev(QStringLiteral("HEAD")));
        a = compareBlame(r, ws);
        QVERIFY2(a.agreeing == a.total, a.text());
        const QString full2 = freshWorkspace();
        importInto(full2, r.dir());
        QCOMPARE(snapshot(ws), snapshot(full2));
    });
}

void TestGitImport::cancelLeavesWorkspaceUnchanged()
{
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        for (int i = 1; i <= 8; ++i) {
            r.write(QStringLiteral("f%1.txt").arg(i % 3), numbered("line", 1, 20 + i));
            r.commit(QStringLiteral("commit %1").arg(i));
        }
        const QString ws = freshWorkspace();
        store::Workspace::create(ws);
        for (int round = 0; round < 2; ++round) {
            const QByteArray hash = fileSha256(ws);
            std::int64_t lastDone = -1;
            auto cancelAfterThree = [&lastDone](std::int64_t done, std::int64_t) {
                lastDone = done;
                return done < 3;
            };
            {
                auto w = store::Workspace::open(ws);
                fgit::GitImportOptions o;
                o.repository = r.dir();
                QVERIFY_THROWS_EXCEPTION(ImportCancelled, fgit::GitHistoryImporter::run(w, o, cancelAfterThree));
            }
            QVERIFY(lastDone >= 3);
            QCOMPARE(fileSha256(ws), hash);
            // Second round: an imported workspace, new commits, cancelled again.
            importInto(ws, r.dir());
            for (int i = 9; i <= 12; ++i) {
                r.write(QStringLiteral("f%1.txt").arg(i % 3), numbered("line", 2, 20 + i));
                r.commit(QStringLiteral("commit %1").arg(i));
            }
        }
    });
}

void TestGitImport::badRepository_data()
{
    QTest::addColumn<QString>("kind");
    for (const char* k : { "not a repository", "missing path", "empty repository", "missing blob", "corrupt blob",
             "missing tree", "missing commit" })
        QTest::addRow("%s", k) << q(k);
}

void TestGitImport::badRepository()
{
    QFETCH(QString, kind);
    guarded([&] {
        // A workspace holding an earlier import, so "unchanged" means something.
        Scratch good = Scratch::create(fresh(QStringLiteral("good")));
        good.write(QStringLiteral("a.txt"), numbered("a", 1, 4));
        good.commit(QStringLiteral("good"));
        const QString ws = freshWorkspace();
        importInto(ws, good.dir());

        QString repo = fresh(QStringLiteral("bad"));
        QStringList needles { QFileInfo(repo).absoluteFilePath() };
        if (kind == QLatin1String("not a repository")) {
            QDir().mkpath(repo);
            QFile f(repo + QStringLiteral("/file.txt"));
            QVERIFY(f.open(QIODevice::WriteOnly));
        } else if (kind == QLatin1String("empty repository")) {
            Scratch::create(repo);
        } else if (kind != QLatin1String("missing path")) {
            Scratch r = Scratch::create(repo);
            r.write(QStringLiteral("a.txt"), numbered("a", 1, 5));
            r.write(QStringLiteral("b.txt"), numbered("b", 1, 5));
            r.commit(QStringLiteral("one"));
            r.write(QStringLiteral("a.txt"), numbered("a", 1, 6));
            r.commit(QStringLiteral("two"));
            r.write(QStringLiteral("b.txt"), numbered("b", 1, 7));
            r.commit(QStringLiteral("three"));
            QString object;
            if (kind == QLatin1String("missing blob") || kind == QLatin1String("corrupt blob"))
                object = r.rev(QStringLiteral("HEAD:b.txt"));
            else if (kind == QLatin1String("missing tree"))
                object = r.rev(QStringLiteral("HEAD~1^{tree}"));
            else
                object = r.rev(QStringLiteral("HEAD~1"));
            QFile file(r.objectFile(object));
            QVERIFY2(file.exists(), qPrintable(file.fileName()));
            if (kind == QLatin1String("corrupt blob")) {
                file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
                QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
                file.write("this is not a zlib stream");
                file.close();
            } else {
                QVERIFY(file.remove());
            }
            needles = QStringList { object.left(12) };
        }
        const QByteArray hash = fileSha256(ws);
        QString message;
        try {
            importInto(ws, repo);
            QFAIL("the import succeeded");
        } catch (const ImportError& e) {
            message = QString::fromUtf8(e.what());
        }
        for (const QString& needle : needles)
            QVERIFY2(message.contains(needle), qPrintable(QStringLiteral("'%1' does not name %2").arg(message, needle)));
        QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
        QCOMPARE(fileSha256(ws), hash);
    });
}

void TestGitImport::shallowClone()
{
    guarded([&] {
        Scratch src = Scratch::create(fresh(QStringLiteral("src")));
        mergeWithConflict(src);
        src.write(QStringLiteral("f.txt"), replaceLine(src.read(QStringLiteral("f.txt")), 9, "after 9"));
        src.commit(QStringLiteral("after merge"));
        const QString dst = fresh(QStringLiteral("shallow"));
        src.git({ QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--depth"), QStringLiteral("2"),
            QStringLiteral("file://") + src.dir(), dst });
        Scratch r(dst);
        QVERIFY(QFile::exists(r.path(QStringLiteral(".git/shallow"))));
        const QString ws = freshWorkspace();
        const auto report = importInto(ws, dst);
        QVERIFY2(report.notices.join(QLatin1Char(' ')).contains(QLatin1String("shallow"), Qt::CaseInsensitive),
            qPrintable(report.notices.join(QLatin1Char('|'))));
        QCOMPARE(report.commitsWalked, r.count({ QStringLiteral("HEAD") }));
        const Agreement a = compareBlame(r, ws);
        QVERIFY2(a.agreeing == a.total, a.text());
    });
}

void TestGitImport::submodule()
{
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        r.write(QStringLiteral("a.txt"), numbered("a", 1, 4));
        r.commit(QStringLiteral("one"));
        r.write(QStringLiteral(".gitmodules"), "[submodule \"sub\"]\n\tpath = sub\n\turl = ./nowhere\n");
        r.git("add .gitmodules");
        r.git("update-index --add --cacheinfo 160000,1111111111111111111111111111111111111111,sub");
        r.commit(QStringLiteral("add submodule"), kHour, true);
        r.git("update-index --cacheinfo 160000,2222222222222222222222222222222222222222,sub");
        r.write(QStringLiteral("a.txt"), numbered("a", 1, 5));
        r.git("add a.txt");
        r.commit(QStringLiteral("bump submodule, edit a"), kHour, true);
        const QString ws = freshWorkspace();
        importInto(ws, r.dir());
        const Agreement a = compareBlame(r, ws);
        QVERIFY2(a.agreeing == a.total, a.text());
        auto w = store::Workspace::openReadOnly(ws);
        QVERIFY(store::blameAtHead(w.db(), onlyRepoId(w.db()), QStringLiteral("sub")).empty());
    });
}

void TestGitImport::symlinks()
{
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        r.write(QStringLiteral("a.txt"), numbered("a", 1, 4));
        r.write(QStringLiteral("was-file.txt"), "regular\n");
        r.write(QStringLiteral("was-link"), {});
        QFile::remove(r.path(QStringLiteral("was-link")));
        QVERIFY(QFile::link(QStringLiteral("a.txt"), r.path(QStringLiteral("was-link"))));
        QVERIFY(QFile::link(QStringLiteral("a.txt"), r.path(QStringLiteral("link"))));
        QVERIFY(QFile::link(QStringLiteral("../../../../etc/passwd"), r.path(QStringLiteral("outside"))));
        r.commit(QStringLiteral("links"));
        QFile::remove(r.path(QStringLiteral("link")));
        QVERIFY(QFile::link(QStringLiteral("was-file.txt"), r.path(QStringLiteral("link"))));
        QFile::remove(r.path(QStringLiteral("was-file.txt")));
        QVERIFY(QFile::link(QStringLiteral("a.txt"), r.path(QStringLiteral("was-file.txt"))));
        QFile::remove(r.path(QStringLiteral("was-link")));
        r.write(QStringLiteral("was-link"), "now a regular file\n");
        r.commit(QStringLiteral("retarget, type changes"));
        const QString ws = freshWorkspace();
        importInto(ws, r.dir());
        const Agreement a = compareBlame(r, ws);
        QVERIFY2(a.agreeing == a.total, a.text());
        auto w = store::Workspace::openReadOnly(ws);
        for (const char* link : { "link", "outside", "was-file.txt" })
            QVERIFY2(store::blameAtHead(w.db(), onlyRepoId(w.db()), q(link)).empty(), link);
    });
}

void TestGitImport::hugeCommitMessage()
{
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        r.write(QStringLiteral("a.txt"), numbered("a", 1, 4));
        r.commit(QStringLiteral("one"));
        QByteArray message = "A very long commit message\n\n";
        while (message.size() < 10 * 1024 * 1024)
            message += "This paragraph repeats until the message weighs ten megabytes. Co-authored-by nobody.\n";
        const QString file = fresh(QStringLiteral("message.txt"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(message);
        }
        r.write(QStringLiteral("a.txt"), numbered("a", 1, 5));
        r.git("add -A");
        r.clock += kHour;
        r.git({ QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-F"), file });
        const QString ws = freshWorkspace();
        const auto report = importInto(ws, r.dir());
        QCOMPARE(report.newCommits, 2);
        auto w = store::Workspace::openReadOnly(ws);
        const auto c = store::findCommits(w.db(), r.rev(QStringLiteral("HEAD")));
        QCOMPARE(c.size(), size_t(1));
        QCOMPARE(c.front().subject, QStringLiteral("A very long commit message"));
        QCOMPARE(c.front().addedLines, 1);
    });
}

void TestGitImport::invalidEncodings()
{
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        r.write(QStringLiteral("a.txt"), numbered("a", 1, 4));
        r.commit(QStringLiteral("one"));
        // 1. A Latin-1 message declared with i18n.commitEncoding.
        const QString msgFile = r.path(QStringLiteral(".git/latin1-message"));
        {
            QFile f(msgFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Caf\xe9 cr\xe8me\n\nna\xefve body\n");
        }
        r.write(QStringLiteral("a.txt"), numbered("a", 1, 5));
        r.git("add -A");
        r.clock += kHour;
        r.git({ QStringLiteral("-c"), QStringLiteral("i18n.commitEncoding=ISO-8859-1"), QStringLiteral("commit"), QStringLiteral("-q"),
            QStringLiteral("-F"), msgFile });
        // 2. A file name that is not UTF-8, and a Latin-1 author declared by an encoding header.
        const QString blob = QString::fromLatin1(r.git({ QStringLiteral("hash-object"), QStringLiteral("-w"), QStringLiteral("--stdin") },
            "hello\nworld\n").trimmed());
        r.git({ QStringLiteral("update-index"), QStringLiteral("--add"), QStringLiteral("--index-info") },
            "100644 blob " + blob.toLatin1() + "\tbad-\xff-name.txt\n");
        auto rawCommit = [&r](const QByteArray& headers, const QByteArray& message) {
            const QByteArray tree = r.git("write-tree").trimmed();
            const QByteArray parent = r.rev(QStringLiteral("HEAD")).toLatin1();
            const QByteArray body = "tree " + tree + "\nparent " + parent + "\n" + headers + "\n" + message;
            const QString sha = QString::fromLatin1(r.git({ QStringLiteral("hash-object"), QStringLiteral("-t"), QStringLiteral("commit"),
                QStringLiteral("-w"), QStringLiteral("--literally"), QStringLiteral("--stdin") }, body).trimmed());
            r.git({ QStringLiteral("update-ref"), QStringLiteral("refs/heads/main"), sha });
            return sha;
        };
        const QByteArray t = QByteArray::number(kEpoch + 10 * kDay) + " +0000";
        const QString latin1 = rawCommit("author Jos\xe9 M\xfcller <jm@example.com> " + t + "\ncommitter Jos\xe9 M\xfcller <jm@example.com> " + t
                + "\nencoding ISO-8859-1\n",
            "Gr\xfc\xdf" "e\n");
        // 3. Raw invalid UTF-8 in names and message, with no encoding header.
        r.write(QStringLiteral("a.txt"), numbered("a", 1, 6));
        r.git("add a.txt");
        const QString invalid = rawCommit("author Bad\xff\xfeName <bad@example.com> " + t + "\ncommitter Bad\xc3(Committer <bad@example.com> " + t + "\n",
            "subject \xff\xfe\xfd\n\nbody \xc0\xaf\n");

        const QString ws = freshWorkspace();
        const auto report = importInto(ws, r.dir());
        QCOMPARE(report.newCommits, 4);
        {
            auto w = store::Workspace::openReadOnly(ws);
            // Declared encodings are decoded like git log does.
            const auto l = store::findCommits(w.db(), latin1);
            QCOMPARE(l.size(), size_t(1));
            QCOMPARE(l.front().authorName, QString::fromUtf8(r.git({ QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%an"), latin1 }).trimmed()));
            QCOMPARE(l.front().authorName, QStringLiteral("Jos\u00e9 M\u00fcller"));
            const auto cafe = store::findCommits(w.db(), r.rev(QStringLiteral("HEAD~2")));
            QCOMPARE(cafe.front().subject, QStringLiteral("Caf\u00e9 cr\u00e8me"));
            const auto bad = store::findCommits(w.db(), invalid);
            QVERIFY(bad.front().authorName.startsWith(QLatin1String("Bad")));
            QVERIFY(bad.front().subject.startsWith(QLatin1String("subject")));
            QStringList invalidUtf8;
            auto st = w.db().prepare("SELECT sha, author_name, committer_name, subject, message FROM commits");
            const char* columns[] = { "sha", "author_name", "committer_name", "subject", "message" };
            while (st.step()) {
                for (int c = 1; c < 5; ++c) {
                    if (!isValidUtf8(st.utf8(c)))
                        invalidUtf8 << QStringLiteral("commit %1 %2 = %3").arg(st.text(0).left(10), q(columns[c]), QString::fromLatin1(st.utf8(c).left(24).toHex(' ')));
                }
            }
            for (const char* table : { "line_spans", "commit_files" }) {
                auto p = w.db().prepare(std::string("SELECT path FROM ") + table);
                while (p.step()) {
                    if (!isValidUtf8(p.utf8(0)))
                        invalidUtf8 << QStringLiteral("%1.path = %2").arg(q(table), QString::fromLatin1(p.utf8(0).toHex(' ')));
                }
            }
            QVERIFY2(invalidUtf8.isEmpty(), qPrintable(QStringLiteral("stored as invalid UTF-8: ") + invalidUtf8.join(QStringLiteral("; "))));
            // Every text file at HEAD has spans, the badly named one too.
            QCOMPARE(w.db().queryInt64("SELECT count(DISTINCT path) FROM line_spans"), 2);
        }
        const Agreement a = compareBlame(r, ws);
        QVERIFY2(a.agreeing == a.total, a.text());
    });
}

void TestGitImport::neverRunsHooksOrFilters()
{
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        r.write(QStringLiteral(".gitattributes"), "* filter=x diff=x\n");
        r.write(QStringLiteral("a.txt"), numbered("a", 1, 4));
        r.commit(QStringLiteral("one"));
        r.write(QStringLiteral("a.txt"), numbered("a", 1, 5));
        r.commit(QStringLiteral("two"));
        const QString marker = fresh(QStringLiteral("marker"));
        const QString script = QStringLiteral("#!/bin/sh\ntouch '%1'\n").arg(marker);
        for (const char* hook : { "post-checkout", "post-commit", "pre-commit", "post-merge", "reference-transaction", "pre-auto-gc" }) {
            const QString p = r.path(QStringLiteral(".git/hooks/") + q(hook));
            r.write(QStringLiteral(".git/hooks/") + q(hook), script.toUtf8());
            QFile::setPermissions(p, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
        const QString touch = QStringLiteral("touch '%1'").arg(marker);
        for (const char* key : { "filter.x.smudge", "filter.x.clean", "filter.x.process", "diff.x.textconv", "diff.x.command", "core.fsmonitor" })
            r.git({ QStringLiteral("config"), q(key), touch });
        r.git("config filter.x.required true");
        const QString ws = freshWorkspace();
        importInto(ws, r.dir());
        QVERIFY2(!QFile::exists(marker), "the import ran a hook, filter or external command");
    });
}

void TestGitImport::excludeAndSizeCap()
{
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        r.write(QStringLiteral("src/main.c"), fn(1) + fn(2));
        r.write(QStringLiteral("vendor/lib.c"), fn(3));
        r.write(QStringLiteral("big.txt"), numbered("a line that makes the file bigger than the cap", 1, 60));
        r.commit(QStringLiteral("one"));
        r.write(QStringLiteral("vendor/lib.c"), fn(3) + fn(4));
        r.commit(QStringLiteral("vendor only"));
        r.write(QStringLiteral("src/main.c"), fn(1) + fn(5) + fn(2));
        r.write(QStringLiteral("big.txt"), numbered("a line that makes the file bigger than the cap", 1, 61));
        r.commit(QStringLiteral("three"));
        const QString ws = freshWorkspace();
        fgit::GitImportOptions o;
        o.excludeGlobs = QStringList { QStringLiteral("vendor/*") };
        o.maxBlobBytes = 1024;
        importInto(ws, r.dir(), o);
        QCOMPARE(queryRows(ws, "SELECT DISTINCT path FROM line_spans"), QStringList { QStringLiteral("src/main.c") });
        QCOMPARE(queryRows(ws, "SELECT count(*) FROM commit_files WHERE path LIKE 'vendor/%'"), QStringList { QStringLiteral("0") });
        QCOMPARE(queryRows(ws, "SELECT added_lines FROM commits WHERE subject = 'vendor only'"), QStringList { QStringLiteral("0") });
        auto w = store::Workspace::openReadOnly(ws);
        const auto spans = store::blameAtHead(w.db(), onlyRepoId(w.db()), QStringLiteral("src/main.c"));
        QList<QByteArray> git = gitBlame(r, QStringLiteral("HEAD"), QStringLiteral("src/main.c"), false);
        QStringList ours;
        for (const auto& s : spans)
            for (std::uint32_t k = 0; k < s.lineCount; ++k)
                ours << s.sha;
        QStringList theirs;
        for (const QByteArray& g : git)
            theirs << QString::fromLatin1(g);
        QCOMPARE(ours, theirs);
    });
}

void TestGitImport::cliNotARepository()
{
    const QString dir = fresh(QStringLiteral("plain"));
    QVERIFY(QDir().mkpath(dir));
    const QString ws = freshWorkspace();
    store::Workspace::create(ws);
    const QByteArray hash = fileSha256(ws);
    const auto r = runFaultline({ QStringLiteral("import"), QStringLiteral("git"), dir, QStringLiteral("--workspace"), ws });
    QCOMPARE(r.exitCode, 1);
    const QStringList lines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.front().contains(dir), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    QCOMPARE(fileSha256(ws), hash);
}

void TestGitImport::cliBlameFormat()
{
    guarded([&] {
        Scratch r = Scratch::create(fresh(QStringLiteral("repo")));
        evilMerge(r);
        const QString ws = freshWorkspace();
        const auto imported = runFaultline({ QStringLiteral("import"), QStringLiteral("git"), r.dir(), QStringLiteral("--workspace"), ws });
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QVERIFY2(imported.out.startsWith(QLatin1String("Imported ")), qPrintable(imported.out));
        const auto blame = runFaultline({ QStringLiteral("blame"), QStringLiteral("--workspace"), ws, QStringLiteral("f.txt") });
        QVERIFY2(blame.exitCode == 0, qPrintable(blame.err));
        const QList<QByteArray> git = gitBlame(r, QStringLiteral("HEAD"), QStringLiteral("f.txt"), false);
        const QStringList lines = blame.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), git.size());
        static const QRegularExpression format(QStringLiteral("^([0-9a-f]{40}) ([1-9][0-9]*)$"));
        for (int i = 0; i < lines.size(); ++i) {
            const auto m = format.match(lines[i]);
            QVERIFY2(m.hasMatch(), qPrintable(lines[i]));
            QCOMPARE(m.captured(2).toInt(), i + 1);
            QCOMPARE(m.captured(1), QString::fromLatin1(git[i]));
        }
        // A path that is not a text file at HEAD: exit code 1 and a message naming it.
        const auto missing = runFaultline({ QStringLiteral("blame"), QStringLiteral("--workspace"), ws, QStringLiteral("nope.txt") });
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QLatin1String("nope.txt")));
    });
}

QTEST_GUILESS_MAIN(TestGitImport)
#include "tst_git_import.moc"
